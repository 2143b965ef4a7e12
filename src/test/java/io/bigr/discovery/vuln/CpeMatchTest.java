package io.bigr.discovery.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpeMatchTest {
    private static CpeMatch range(String si, String se, String ei, String ee) {
        return new CpeMatch("CVE-X", "cpe:2.3:a:f5:nginx:*:*:*:*:*:*:*:*", si, se, ei, ee, true);
    }

    @Test
    void fieldsOfTheCriteria() {
        CpeMatch m = new CpeMatch("CVE-X", "cpe:2.3:a:OpenBSD:openssh:9.3:p1:*:*:*:*:*:*", null, null, null, null,
                true);
        assertThat(m.vendor()).isEqualTo("openbsd");
        assertThat(m.product()).isEqualTo("openssh");
        assertThat(m.version()).isEqualTo("9.3");
        assertThat(m.update()).isEqualTo("p1");
        assertThat(m.covers("9.3p1")).isTrue();
        assertThat(m.covers("9.3p2")).isFalse();
        assertThat(m.covers("9.3")).isFalse();
    }

    @Test
    void exactVersionWithAnyUpdateCoversItsUpdatesOnly() {
        CpeMatch m = new CpeMatch("CVE-X", "cpe:2.3:a:openbsd:openssh:8.9:*:*:*:*:*:*:*", null, null, null, null,
                true);
        assertThat(m.covers("8.9")).isTrue();
        assertThat(m.covers("8.9p1")).isTrue();
        assertThat(m.covers("8.90")).isFalse();
        assertThat(m.covers("8.9.1")).isFalse();
    }

    @Test
    void rangesHonourEveryBound() {
        assertThat(range("0.6.18", null, null, "1.20.1").covers("1.18.0")).isTrue();
        assertThat(range("0.6.18", null, null, "1.20.1").covers("1.20.1")).isFalse();
        assertThat(range(null, null, "1.20.1", null).covers("1.20.1")).isTrue();
        assertThat(range(null, "1.0", null, null).covers("1.0")).isFalse();
        assertThat(range("1.0", null, null, null).covers("1.0")).isTrue();
        assertThat(range("0.6.18", null, null, "1.20.1").covers("0.5.0")).isFalse();
    }

    @Test
    void unconstrainedOrNotVulnerableCriteriaNeverConfirm() {
        assertThat(range(null, null, null, null).covers("1.0")).isFalse();
        assertThat(new CpeMatch("CVE-X", "cpe:2.3:o:debian:debian_linux:8.0:*:*:*:*:*:*:*", null, null, null, null,
                false).covers("8.0")).isFalse();
        assertThat(range(null, null, null, "2.0").covers(null)).isFalse();
    }

    @Test
    void escapedColonsStayInsideAField() {
        CpeMatch m = new CpeMatch("CVE-X", "cpe:2.3:a:vendor:prod\\:uct:1.0:*:*:*:*:*:*:*", null, null, null, null,
                true);
        assertThat(m.product()).isEqualTo("prod\\:uct");
        assertThat(m.version()).isEqualTo("1.0");
    }
}
