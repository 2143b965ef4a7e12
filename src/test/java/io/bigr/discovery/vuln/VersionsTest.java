package io.bigr.discovery.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionsTest {
    @ParameterizedTest
    @CsvSource({
        "1.18.0, 1.20.1, -1",
        "1.9, 1.10, -1",
        "9.3, 9.3p1, -1",
        "8.9p1, 9.3, -1",
        "9.3p2, 9.3p1, 1",
        "2.0.0-rc1, 2.0.0, -1",
        "2.0.0, 2.0.0, 0",
        "17.3.4a, 17.3.4, 1",
        "2020.81, 2022.82, -1",
        "6.49.7, 6.49.10, -1",
        "1.0, 1.0.0, -1"})
    void orders(String left, String right, int sign) {
        assertThat(Integer.signum(Versions.compare(left, right))).isEqualTo(sign);
        assertThat(Integer.signum(Versions.compare(right, left))).isEqualTo(-sign);
    }
}
