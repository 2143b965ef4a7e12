package io.bigr.discovery.core;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Derived from a confidence score, never stored (docs/DOMAIN.md §2.2). Thresholds are inclusive, on the unrounded
 * score.
 */
public enum ConfidenceLevel {
    HIGH, MEDIUM, LOW, UNCLASSIFIED;

    public static ConfidenceLevel of(double score) {
        if (score >= 0.7) {
            return HIGH;
        }
        if (score >= 0.4) {
            return MEDIUM;
        }
        if (score >= 0.3) {
            return LOW;
        }
        return UNCLASSIFIED;
    }

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
