package io.bigr.discovery.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Timestamps#format} writes exactly what its two documented patterns write, fast path or not. */
class TimestampsTest {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'");

    private static String patterns(Instant instant) {
        OffsetDateTime t = instant.atOffset(ZoneOffset.UTC);
        return (t.getNano() / 1000 == 0 ? SECONDS : MICROS).format(t);
    }

    @Test
    void formatsAsThePatternsDo() {
        assertThat(Timestamps.format(Instant.parse("2026-01-15T10:00:00Z"))).isEqualTo("2026-01-15T10:00:00+00:00");
        assertThat(Timestamps.format(Instant.parse("2026-01-15T10:00:00.123Z")))
                .isEqualTo("2026-01-15T10:00:00.123000+00:00");
        assertThat(Timestamps.format(null)).isNull();
        for (String edge : new String[] {"0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
                "1969-12-31T23:59:59.999Z", "1970-01-01T00:00:00Z", "2000-02-29T12:34:56.000000500Z",
                "+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z", "1600-03-01T00:00:00.000001Z"}) {
            Instant t = Instant.parse(edge);
            assertThat(Timestamps.format(t)).as(edge).isEqualTo(patterns(t));
        }
        Random random = new Random(2);
        long first = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
        long end = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            long seconds = first + Math.floorMod(random.nextLong(), end - first);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000_000);
                default -> random.nextInt(1000);
            };
            Instant t = Instant.ofEpochSecond(seconds, nanos);
            assertThat(Timestamps.format(t)).isEqualTo(patterns(t));
        }
    }
}
