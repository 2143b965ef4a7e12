package io.bigr.discovery.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link JsonBytes#isObject} against what it replaces: Jackson's parser (default features, the stored-column depth
 * bound) tokenising the text, which must be exactly one JSON object. Named cases, then bounded random mutations of
 * realistic evidence.
 */
class JsonBytesTest {
    private static final JsonFactory JACKSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(InputBounds.MAX_JSON_DEPTH).build())
            .build();

    /** The check JsonBytes replaced (api/ScanData's), on well-formed UTF-8 text. */
    private static boolean jackson(String text) {
        if (text.isEmpty()) {
            return false;
        }
        try (JsonParser p = JACKSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean bytes(String text) {
        return JsonBytes.isObject(text.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", " {} ", "{\"a\":1}", "{\"a\":[1,2,{\"b\":null}],\"c\":true,\"d\":false}",
        "{\"n\":-0.5e+10,\"m\":0,\"k\":1E3,\"z\":-0}", "{\"s\":\"ğüş \\u00e7 \\n\\t\\\"\\\\\\/\"}",
        "{\"emoji\":\"\uD83D\uDE00\"}", "\n\t{\"a\" : [ ] , \"b\" : { } }\r\n",
        "{\"banners\":{\"22\":\"SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6\\r\\n\"},\"port_rules\":[\"ssh\"]}"})
    void acceptsObjects(String text) {
        assertThat(jackson(text)).isTrue();
        assertThat(bytes(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "[]", "1", "\"s\"", "null", "{", "}", "{}{}", "{} x", "{\"a\"}", "{\"a\":}",
        "{\"a\":1,}", "{,}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":+1}", "{\"a\":1e}", "{\"a\":NaN}",
        "{\"a\":tru}", "{\"a\":truex}", "{'a':1}", "{a:1}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12g4\"}",
        "{\"a\":\"line\nbreak\"}", "{\"a\":1 /* c */}", "{\"a\":[1,]}", "{\"a\":[1 2]}", "{\"a\":\"open}",
        "{\"a\":-}", "\uFEFF{}"})
    void rejectsWhatJacksonRejects(String text) {
        assertThat(jackson(text)).isFalse();
        assertThat(bytes(text)).isFalse();
    }

    @Test
    void boundsNestingAsTheStoredColumnParserDoes() {
        String deep = "{\"a\":".repeat(InputBounds.MAX_JSON_DEPTH) + "1" + "}".repeat(InputBounds.MAX_JSON_DEPTH);
        String deeper = "{\"a\":" + deep + "}";
        assertThat(bytes(deep)).isEqualTo(jackson(deep)).isTrue();
        assertThat(bytes(deeper)).isEqualTo(jackson(deeper)).isFalse();
    }

    @Test
    void rejectsMalformedUtf8() {
        byte[][] malformed = {
            {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'},            // truncated two-byte sequence
            {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'}, // overlong '/'
            {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'}, // a surrogate
            {'{', '"', 'a', '"', ':', '"', (byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80, '"', '}'}, // > U+10FFFF
            {'{', '"', 'a', '"', ':', '"', (byte) 0x80, '"', '}'},            // a lone continuation byte
        };
        for (byte[] b : malformed) {
            assertThat(JsonBytes.isObject(b)).as(new String(b, StandardCharsets.ISO_8859_1)).isFalse();
        }
        assertThat(JsonBytes.isObject(null)).isFalse();
    }

    /** 20,000 random edits (a byte replaced, dropped or doubled) of evidence as scans store it: both agree on each. */
    @Test
    void agreesWithJacksonOnMutatedEvidence() {
        String[] seeds = {
            "{\"banners\":{\"22\":\"SSH-2.0-OpenSSH_8.9p1\\r\\n\",\"80\":\"HTTP/1.1 200 OK\"},\"n\":[1,2.5,-3e2],"
                + "\"ok\":true,\"none\":null,\"tr\":\"ağ ve sistemler\"}",
            "{\"snmp\":{\"sys_descr\":\"Cisco IOS Software, Version 15.2(4)M\",\"sys_object_id\":\"1.3.6.1.4.1.9\"},"
                + "\"port_rules\":[\"ssh\",\"telnet\"],\"vendor_rules\":[]}",
            "{\"mdns\":[{\"service\":\"_airplay._tcp\",\"txt\":{\"model\":\"AppleTV6,2\"}}],\"score\":0.85}"};
        String alphabet = "{}[]:,\"\\ \t\n0123456789-+.eEtruefalsnğ\u00e7/u";
        Random random = new Random(20261204L);
        int checked = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder(seeds[i % seeds.length]);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && s.length() > 0; e++) {
                int at = random.nextInt(s.length());
                switch (random.nextInt(3)) {
                    case 0 -> s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> s.deleteCharAt(at);
                    default -> s.insert(at, s.charAt(at));
                }
            }
            String text = s.toString();
            assertThat(bytes(text)).as(text).isEqualTo(jackson(text));
            checked++;
        }
        assertThat(checked).isEqualTo(20_000);
    }
}
