package io.bigr.discovery.core;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Rounding and number-to-text exactly as earlier releases did it (docs/DOMAIN.md §0). */
public final class Numbers {
    private Numbers() {
    }

    /**
     * Round-half-to-even on the exact binary value of {@code x} ({@code new BigDecimal(double)}, not
     * {@code BigDecimal.valueOf}, which differs at ties such as 2.675).
     */
    public static double round(double x, int decimals) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        return new BigDecimal(x).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** Shortest round-trip decimal text: 0.85 → "0.85", 1.0 → "1.0" (the change-log representation). */
    public static String text(double x) {
        return Double.toString(x);
    }
}
