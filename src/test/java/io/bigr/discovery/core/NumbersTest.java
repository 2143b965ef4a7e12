package io.bigr.discovery.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Numbers#round}'s short cut for values already rounded gives the exact path's double, bit for bit. */
class NumbersTest {
    private static double exact(double x, int decimals) {
        return new BigDecimal(x).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
    }

    private static void same(double x, int decimals) {
        assertThat(Double.doubleToRawLongBits(Numbers.round(x, decimals))).as("round(%s, %d)", x, decimals)
                .isEqualTo(Double.doubleToRawLongBits(exact(x, decimals)));
    }

    @Test
    void agreesWithTheExactExpansionOnRoundedAndUnroundedValues() {
        SplittableRandom r = new SplittableRandom(20261203);
        for (int i = 0; i < 200_000; i++) {
            int decimals = r.nextInt(0, 9);
            double x = switch (i % 4) {
                case 0 -> r.nextDouble(-1, 1);
                case 1 -> r.nextInt(-1_000_000, 1_000_000) / Math.pow(10, r.nextInt(0, 8)); // already rounded, mostly
                case 2 -> r.nextLong(-2_000_000_000L, 2_000_000_000L) / 1e4 + r.nextInt(0, 3) * 5e-5; // near ties
                default -> r.nextDouble(-1e12, 1e12);
            };
            same(x, decimals);
        }
    }

    @Test
    void edgeValues() {
        for (double x : new double[] {0.0, -0.0, 2.675, 1.005, 0.125, 0.375, -0.125, 0.85, 1.0, 99.99, 1e9, -1e9,
                999_999_999.99, 1e-7, 5e-5, Double.MIN_VALUE, Double.MAX_VALUE, 0.30000000000000004}) {
            for (int d = 0; d <= 8; d++) {
                same(x, d);
            }
        }
        assertThat(Numbers.round(-0.0, 2)).isEqualTo(0.0).matches(v -> Double.doubleToRawLongBits(v) == 0L);
        assertThat(Numbers.round(Double.NaN, 2)).isNaN();
        assertThat(Numbers.round(Double.POSITIVE_INFINITY, 2)).isInfinite();
        assertThat(Numbers.round(2.675, 2)).isEqualTo(2.67); // the exact binary value is below the tie
    }
}
