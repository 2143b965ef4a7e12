package io.bigr.discovery.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The value type keeps {@link MacAddresses#normalize}'s rules row for row. */
class MacAddressTest {

    @ParameterizedTest
    @CsvSource(value = {
            "cc:8:fa:6d:fc:59, cc:08:fa:6d:fc:59",
            "AA-BB-CC-DD-EE-FF, aa:bb:cc:dd:ee:ff",
            "' AA:BB:CC:DD:EE:FF ', aa:bb:cc:dd:ee:ff",
            "a:b:c:d:e:f, 0a:0b:0c:0d:0e:0f",
            "not-a-mac, not:a:mac",
            "aabb.ccdd.eeff, aabb.ccdd.eeff"})
    void canonicalText(String input, String canonical) {
        MacAddress mac = MacAddress.of(input);
        assertThat(mac.value()).isEqualTo(canonical).isEqualTo(MacAddresses.normalize(input.trim()));
        assertThat(mac).hasToString(canonical).isEqualTo(MacAddress.of(canonical));
    }

    @Test
    void blankIsRejectedNamingTheValue() {
        assertThatThrownBy(() -> MacAddress.of("  ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MAC address is required, got '  '");
        assertThatThrownBy(() -> MacAddress.of(null)).hasMessage("MAC address is required, got 'null'");
        assertThat(MacAddress.ofNullable("")).isNull();
    }

    @Test
    void randomisedBitAndPrefix() {
        assertThat(MacAddress.of("3e:aa:bb:cc:dd:ee").isRandomized()).isTrue();
        assertThat(MacAddress.of("00:1A:1E:aa:bb:cc").isRandomized()).isFalse();
        assertThat(MacAddress.of("0:1a:1e:aa:bb:cc").prefix()).isEqualTo("00:1a:1e");
        assertThat(MacAddress.of("ab").prefix()).isNull();
    }

    @Test
    void jsonIsTheCanonicalText() throws Exception {
        assertThat(Json.MAPPER.writeValueAsString(MacAddress.of("AA-BB-CC-DD-EE-FF")))
                .isEqualTo("\"aa:bb:cc:dd:ee:ff\"");
        assertThat(Json.MAPPER.readValue("\"AA-BB-CC-DD-EE-FF\"", MacAddress.class))
                .isEqualTo(MacAddress.of("aa:bb:cc:dd:ee:ff"));
    }
}
