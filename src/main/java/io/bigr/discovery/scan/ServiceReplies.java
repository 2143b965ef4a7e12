package io.bigr.discovery.scan;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service's first bytes say (docs/DOMAIN.md §5.12): the greetings of services that speak first (SSH, FTP,
 * SMTP, POP3, IMAP, Telnet, VNC, MySQL), the answers to the small probes sent to services that wait for the client
 * (RTSP, PostgreSQL, RDP, MQTT, PJL), and the HTTP-style response head. Pure functions over bytes; the requests
 * themselves are here too so that a test can replay them. No I/O.
 */
final class ServiceReplies {
    /** The longest greeting line kept. */
    static final int MAX_LINE = 200;

    /** A recognised answer: the service name, its greeting or status text, and the wire protocol when known. */
    record Reply(String service, String text, String protocol) {
    }

    private static final int IAC = 255;
    private static final int DONT = 254;
    private static final int DO = 253;
    private static final int WONT = 252;
    private static final int WILL = 251;
    private static final int SB = 250;
    private static final int SE = 240;

    private static final Pattern SERVER = Pattern.compile("(?im)^server:[ \\t]*(.{0,200}?)\\r?$");
    private static final Pattern LOCATION = Pattern.compile("(?im)^location:[ \\t]*(.{0,300}?)\\r?$");
    private static final Pattern REALM = Pattern.compile("(?im)^www-authenticate:[^\\r\\n]*?realm\\s*=\\s*"
            + "(?:\"([^\"\\r\\n]{0,200})\"|([^,\\s]{1,200}))");
    private static final Pattern TITLE = Pattern.compile("<title[^>]*>([^<]{0,200})", Pattern.CASE_INSENSITIVE);

    private ServiceReplies() {
    }

    // ---- greetings -------------------------------------------------------------------------------------------

    /**
     * The service a greeting names, or null for no bytes. Telnet option negotiation is stripped first
     * ({@link #telnetText}); a MySQL handshake packet gives the server version string.
     */
    static Reply greeting(byte[] raw, int len, int port) {
        if (len <= 0) {
            return null;
        }
        if ((raw[0] & 0xff) == IAC) {
            return new Reply("telnet", firstLine(telnetText(raw, len)), "telnet");
        }
        Reply mysql = mysql(raw, len);
        if (mysql != null) {
            return mysql;
        }
        String text = new String(raw, 0, len, StandardCharsets.ISO_8859_1);
        String line = firstLine(text);
        String lower = line.toLowerCase(Locale.ROOT);
        if (line.startsWith("SSH-")) {
            int dash = line.indexOf('-', 4);
            return new Reply("ssh", line, dash < 0 ? "SSH" : line.substring(0, dash));
        }
        if (line.startsWith("RFB ")) {
            return new Reply("vnc", line, line.length() >= 11 ? line.substring(0, 11) : line);
        }
        if (line.startsWith("+OK")) {
            return new Reply("pop3", line, null);
        }
        if (line.startsWith("* OK") || line.startsWith("* PREAUTH")) {
            return new Reply("imap", line, null);
        }
        if (line.startsWith("HTTP/")) {
            return new Reply("http", line, protocolOf(line));
        }
        if (line.startsWith("RTSP/")) {
            return new Reply("rtsp", line, protocolOf(line));
        }
        if (line.startsWith("220") || line.startsWith("421") || line.startsWith("554")) {
            return new Reply(ftpOrSmtp(lower, port), line, null);
        }
        return mostlyText(raw, len) && !line.isEmpty() ? new Reply("unknown", line, null) : null;
    }

    /**
     * Whether unrecognised bytes are worth keeping as text: not a TLS record (an alert sent back to a clear-text
     * request), and at least three quarters printable.
     */
    static boolean mostlyText(byte[] raw, int len) {
        if (len >= 2 && (raw[0] == 0x15 || raw[0] == 0x16) && raw[1] == 0x03) {
            return false;
        }
        int printable = 0;
        for (int i = 0; i < len; i++) {
            int b = raw[i] & 0xff;
            if (b >= 0x20 && b < 0x7f || b == '\r' || b == '\n' || b == '\t' || b >= 0xa0) {
                printable++;
            }
        }
        return printable * 4 >= len * 3;
    }

    private static String ftpOrSmtp(String lower, int port) {
        if (lower.contains("ftp")) {
            return "ftp";
        }
        if (lower.contains("smtp") || lower.contains("postfix") || lower.contains("exim")
                || lower.contains("sendmail") || lower.contains(" mail")) {
            return "smtp";
        }
        return switch (port) {
            case 21, 990, 2121 -> "ftp";
            case 25, 465, 587, 2525 -> "smtp";
            default -> "unknown";
        };
    }

    /**
     * A MySQL/MariaDB initial handshake (protocol 10: the NUL-terminated server version follows) or an error packet
     * sent instead (host not allowed); null when the bytes are not one.
     */
    static Reply mysql(byte[] raw, int len) {
        if (len < 6) {
            return null;
        }
        int payload = (raw[0] & 0xff) | (raw[1] & 0xff) << 8 | (raw[2] & 0xff) << 16;
        if (raw[3] != 0 || payload < 2 || payload > 1 << 16) {
            return null;
        }
        int kind = raw[4] & 0xff;
        if (kind == 0x0a) {
            int end = 5;
            while (end < len && raw[end] != 0 && end - 5 < 100) {
                if (raw[end] < 0x20 || raw[end] > 0x7e) {
                    return null;
                }
                end++;
            }
            if (end == 5 || end >= len || raw[end] != 0) {
                return null;
            }
            return new Reply("mysql", new String(raw, 5, end - 5, StandardCharsets.US_ASCII), "mysql 10");
        }
        if (kind == 0xff && len >= 8) {
            int from = 7;
            if (len > from && raw[from] == '#') {
                from += 6;  // '#' and the five-character SQL state
            }
            String message = printable(new String(raw, from, Math.max(0, Math.min(len, 4 + payload) - from),
                    StandardCharsets.ISO_8859_1));
            return message.isEmpty() ? null : new Reply("mysql", message, "mysql");
        }
        return null;
    }

    /** The text of a Telnet stream with every IAC command and sub-negotiation removed. */
    static String telnetText(byte[] raw, int len) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < len) {
            int b = raw[i] & 0xff;
            if (b != IAC) {
                out.write(b);
                i++;
            } else if (i + 1 < len && (raw[i + 1] & 0xff) == IAC) {
                out.write(IAC);
                i += 2;
            } else if (i + 1 < len && (raw[i + 1] & 0xff) == SB) {
                i += 2;
                while (i + 1 < len && !((raw[i] & 0xff) == IAC && (raw[i + 1] & 0xff) == SE)) {
                    i++;
                }
                i += 2;
            } else if (i + 1 < len && (raw[i + 1] & 0xff) >= WILL && (raw[i + 1] & 0xff) <= DONT) {
                i += 3;
            } else {
                i += 2;
            }
        }
        return printable(out.toString(StandardCharsets.ISO_8859_1)).strip();
    }

    /**
     * The refusals to a Telnet server's option requests: WONT to every DO, DONT to every WILL. Refusing changes
     * nothing on the server; many send their login text only once the negotiation is answered.
     */
    static byte[] telnetRefusals(byte[] raw, int len) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i + 2 < len; i++) {
            if ((raw[i] & 0xff) == IAC) {
                int verb = raw[i + 1] & 0xff;
                if (verb == DO || verb == WILL) {
                    out.write(IAC);
                    out.write(verb == DO ? WONT : DONT);
                    out.write(raw[i + 2]);
                    i += 2;
                } else if (verb == IAC) {
                    i++;
                }
            }
        }
        return out.toByteArray();
    }

    // ---- HTTP-style heads ------------------------------------------------------------------------------------

    /** The {@code GET /} sent where nothing greets. */
    static byte[] httpGet(String ip, int port) {
        String host = port == 80 || port == 443 ? ip : ip + ":" + port;
        return ("GET / HTTP/1.0\r\nHost: " + host + "\r\nUser-Agent: " + Banners.USER_AGENT + "\r\nAccept: */*\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The fields of an HTTP or RTSP response head, and the page title from the decoded body. */
    record Head(String protocol, String server, String realm, String location, String title) {
    }

    static Head head(String head, String body) {
        return new Head(protocolOf(firstLine(head)), group(SERVER.matcher(head)), realm(head),
                group(LOCATION.matcher(head)), body == null ? null : title(body));
    }

    private static String realm(String head) {
        Matcher m = REALM.matcher(head);
        if (!m.find()) {
            return null;
        }
        String v = m.group(1) != null ? m.group(1) : m.group(2);
        return v == null || v.isBlank() ? null : v.strip();
    }

    static String title(String body) {
        Matcher m = TITLE.matcher(body);
        if (!m.find()) {
            return null;
        }
        String t = m.group(1).strip().replaceAll("\\s+", " ");
        return t.isEmpty() ? null : t;
    }

    private static String group(Matcher m) {
        if (!m.find()) {
            return null;
        }
        String v = m.group(1).strip();
        return v.isEmpty() ? null : v;
    }

    /** {@code HTTP/1.1} of {@code HTTP/1.1 200 OK}; null when the line is no status line. */
    static String protocolOf(String statusLine) {
        int sp = statusLine.indexOf(' ');
        String p = sp < 0 ? statusLine : statusLine.substring(0, sp);
        return p.matches("(HTTP|RTSP)/\\d(\\.\\d)?") ? p : null;
    }

    // ---- probes for services that wait for the client --------------------------------------------------------

    /** RTSP {@code OPTIONS}: lists methods, starts no stream. */
    static byte[] rtspOptions(String ip, int port) {
        return ("OPTIONS rtsp://" + ip + ":" + port + "/ RTSP/1.0\r\nCSeq: 1\r\nUser-Agent: " + Banners.USER_AGENT
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** PostgreSQL SSLRequest (length 8, code 80877103): the server answers one byte and waits. */
    static final byte[] POSTGRES_SSL_REQUEST = {0, 0, 0, 8, 0x04, (byte) 0xd2, 0x16, 0x2f};

    static Reply postgres(byte[] raw, int len) {
        if (len < 1) {
            return null;
        }
        return switch (raw[0]) {
            case 'S' -> new Reply("postgresql", "SSLRequest: S (TLS offered)", "postgresql");
            case 'N' -> new Reply("postgresql", "SSLRequest: N (no TLS)", "postgresql");
            case 'E' -> len > 5 ? new Reply("postgresql", firstLine(printable(new String(raw, 5, len - 5,
                    StandardCharsets.ISO_8859_1))), "postgresql") : null;
            default -> null;
        };
    }

    /** RDP: an X.224 Connection Request carrying an RDP negotiation request (standard RDP, TLS or CredSSP). */
    static final byte[] RDP_CONNECTION_REQUEST = {
        0x03, 0x00, 0x00, 0x13, 0x0e, (byte) 0xe0, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x01, 0x00, 0x08, 0x00, 0x0b, 0x00, 0x00, 0x00};

    static Reply rdp(byte[] raw, int len) {
        // TPKT version 3, then an X.224 Connection Confirm (0xd0)
        if (len < 7 || raw[0] != 0x03 || raw[1] != 0x00 || (raw[5] & 0xf0) != 0xd0) {
            return null;
        }
        String text = "X.224 Connection Confirm";
        if (len >= 19 && raw[11] == 0x02) {
            int selected = (raw[15] & 0xff) | (raw[16] & 0xff) << 8;
            text += switch (selected) {
                case 0 -> ", protocol RDP";
                case 1 -> ", protocol TLS";
                case 2 -> ", protocol CredSSP";
                case 8 -> ", protocol CredSSP-EX";
                default -> ", protocol " + selected;
            };
        } else if (len >= 19 && raw[11] == 0x03) {
            text += ", negotiation failure " + (raw[15] & 0xff);
        }
        return new Reply("rdp", text, "X.224");
    }

    /** MQTT 3.1.1 CONNECT: clean session, no will, no credentials, keep-alive 10 s. */
    static final byte[] MQTT_CONNECT;
    /** MQTT DISCONNECT, sent after the CONNACK so the broker keeps no session. */
    static final byte[] MQTT_DISCONNECT = {(byte) 0xe0, 0x00};

    static {
        byte[] id = "bigr-discovery".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x0a, 0x00, (byte) id.length});
        b.writeBytes(id);
        byte[] body = b.toByteArray();
        byte[] packet = new byte[body.length + 2];
        packet[0] = 0x10;
        packet[1] = (byte) body.length;
        System.arraycopy(body, 0, packet, 2, body.length);
        MQTT_CONNECT = packet;
    }

    static Reply mqtt(byte[] raw, int len) {
        if (len < 4 || (raw[0] & 0xff) != 0x20 || raw[1] != 0x02) {
            return null;
        }
        int code = raw[3] & 0xff;
        String meaning = switch (code) {
            case 0 -> "accepted";
            case 1 -> "unacceptable protocol version";
            case 2 -> "identifier rejected";
            case 3 -> "server unavailable";
            case 4 -> "bad user name or password";
            case 5 -> "not authorized";
            default -> "code " + code;
        };
        return new Reply("mqtt", "CONNACK " + code + " (" + meaning + ")", "MQTT 3.1.1");
    }

    /** PJL {@code INFO ID} inside Universal Exit Language brackets: asks the printer's model, prints nothing. */
    static final byte[] PJL_INFO_ID = "\u001b%-12345X@PJL INFO ID\r\n\u001b%-12345X\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    static Reply pjl(byte[] raw, int len) {
        String text = new String(raw, 0, len, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("@PJL INFO ID");
        if (at < 0) {
            return null;
        }
        for (String line : text.substring(at + "@PJL INFO ID".length()).split("\r?\n")) {
            String id = printable(line).strip();
            if (id.startsWith("\"") && id.endsWith("\"") && id.length() > 1) {
                id = id.substring(1, id.length() - 1).strip();
            }
            if (!id.isEmpty()) {
                return new Reply("pjl", id, "PJL");
            }
        }
        return null;
    }

    // ---- text helpers ----------------------------------------------------------------------------------------

    /** The first non-blank line, control characters shown as '.', at most {@link #MAX_LINE} characters. */
    static String firstLine(String s) {
        for (String line : s.split("\r?\n|\r")) {
            String t = printable(line).strip();
            if (!t.isEmpty()) {
                return t.length() > MAX_LINE ? t.substring(0, MAX_LINE) : t;
            }
        }
        return "";
    }

    /** Control characters other than tab and line breaks replaced by '.'. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f ? '.' : c);
        }
        return b.toString();
    }
}
