package io.bigr.discovery.scan;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the bytes of an HTTP response into text (docs/DOMAIN.md §4.4): the head is ISO-8859-1 (HTTP header bytes
 * map one to one), the body is decoded with the charset of the {@code Content-Type} header, else of the page's
 * {@code <meta charset>} or {@code <meta http-equiv="Content-Type" content="...; charset=...">}, else UTF-8. An
 * unknown charset name counts as none; bytes that are not valid in the chosen charset become U+FFFD.
 */
final class HttpText {
    private static final Pattern HEADER = Pattern.compile("(?im)^content-type:[^\\r\\n]*?charset\\s*=\\s*[\"']?"
            + "([A-Za-z0-9._:+-]+)");
    // <meta charset="utf-8"> and <meta http-equiv="Content-Type" content="text/html; charset=iso-8859-9">
    private static final Pattern META = Pattern.compile("<meta\\b[^>]*?charset\\s*=\\s*[\"']?([A-Za-z0-9._:+-]+)",
            Pattern.CASE_INSENSITIVE);
    /** How far into the body a {@code <meta>} charset is looked for (HTML asks for it in the first 1,024 bytes). */
    private static final int META_WINDOW = 2048;

    private HttpText() {
    }

    /** Response head (status line and headers, without the blank line) and decoded body. */
    record Response(String head, String body) {
        /** Head and body joined as they were on the wire. */
        String text() {
            return body.isEmpty() ? head : head + "\r\n\r\n" + body;
        }
    }

    /** Splits {@code raw} at the first blank line and decodes both parts. */
    static Response decode(byte[] raw, int len) {
        int split = headEnd(raw, len);
        String head = new String(raw, 0, split < 0 ? len : split, StandardCharsets.ISO_8859_1);
        if (split < 0) {
            return new Response(head, "");
        }
        int from = split + 4;
        Charset charset = charset(head, raw, from, len - from);
        return new Response(head, decodeLenient(raw, from, len - from, charset));
    }

    /** The body's charset: header, else {@code <meta>}, else UTF-8. */
    static Charset charset(String head, byte[] body, int off, int len) {
        Charset fromHeader = named(HEADER.matcher(head));
        if (fromHeader != null) {
            return fromHeader;
        }
        // Charset names are ASCII: a one-byte view of the start of the page is enough to find the <meta>.
        String start = new String(body, off, Math.min(len, META_WINDOW), StandardCharsets.ISO_8859_1);
        Charset fromMeta = named(META.matcher(start));
        return fromMeta != null ? fromMeta : StandardCharsets.UTF_8;
    }

    private static Charset named(Matcher m) {
        if (!m.find()) {
            return null;
        }
        try {
            return Charset.forName(m.group(1));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    private static String decodeLenient(byte[] b, int off, int len, Charset charset) {
        try {
            CharBuffer out = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(b, off, len));
            return out.toString();
        } catch (CharacterCodingException e) {
            // REPLACE never throws; kept for the checked signature
            return new String(b, off, len, charset);
        }
    }

    private static int headEnd(byte[] b, int len) {
        for (int i = 0; i + 3 < len; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
