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
        if (x == 0) {
            return 0.0; // -0.0 too, as the exact path gives it (BigDecimal has no negative zero)
        }
        if (alreadyRounded(x, decimals)) {
            return x;
        }
        return new BigDecimal(x).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
    }

    private static final double[] POWERS = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};

    /**
     * True when {@code x} is the double nearest to a decimal {@code D} with at most {@code decimals} places (0.85, 1.0:
     * nearly every score), so that rounding it gives {@code x} back without building the exact expansion, which cost
     * about 2 microseconds a call. Why: {@code k / 10^d} is the double nearest to {@code D = k x 10^-d} (one correctly
     * rounded division of two exact values); if that is {@code x}, then {@code |x - D|} is at most half an ulp of x,
     * under half of {@code 10^-d} while {@code |x| < 1e9} and {@code d <= 6}, so {@code D} is the unique nearest
     * {@code d}-place decimal (no tie) and its nearest double is {@code x}.
     */
    private static boolean alreadyRounded(double x, int decimals) {
        if (decimals < 0 || decimals >= POWERS.length || !(Math.abs(x) < 1e9)) {
            return false;
        }
        double k = Math.rint(x * POWERS[decimals]);
        return k / POWERS[decimals] == x;
    }

    /** Shortest round-trip decimal text: 0.85 → "0.85", 1.0 → "1.0" (the change-log representation). */
    public static String text(double x) {
        return Double.toString(x);
    }
}
