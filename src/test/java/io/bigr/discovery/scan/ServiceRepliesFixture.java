package io.bigr.discovery.scan;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Protocol bytes of real servers, built for test listeners. */
public final class ServiceRepliesFixture {
    private ServiceRepliesFixture() {
    }

    /** A MySQL/MariaDB initial handshake (protocol 10) announcing {@code version}, as sent on connect. */
    public static byte[] mysqlHandshake(String version) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x0a);
        p.writeBytes(version.getBytes(StandardCharsets.US_ASCII));
        p.write(0);
        p.writeBytes(new byte[] {0x0b, 0, 0, 0});                     // connection id
        p.writeBytes("abcdefgh".getBytes(StandardCharsets.US_ASCII)); // auth data, part 1
        p.write(0);
        p.writeBytes(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x02, 0x00, (byte) 0xff, (byte) 0xdf, 21});
        p.writeBytes(new byte[10]);
        p.writeBytes("ijklmnopqrst\0caching_sha2_password\0".getBytes(StandardCharsets.US_ASCII));
        byte[] payload = p.toByteArray();
        byte[] packet = new byte[payload.length + 4];
        packet[0] = (byte) payload.length;
        packet[1] = (byte) (payload.length >> 8);
        System.arraycopy(payload, 0, packet, 4, payload.length);
        return packet;
    }
}
