package io.bigr.discovery.classify;

import java.util.List;
import java.util.Locale;

/**
 * A vendor rule (docs/DOMAIN.md §4.7): matches when any keyword is a case-insensitive substring of the vendor. Rules
 * are tried in file order and only the first match applies. Keywords are stored lower-cased (Locale.ROOT).
 */
public record VendorRule(String name, List<String> keywords, Weights weights) {
    public VendorRule {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("vendor rule name is required");
        }
        if (keywords == null || keywords.isEmpty() || keywords.stream().anyMatch(k -> k == null || k.isEmpty())) {
            throw new IllegalArgumentException("vendor rule '" + name + "' needs non-empty keywords");
        }
        keywords = keywords.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
        if (weights == null) {
            throw new IllegalArgumentException("vendor rule '" + name + "' needs weights");
        }
    }

    public boolean matches(String vendor) {
        if (vendor == null) {
            return false;
        }
        String v = vendor.toLowerCase(Locale.ROOT);
        return keywords.stream().anyMatch(v::contains);
    }
}
