package io.bigr.discovery.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The parsers of what services say, one real reply each. */
class ServiceRepliesTest {
    /** A MySQL 8.0 initial handshake (protocol 10) as the server sends it on connect. */
    static final byte[] MYSQL_HANDSHAKE = ServiceRepliesFixture.mysqlHandshake("8.0.36-0ubuntu0.22.04.1");
    /** An X.224 Connection Confirm with an RDP negotiation response selecting CredSSP. */
    static final byte[] RDP_CONFIRM = {0x03, 0x00, 0x00, 0x13, 0x0e, (byte) 0xd0, 0x00, 0x00, 0x12, 0x34, 0x00,
        0x02, 0x1f, 0x08, 0x00, 0x02, 0x00, 0x00, 0x00};

    private static ServiceReplies.Reply greeting(String s, int port) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return ServiceReplies.greeting(b, b.length, port);
    }

    @Test
    void textGreetings() {
        assertThat(greeting("SSH-2.0-dropbear_2022.83\r\n", 2222))
                .isEqualTo(new ServiceReplies.Reply("ssh", "SSH-2.0-dropbear_2022.83", "SSH-2.0"));
        assertThat(greeting("220 ProFTPD Server (Debian) [::ffff:10.0.0.5]\r\n", 2121).service()).isEqualTo("ftp");
        assertThat(greeting("220 mx.example.org ESMTP Exim 4.96\r\n", 2525).service()).isEqualTo("smtp");
        assertThat(greeting("220 ready\r\n", 21).service()).isEqualTo("ftp");
        assertThat(greeting("220 ready\r\n", 587).service()).isEqualTo("smtp");
        assertThat(greeting("220 ready\r\n", 40000).service()).isEqualTo("unknown");
        assertThat(greeting("+OK Dovecot (Ubuntu) ready.\r\n", 110).service()).isEqualTo("pop3");
        assertThat(greeting("* OK [CAPABILITY IMAP4rev1 LITERAL+] Dovecot ready.\r\n", 143).service())
                .isEqualTo("imap");
        assertThat(greeting("RFB 003.008\n", 5900))
                .isEqualTo(new ServiceReplies.Reply("vnc", "RFB 003.008", "RFB 003.008"));
        assertThat(greeting("hello there\n", 4000)).isEqualTo(new ServiceReplies.Reply("unknown", "hello there", null));
    }

    @Test
    void binaryNoiseAndTlsAlertsAreNotKeptAsText() {
        byte[] alert = {0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x46};
        assertThat(ServiceReplies.greeting(alert, alert.length, 8080)).isNull();
        byte[] noise = {1, 2, 3, 4, 5, 6, 7, 8, 'a'};
        assertThat(ServiceReplies.greeting(noise, noise.length, 4000)).isNull();
        assertThat(ServiceReplies.greeting(new byte[0], 0, 22)).isNull();
    }

    @Test
    void mysqlHandshakeAndErrorPacket() {
        assertThat(ServiceReplies.greeting(MYSQL_HANDSHAKE, MYSQL_HANDSHAKE.length, 13306))
                .isEqualTo(new ServiceReplies.Reply("mysql", "8.0.36-0ubuntu0.22.04.1", "mysql 10"));
        byte[] maria = ServiceRepliesFixture.mysqlHandshake("5.5.5-10.11.6-MariaDB-0+deb12u1");
        assertThat(ServiceReplies.mysql(maria, maria.length).text()).isEqualTo("5.5.5-10.11.6-MariaDB-0+deb12u1");
        String msg = "Host '10.0.0.9' is not allowed to connect to this MySQL server";
        byte[] err = new byte[4 + 3 + msg.length()];
        err[0] = (byte) (3 + msg.length());
        err[4] = (byte) 0xff;
        err[5] = 0x6a;
        err[6] = 0x04;
        System.arraycopy(msg.getBytes(StandardCharsets.US_ASCII), 0, err, 7, msg.length());
        assertThat(ServiceReplies.mysql(err, err.length)).isEqualTo(new ServiceReplies.Reply("mysql", msg, "mysql"));
    }

    @Test
    void telnetNegotiationIsStrippedAndRefused() {
        byte[] raw = {(byte) 255, (byte) 251, 1, (byte) 255, (byte) 253, 31, (byte) 255, (byte) 250, 24, 1,
            (byte) 255, (byte) 240, 'l', 'o', 'g', 'i', 'n', ':', ' '};
        assertThat(ServiceReplies.telnetText(raw, raw.length)).isEqualTo("login:");
        assertThat(ServiceReplies.telnetRefusals(raw, raw.length))
                .containsExactly((byte) 255, (byte) 254, 1, (byte) 255, (byte) 252, 31);
        assertThat(ServiceReplies.greeting(raw, raw.length, 23)).isEqualTo(
                new ServiceReplies.Reply("telnet", "login:", "telnet"));
    }

    @Test
    void httpHeadFields() {
        ServiceReplies.Head h = ServiceReplies.head("HTTP/1.1 302 Found\r\nServer: Microsoft-IIS/10.0\r\n"
                + "Location: https://owa.example.org/owa/\r\nWWW-Authenticate: Digest realm=cameras, nonce=\"x\"",
                "<title>Moved</title>");
        assertThat(h).isEqualTo(new ServiceReplies.Head("HTTP/1.1", "Microsoft-IIS/10.0", "cameras",
                "https://owa.example.org/owa/", "Moved"));
        assertThat(ServiceReplies.protocolOf("garbage here")).isNull();
    }

    @Test
    void clientFirstProbeReplies() {
        assertThat(ServiceReplies.postgres(new byte[] {'N'}, 1).text()).isEqualTo("SSLRequest: N (no TLS)");
        assertThat(ServiceReplies.postgres(new byte[] {'x'}, 1)).isNull();
        assertThat(ServiceReplies.rdp(RDP_CONFIRM, RDP_CONFIRM.length).text())
                .isEqualTo("X.224 Connection Confirm, protocol CredSSP");
        assertThat(ServiceReplies.rdp(new byte[] {1, 2, 3, 4, 5, 6, 7}, 7)).isNull();
        assertThat(ServiceReplies.mqtt(new byte[] {0x20, 0x02, 0x00, 0x05}, 4).text())
                .isEqualTo("CONNACK 5 (not authorized)");
        byte[] pjl = "@PJL INFO ID\r\nBrother HL-L2350DW series:84U-F75:Ver.1.12\r\n\f".getBytes(StandardCharsets.US_ASCII);
        assertThat(ServiceReplies.pjl(pjl, pjl.length).text()).isEqualTo("Brother HL-L2350DW series:84U-F75:Ver.1.12");
        // the MQTT CONNECT is a well-formed 3.1.1 packet: remaining length matches
        assertThat(ServiceReplies.MQTT_CONNECT[1]).isEqualTo((byte) (ServiceReplies.MQTT_CONNECT.length - 2));
        assertThat(new String(ServiceReplies.rtspOptions("127.0.0.1", 8554), StandardCharsets.US_ASCII))
                .startsWith("OPTIONS rtsp://127.0.0.1:8554/ RTSP/1.0\r\nCSeq: 1\r\n");
    }
}
