package io.bigr.discovery.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The docs/DOMAIN.md §2.4 normalisation and §2.5 randomised-MAC tables, row for row. */
class MacAddressesTest {

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "cc:8:fa:6d:fc:59, cc:08:fa:6d:fc:59",
            "6:11:e5:ea:68:5c, 06:11:e5:ea:68:5c",
            "AA-BB-CC-DD-EE-FF, aa:bb:cc:dd:ee:ff",
            "AA:BB:CC:DD:EE:FF, aa:bb:cc:dd:ee:ff",
            "a:b:c:d:e:f, 0a:0b:0c:0d:0e:0f",
            "not-a-mac, not:a:mac",
            "aabb.ccdd.eeff, aa:bb:cc:dd:ee:ff",
            "AABBCCDDEEFF, aa:bb:cc:dd:ee:ff",
            "AA-BB-CC-DD-EE, aa:bb:cc:dd:ee",
            "'', NULL",
            "NULL, NULL"})
    void normalize(String input, String expected) {
        assertThat(MacAddresses.normalize(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "3e:aa:bb:cc:dd:ee, true",
            "ba:11:22:33:44:55, true",
            "06:aa:bb:cc:dd:ee, true",
            "6:11:e5:ea:68:5c, true",
            "02:00:00:00:00:00, true",
            "00:1a:1e:aa:bb:cc, false",
            "ac:de:48:aa:bb:cc, false",
            "zz:11:22:33:44:55, false",
            "aabb.ccdd.eeff, true",
            "0011.2233.4455, false",
            "NULL, false",
            "'', false"})
    void isRandomized(String input, boolean expected) {
        assertThat(MacAddresses.isRandomized(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "A4-14-37-00-11-22, a4:14:37",
            "0:50:56:a:b:c, 00:50:56",
            "aabb.ccdd.eeff, aa:bb:cc",
            "00:50, NULL",
            "NULL, NULL"})
    void prefixIsTheFirstEightCharactersOfTheNormalisedMac(String input, String expected) {
        assertThat(MacAddresses.prefix(input)).isEqualTo(expected);
    }
}
