package io.bigr.discovery.schedule;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Interval syntax of docs/DOMAIN.md §5.11: an integer and one suffix s, m or h (any case): {@code 30s}, {@code 5m},
 * {@code 2h}.
 */
public final class Intervals {
    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,9})([smh])");

    private Intervals() {
    }

    /** @throws IllegalArgumentException naming the bad value (e.g. {@code 300}, {@code 5x}, empty) */
    public static Duration parse(String text) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("Invalid interval '" + text + "' (expected e.g. 30s, 5m or 2h)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
