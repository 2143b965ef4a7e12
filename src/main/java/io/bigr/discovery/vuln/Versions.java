package io.bigr.discovery.vuln;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Ordering of product version strings as NVD ranges write them ({@code 1.18.0}, {@code 8.9p1}, {@code 2020.81},
 * {@code 17.3.4a}, {@code 2.0.0-rc1}).
 *
 * <p>Versions are split into runs of digits and runs of letters (other characters separate). Digit runs compare
 * numerically, letter runs alphabetically, a digit run ranks above a letter run. When one version is a prefix of the
 * other, the longer one is greater ({@code 9.3 < 9.3p1}, {@code 17.3.4 < 17.3.4a}) unless its next token is a
 * pre-release tag (alpha, beta, rc, pre, dev, snapshot)
 * ({@code 2.0.0-rc1 < 2.0.0}).
 */
public final class Versions {
    private static final Set<String> PRE_RELEASE = Set.of("alpha", "beta", "rc", "pre", "dev", "snapshot");

    private Versions() {
    }

    public static int compare(String left, String right) {
        List<Object> a = tokens(left);
        List<Object> b = tokens(right);
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = compareToken(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        if (a.size() == b.size()) {
            return 0;
        }
        boolean leftLonger = a.size() > b.size();
        Object next = leftLonger ? a.get(n) : b.get(n);
        boolean preRelease = next instanceof String s && PRE_RELEASE.contains(s);
        int longerIsGreater = preRelease ? -1 : 1;
        return leftLonger ? longerIsGreater : -longerIsGreater;
    }

    private static int compareToken(Object x, Object y) {
        if (x instanceof Long lx && y instanceof Long ly) {
            return Long.compare(lx, ly);
        }
        if (x instanceof String sx && y instanceof String sy) {
            return sx.compareTo(sy);
        }
        return x instanceof Long ? 1 : -1;
    }

    static List<Object> tokens(String version) {
        List<Object> out = new ArrayList<>();
        String v = version == null ? "" : version.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < v.length()) {
            char ch = v.charAt(i);
            int j = i;
            if (Character.isDigit(ch)) {
                while (j < v.length() && Character.isDigit(v.charAt(j))) {
                    j++;
                }
                String digits = v.substring(i, j);
                // Absurdly long digit runs (build hashes) are clipped rather than overflowing.
                out.add(Long.parseLong(digits.length() > 18 ? digits.substring(0, 18) : digits));
            } else if (Character.isLetter(ch)) {
                while (j < v.length() && Character.isLetter(v.charAt(j))) {
                    j++;
                }
                out.add(v.substring(i, j));
            } else {
                j++;
            }
            i = j;
        }
        return out;
    }
}
