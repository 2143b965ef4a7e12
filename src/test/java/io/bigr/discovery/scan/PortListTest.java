package io.bigr.discovery.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PortListTest {
    @Test
    void defaultsAreTheTwentySixOfTheSpecInOrder() {
        assertThat(PortList.defaults().ports()).hasSize(26).startsWith(22, 80, 443, 3389).endsWith(8888, 49152);
    }

    @Test
    void listsAndRangesKeepOrderWithoutDuplicates() {
        assertThat(PortList.parse("443, 22,8000-8003,22").ports()).containsExactly(443, 22, 8000, 8001, 8002, 8003);
    }

    @Test
    void badListsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> PortList.parse("22,http")).hasMessageContaining("'http' is not a port number");
        assertThatThrownBy(() -> PortList.parse("0")).hasMessageContaining("outside 1-65535");
        assertThatThrownBy(() -> PortList.parse("65536")).hasMessageContaining("outside 1-65535");
        assertThatThrownBy(() -> PortList.parse("90-80")).hasMessageContaining("ends before it starts");
        assertThatThrownBy(() -> PortList.parse(" ")).hasMessageContaining("comma-separated");
    }

    @Test
    void topPortsComeFromTheBundledFrequencyList() {
        assertThat(PortList.topPorts()).hasSize(1000).doesNotHaveDuplicates();
        assertThat(PortList.top(5).ports()).containsExactly(80, 23, 443, 21, 22);
        assertThat(PortList.top(1000).size()).isEqualTo(1000);
        assertThatThrownBy(() -> PortList.top(0)).hasMessageContaining("between 1 and 1000");
        assertThatThrownBy(() -> PortList.top(1001)).hasMessageContaining("between 1 and 1000");
    }
}
