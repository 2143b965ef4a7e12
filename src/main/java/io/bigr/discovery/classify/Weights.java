package io.bigr.discovery.classify;

import io.bigr.discovery.core.BigrCategory;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What one rule adds to the category accumulators (docs/DOMAIN.md §4.5). Invariants: at least one category, never
 * {@code unclassified}, every weight finite and non-negative; iteration follows the category order.
 */
public record Weights(Map<BigrCategory, Double> byCategory) {
    public Weights {
        if (byCategory == null || byCategory.isEmpty()) {
            throw new IllegalArgumentException("weights need at least one category");
        }
        EnumMap<BigrCategory, Double> copy = new EnumMap<>(BigrCategory.class);
        byCategory.forEach((category, weight) -> {
            if (category == null || category == BigrCategory.UNCLASSIFIED) {
                throw new IllegalArgumentException("weights cannot target " + category);
            }
            if (weight == null || !Double.isFinite(weight) || weight < 0) {
                throw new IllegalArgumentException("weight of " + category.value() + " must be >= 0, got " + weight);
            }
            copy.put(category, weight);
        });
        byCategory = Collections.unmodifiableMap(copy);
    }

    public static Weights of(BigrCategory category, double weight) {
        return new Weights(Map.of(category, weight));
    }

    public static Weights of(BigrCategory c1, double w1, BigrCategory c2, double w2) {
        return new Weights(Map.of(c1, w1, c2, w2));
    }
}
