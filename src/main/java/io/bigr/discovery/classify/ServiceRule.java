package io.bigr.discovery.classify;

import java.util.Collection;
import java.util.List;

/**
 * An mDNS service rule (docs/DOMAIN.md §4.9); all matching service rules accumulate. Matches when any of its substrings
 * occurs, case-sensitively, in any of the asset's mDNS service types (e.g. {@code _googlecast._tcp.local.}).
 *
 * @param description free text for the evidence line; may be null
 */
public record ServiceRule(String name, String description, List<String> contains, Weights weights) {
    public ServiceRule {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("service rule name is required");
        }
        if (contains == null || contains.isEmpty() || contains.stream().anyMatch(s -> s == null || s.isEmpty())) {
            throw new IllegalArgumentException("service rule '" + name + "' needs non-empty substrings");
        }
        contains = List.copyOf(contains);
        if (weights == null) {
            throw new IllegalArgumentException("service rule '" + name + "' needs weights");
        }
    }

    public boolean matches(Collection<String> serviceTypes) {
        return serviceTypes.stream().anyMatch(type -> contains.stream().anyMatch(type::contains));
    }

    /** The evidence line for {@code service_rules}. */
    public String evidence() {
        return "mDNS service → " + (description == null ? name : name + ": " + description);
    }
}
