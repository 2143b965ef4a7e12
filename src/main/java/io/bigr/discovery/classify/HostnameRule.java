package io.bigr.discovery.classify;

import java.util.regex.Pattern;

/**
 * A hostname rule (docs/DOMAIN.md §4.8): a case-insensitive regex <em>search</em> (not a full match) over the hostname.
 * Rules are tried in file order and only the first match applies.
 */
public record HostnameRule(String name, Pattern pattern, Weights weights) {
    /** Flags every hostname pattern is compiled with. */
    public static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    public HostnameRule {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("hostname rule name is required");
        }
        if (pattern == null || weights == null) {
            throw new IllegalArgumentException("hostname rule '" + name + "' needs a pattern and weights");
        }
    }

    public boolean matches(String hostname) {
        return hostname != null && pattern.matcher(hostname).find();
    }
}
