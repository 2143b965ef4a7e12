package io.bigr.discovery.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One canonical text per 48-bit MAC (docs/DOMAIN.md §2.4, §2.8), whatever form it came in. */
class MacAddressTest {

    @ParameterizedTest
    @CsvSource(value = {
            "cc:8:fa:6d:fc:59, cc:08:fa:6d:fc:59",
            "AA-BB-CC-DD-EE-FF, aa:bb:cc:dd:ee:ff",
            "' AA:BB:CC:DD:EE:FF ', aa:bb:cc:dd:ee:ff",
            "a:b:c:d:e:f, 0a:0b:0c:0d:0e:0f",
            "aabb.ccdd.eeff, aa:bb:cc:dd:ee:ff",
            "AABB.CCDD.EEFF, aa:bb:cc:dd:ee:ff",
            "AABBCCDDEEFF, aa:bb:cc:dd:ee:ff"})
    void canonicalText(String input, String canonical) {
        MacAddress mac = MacAddress.of(input);
        assertThat(mac.value()).isEqualTo(canonical).isEqualTo(MacAddresses.normalize(input.trim()));
        assertThat(mac).hasToString(canonical).isEqualTo(MacAddress.of(canonical));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-mac", "ab", "aa:bb:cc:dd:ee", "aa:bb:cc:dd:ee:ff:00", "aa:bb:cc:dd:ee:fg",
            "aa-bb:cc-dd:ee-ff", "aabb.ccdd.eeff.0011", "aabbccddeeff00", "aaa:bb:cc:dd:ee:ff", "aa::cc:dd:ee:ff"})
    void anythingButFortyEightBitsIsRefused(String bad) {
        assertThatThrownBy(() -> MacAddress.of(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a 48-bit MAC address: " + InputBounds.quote(bad));
        assertThat(MacAddress.parseOrNull(bad)).isNull();
    }

    @Test
    void aHugeValueIsRefusedQuotedShort() {
        String huge = "a".repeat(10_000);
        assertThatThrownBy(() -> MacAddress.of(huge)).satisfies(e -> assertThat(e.getMessage())
                .hasSizeLessThan(120).endsWith("(10000 chars)"));
    }

    @Test
    void blankIsRejectedNamingTheValue() {
        assertThatThrownBy(() -> MacAddress.of("  ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MAC address is required, got '  '");
        assertThatThrownBy(() -> MacAddress.of(null)).hasMessage("MAC address is required, got null");
        assertThat(MacAddress.ofNullable("")).isNull();
    }

    @Test
    void randomisedBitAndPrefix() {
        assertThat(MacAddress.of("3e:aa:bb:cc:dd:ee").isRandomized()).isTrue();
        assertThat(MacAddress.of("00:1A:1E:aa:bb:cc").isRandomized()).isFalse();
        assertThat(MacAddress.of("0:1a:1e:aa:bb:cc").prefix()).isEqualTo("00:1a:1e");
    }

    @Test
    void jsonIsTheCanonicalText() throws Exception {
        assertThat(Json.MAPPER.writeValueAsString(MacAddress.of("AA-BB-CC-DD-EE-FF")))
                .isEqualTo("\"aa:bb:cc:dd:ee:ff\"");
        assertThat(Json.MAPPER.readValue("\"AABB.CCDD.EEFF\"", MacAddress.class))
                .isEqualTo(MacAddress.of("aa:bb:cc:dd:ee:ff"));
    }
}
