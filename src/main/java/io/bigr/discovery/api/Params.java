package io.bigr.discovery.api;

import io.bigr.discovery.core.InputBounds;
import io.bigr.discovery.core.InvalidInputException;
import io.bigr.discovery.core.IpAddresses;
import inet.ipaddr.IPAddress;

/**
 * Parsing of query and path parameters. Resources take parameters as strings and parse them here, so a value like
 * {@code limit=abc} is a 400 that names the parameter (Jersey's own conversion would answer 404 for a query
 * parameter it cannot convert).
 */
public final class Params {
    /** The largest page any list route returns at once. */
    public static final int MAX_LIMIT = 1000;

    private Params() {
    }

    /** A page size 1..{@link #MAX_LIMIT}; {@code dflt} when absent. */
    public static int limit(String value, int dflt) {
        return intIn("limit", value, dflt, 1, MAX_LIMIT);
    }

    /** A non-negative offset; 0 when absent. */
    public static long offset(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            long v = Long.parseLong(value.trim());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badParameter("offset", "offset must be a non-negative integer, got "
                + InputBounds.quote(value));
    }

    /** An integer within [min, max]; {@code dflt} when absent. */
    public static int intIn(String name, String value, int dflt, int min, int max) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(value.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badParameter(name, name + " must be an integer between " + min + " and " + max
                + ", got " + InputBounds.quote(value));
    }

    /** A single IPv4/IPv6 address in its canonical text (docs/DOMAIN.md §2.8). */
    public static String ip(String name, String value) {
        try {
            return InputBounds.ip(name, value).value();
        } catch (InvalidInputException e) {
            throw ApiException.badParameter(name, e.getMessage());
        }
    }

    /** An ISO-8601 time or a date (midnight UTC); null when absent. */
    public static java.time.Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return InputBounds.time(name, io.bigr.discovery.core.Timestamps.parseDateOrTime(value));
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter(name, name + " must be an ISO-8601 time or date (years 0001-9999), got "
                    + InputBounds.quote(value));
        }
    }

    /** One of {@code allowed}; null when absent. */
    public static String oneOf(String name, String value, java.util.List<String> allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        if (!allowed.contains(v)) {
            throw ApiException.badParameter(name, name + " must be one of " + String.join(", ", allowed) + ", got "
                    + InputBounds.quote(value));
        }
        return v;
    }

    /** A network in CIDR notation (host bits allowed, {@code 10.0.0.5/24} is {@code 10.0.0.0/24}). */
    public static IPAddress cidr(String name, String value) {
        if (value == null || !value.contains("/")) {
            throw ApiException.badParameter(name, InputBounds.quote(value) + " is not a CIDR network (e.g. 10.0.0.0/24)");
        }
        return IpAddresses.network(value).orElseThrow(() -> ApiException.badParameter(name,
                InputBounds.quote(value) + " is not a CIDR network (e.g. 10.0.0.0/24)"));
    }
}
