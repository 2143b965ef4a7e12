package io.bigr.discovery.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The bounds of docs/DOMAIN.md §2.8, each with the field it names. */
class InputBoundsTest {
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @Test
    void quoteKeepsAShortPrefixAndShowsControlCharacters() {
        assertThat(InputBounds.quote("abc")).isEqualTo("'abc'");
        assertThat(InputBounds.quote(null)).isEqualTo("null");
        assertThat(InputBounds.quote("a\0b\nc")).isEqualTo("'a\\u0000b\\u000ac'");
        assertThat(InputBounds.quote("x".repeat(10_000_000)))
                .isEqualTo("'" + "x".repeat(40) + "…' (10000000 chars)");
    }

    @Test
    void textIsBoundedAndHasNoNul() {
        assertThat(InputBounds.text("note", null)).isNull();
        assertThat(InputBounds.text("note", "lobby camera")).isEqualTo("lobby camera");
        assertThat(InputBounds.text("note", "ü".repeat(1000))).hasSize(1000);
        assertThatThrownBy(() -> InputBounds.text("note", "x".repeat(1001))).isInstanceOf(InvalidInputException.class)
                .hasMessage("note: is longer than 1000 characters (1001)")
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("note"));
        assertThatThrownBy(() -> InputBounds.text("label", "a\0b", 200))
                .hasMessage("label: must not contain a NUL character");
    }

    @Test
    void observedTimesLieBetween1970AndADayAfterNow() {
        assertThat(InputBounds.observed("started_at", null, NOW)).isNull();
        assertThat(InputBounds.observed("started_at", Instant.EPOCH, NOW)).isEqualTo(Instant.EPOCH);
        Instant skewed = NOW.plus(Duration.ofHours(23));
        assertThat(InputBounds.observed("started_at", skewed, NOW)).isEqualTo(skewed);
        for (String bad : new String[] {"2400-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "-0001-01-01T00:00:00Z",
                "+999999-01-01T00:00:00Z", "2026-06-02T12:00:01Z"}) {
            assertThatThrownBy(() -> InputBounds.observed("completed_at", Instant.parse(bad), NOW)).as(bad)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("completed_at: must lie between 1970-01-01 and a day after the server's");
        }
    }

    @Test
    void otherTimesHaveFourDigitYears() {
        assertThat(InputBounds.time("valid_to", Instant.parse("9999-12-31T23:59:59Z"))).isNotNull();
        assertThat(InputBounds.time("valid_to", Instant.parse("1950-01-01T00:00:00Z"))).isNotNull();
        assertThatThrownBy(() -> InputBounds.time("valid_to", Instant.parse("+10000-01-01T00:00:00Z")))
                .hasMessage("valid_to: must lie between the years 0001 and 9999");
    }

    @Test
    void numbersInRange() {
        assertThat(InputBounds.vlan("vlan_id", null)).isNull();
        assertThat(InputBounds.vlan("vlan_id", 4094L)).isEqualTo(4094);
        assertThatThrownBy(() -> InputBounds.vlan("vlan_id", 99_999_999_999L))
                .hasMessage("vlan_id: must be between 1 and 4094, got 99999999999");
        assertThatThrownBy(() -> InputBounds.port("port", 1L << 40)).hasMessageStartingWith("port: must be between 1");
        assertThatThrownBy(() -> InputBounds.port("port", 0L)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void typedValuesNameTheField() {
        assertThat(InputBounds.ip("ip", " 10.0.0.1 ").value()).isEqualTo("10.0.0.1");
        assertThatThrownBy(() -> InputBounds.ip("assets[0].ip", "127.1")).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("assets[0].ip"));
        assertThat(InputBounds.mac("mac", "AA-BB-CC-DD-EE-FF").value()).isEqualTo("aa:bb:cc:dd:ee:ff");
        assertThat(InputBounds.mac("mac", "")).isNull();
        assertThatThrownBy(() -> InputBounds.mac("mac", "x".repeat(70))).hasMessageContaining("(70 chars)");
        assertThat(InputBounds.cidr("cidr", "10.0.0.5/24").value()).isEqualTo("10.0.0.0/24");
        assertThatThrownBy(() -> InputBounds.cidr("cidr", "10.0.0.5")).hasMessageStartingWith("cidr: must be a");
    }
}
