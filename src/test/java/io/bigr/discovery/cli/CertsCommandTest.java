package io.bigr.discovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CertsCommandTest {
    @Test
    void expiryStatusBands() {
        assertThat(CertsCommand.status(-1)).isEqualTo("EXPIRED");
        assertThat(CertsCommand.status(0)).isEqualTo("CRITICAL");
        assertThat(CertsCommand.status(7)).isEqualTo("CRITICAL");
        assertThat(CertsCommand.status(8)).isEqualTo("WARNING");
        assertThat(CertsCommand.status(30)).isEqualTo("WARNING");
    }
}
