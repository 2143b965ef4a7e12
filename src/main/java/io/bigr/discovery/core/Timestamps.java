package io.bigr.discovery.core;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The one wire format for time (docs/DOMAIN.md §0): ISO-8601 UTC with an explicit {@code +00:00}, microseconds when
 * non-zero ({@code 2026-02-10T13:05:59.123000+00:00}), none otherwise ({@code 2026-01-01T12:00:00+00:00}).
 * Readers accept {@code Z}, any offset, or no offset (taken as UTC).
 *
 * <p>Stored values are truncated to milliseconds, the precision SQLite keeps, so both databases round-trip alike.
 */
public final class Timestamps {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'");

    private Timestamps() {
    }

    /** Now, at the precision every store keeps. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    public static String format(Instant instant) {
        if (instant == null) {
            return null;
        }
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_FAST || seconds >= END_FAST) {
            OffsetDateTime t = instant.atOffset(ZoneOffset.UTC);
            return (t.getNano() / 1000 == 0 ? SECONDS : MICROS).format(t);
        }
        // Years 0001-9999 (every stored time, docs/DOMAIN.md §2.8) written digit by digit: the same text as the two
        // patterns above, which were a twentieth of rendering the whole inventory (two times per asset).
        java.time.LocalDate day = java.time.LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
        int second = (int) Math.floorMod(seconds, 86_400L);
        int micros = instant.getNano() / 1000;
        char[] out = new char[micros == 0 ? 25 : 32];
        digits(out, 0, day.getYear(), 4);
        out[4] = '-';
        digits(out, 5, day.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, day.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, second / 3600, 2);
        out[13] = ':';
        digits(out, 14, second / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, second % 60, 2);
        int at = 19;
        if (micros != 0) {
            out[19] = '.';
            digits(out, 20, micros, 6);
            at = 26;
        }
        "+00:00".getChars(0, 6, out, at);
        return new String(out);
    }

    /** 0001-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the fast path of {@link #format} covers what lies between. */
    private static final long FIRST_FAST = -62_135_596_800L;
    private static final long END_FAST = 253_402_300_800L;

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** Parses any ISO-8601 date-time; null for null/blank. */
    public static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.trim();
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s.replace(' ', 'T'), DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("not an ISO-8601 timestamp: '" + text + "'", e2);
            }
        }
    }

    /** Like {@link #parse}, and a plain date ({@code 2026-01-15}) is its midnight UTC. */
    public static Instant parseDateOrTime(String text) {
        if (text != null && text.trim().matches("\\d{4}-\\d{2}-\\d{2}")) {
            try {
                return java.time.LocalDate.parse(text.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not an ISO-8601 date: '" + text + "'", e);
            }
        }
        return parse(text);
    }

    /** Like {@link #parse} but null instead of an exception for unparsable text. */
    public static Instant parseOrNull(String text) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
