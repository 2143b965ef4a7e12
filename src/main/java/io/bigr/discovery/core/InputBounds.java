package io.bigr.discovery.core;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The bounds every way in applies (docs/DOMAIN.md §2.8): the API, the CLI, scanner output, import and transfer call
 * these, so a value is either typed and in range or refused with an {@link InvalidInputException} naming the field.
 * Refusals quote at most a short prefix of the bad value ({@link #quote}).
 */
public final class InputBounds {
    /** The longest text field of an asset, tag, subnet or certificate (hostname, vendor, note, label, cn ...). */
    public static final int MAX_TEXT = 1000;
    /** The longest scan target text. */
    public static final int MAX_TARGET = 4096;
    /** Nesting deeper than this in a JSON body is refused. */
    public static final int MAX_JSON_DEPTH = 64;
    /** How far after the server's clock an observed time may lie (scanner clocks drift). */
    public static final Duration CLOCK_SKEW = Duration.ofDays(1);
    /** The earliest observed time: the Unix epoch. */
    public static final Instant EARLIEST_OBSERVED = Instant.EPOCH;
    /** The range any time on the wire may have (four-digit years, X.509 GeneralizedTime's range). */
    public static final Instant EARLIEST_TIME = ZonedDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant();
    public static final Instant LATEST_TIME = ZonedDateTime.of(9999, 12, 31, 23, 59, 59, 999_000_000, ZoneOffset.UTC)
            .toInstant();
    /** How many characters of a bad value a message quotes. */
    static final int QUOTE_CHARS = 40;

    private InputBounds() {
    }

    /**
     * A bad value as a message quotes it: at most {@value #QUOTE_CHARS} characters in single quotes, control
     * characters shown as {@code \\uXXXX}, and the full length when it was cut ({@code 'aaaa…' (10000000 chars)}).
     */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        int n = Math.min(value.length(), QUOTE_CHARS);
        StringBuilder out = new StringBuilder(n + 24).append('\'');
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append(value.length() > n ? "…'" : "'");
        if (value.length() > n) {
            out.append(" (").append(value.length()).append(" chars)");
        }
        return out.toString();
    }

    /**
     * Optional free text: null stays null, otherwise at most {@code max} characters and no NUL (PostgreSQL cannot
     * store one, and no field of ours means one).
     */
    public static String text(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        if (value.length() > max) {
            throw new InvalidInputException(field, "is longer than " + max + " characters (" + value.length() + ")");
        }
        if (value.indexOf('\0') >= 0) {
            throw new InvalidInputException(field, "must not contain a NUL character");
        }
        return value;
    }

    /** {@link #text} with the {@link #MAX_TEXT} bound. */
    public static String text(String field, String value) {
        return text(field, value, MAX_TEXT);
    }

    /**
     * A time something was observed (a scan's start and end, an asset's first and last sighting): null stays null,
     * otherwise between 1970 and {@link #CLOCK_SKEW} after {@code now}.
     */
    public static Instant observed(String field, Instant value, Instant now) {
        if (value == null) {
            return null;
        }
        if (value.isBefore(EARLIEST_OBSERVED) || value.isAfter(now.plus(CLOCK_SKEW))) {
            throw new InvalidInputException(field, "must lie between 1970-01-01 and a day after the server's clock, got "
                    + quote(Timestamps.format(value)));
        }
        return value;
    }

    /** {@link #observed} against the clock. */
    public static Instant observed(String field, Instant value) {
        return observed(field, value, Timestamps.now());
    }

    /** Any other time (a certificate's validity, a filter): null stays null, otherwise years 0001 to 9999. */
    public static Instant time(String field, Instant value) {
        if (value != null && (value.isBefore(EARLIEST_TIME) || value.isAfter(LATEST_TIME))) {
            throw new InvalidInputException(field, "must lie between the years 0001 and 9999");
        }
        return value;
    }

    /** A canonical IP address (docs/DOMAIN.md §2.8), the field named when it is not one. */
    public static IpAddress ip(String field, String value) {
        try {
            return IpAddress.of(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, e.getMessage());
        }
    }

    /** A canonical 48-bit MAC, null for null or blank text, the field named when it is not one. */
    public static MacAddress mac(String field, String value) {
        try {
            return MacAddress.ofNullable(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, e.getMessage());
        }
    }

    /** A network with an explicit prefix ({@code 10.0.0.5/24} is {@code 10.0.0.0/24}), the field named otherwise. */
    public static Cidr cidr(String field, String value) {
        if (value == null || value.indexOf('/') < 0) {
            throw new InvalidInputException(field, "must be a network such as 10.0.0.0/24, got " + quote(value));
        }
        try {
            return Cidr.of(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "must be a network such as 10.0.0.0/24, got " + quote(value));
        }
    }

    /** An integer in [min, max] (null stays null): ports, VLAN ids, key sizes. */
    public static Integer intIn(String field, Long value, long min, long max) {
        if (value == null) {
            return null;
        }
        if (value < min || value > max) {
            throw new InvalidInputException(field, "must be between " + min + " and " + max + ", got " + value);
        }
        return value.intValue();
    }

    /** A TCP/UDP port 1-65535. */
    public static Integer port(String field, Long value) {
        return intIn(field, value, 1, 65535);
    }

    /** An IEEE 802.1Q VLAN id 1-4094. */
    public static Integer vlan(String field, Long value) {
        return intIn(field, value, 1, 4094);
    }
}
