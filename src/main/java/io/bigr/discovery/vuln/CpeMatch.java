package io.bigr.discovery.vuln;

import java.util.Locale;

/**
 * One NVD applicability criterion of a CVE ({@code configurations[].nodes[].cpeMatch[]}): a CPE 2.3 pattern and an
 * optional version range. A criterion constrains the version when its CPE names a version or a range bound is set;
 * only such criteria can confirm a match from version evidence.
 */
public record CpeMatch(String cveId, String criteria, String versionStartIncluding, String versionStartExcluding,
                       String versionEndIncluding, String versionEndExcluding, boolean vulnerable) {

    /** CPE 2.3 field (0-based after the {@code cpe:2.3} prefix: 0 part, 1 vendor, 2 product, 3 version, 4 update). */
    String field(int index) {
        String[] parts = split(criteria);
        return parts.length > index + 2 ? parts[index + 2] : "*";
    }

    public String vendor() {
        return field(1).toLowerCase(Locale.ROOT);
    }

    public String product() {
        return field(2).toLowerCase(Locale.ROOT);
    }

    /** The exact version named by the CPE, or null for {@code *} / {@code -}. */
    public String version() {
        String v = field(3);
        return v.equals("*") || v.equals("-") || v.isEmpty() ? null : unescape(v);
    }

    /** The update field (e.g. {@code p1} of OpenSSH {@code 8.9:p1}), or null for {@code *} / {@code -}. */
    public String update() {
        String u = field(4);
        return u.equals("*") || u.equals("-") || u.isEmpty() ? null : unescape(u);
    }

    public boolean constrainsVersion() {
        return version() != null || versionStartIncluding != null || versionStartExcluding != null
                || versionEndIncluding != null || versionEndExcluding != null;
    }

    /**
     * True when {@code candidate} satisfies this criterion: equals the CPE's version (with or without its update
     * suffix) or lies within every bound that is set. Never true for a criterion that constrains nothing.
     */
    public boolean covers(String candidate) {
        if (!vulnerable || candidate == null || !constrainsVersion()) {
            return false;
        }
        String exact = version();
        if (exact != null) {
            String update = update();
            if (update != null) {
                return Versions.compare(candidate, exact + update) == 0;
            }
            // "8.9" with any update covers "8.9" and "8.9p1", but not "8.90".
            return Versions.compare(candidate, exact) == 0 || (candidate.startsWith(exact)
                    && candidate.length() > exact.length() && !Character.isDigit(candidate.charAt(exact.length()))
                    && candidate.charAt(exact.length()) != '.');
        }
        return (versionStartIncluding == null || Versions.compare(candidate, versionStartIncluding) >= 0)
                && (versionStartExcluding == null || Versions.compare(candidate, versionStartExcluding) > 0)
                && (versionEndIncluding == null || Versions.compare(candidate, versionEndIncluding) <= 0)
                && (versionEndExcluding == null || Versions.compare(candidate, versionEndExcluding) < 0);
    }

    /** Splits on ':' except where escaped with a backslash (CPE 2.3 formatted string). */
    static String[] split(String cpe) {
        if (cpe == null) {
            return new String[0];
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < cpe.length(); i++) {
            char ch = cpe.charAt(i);
            if (ch == '\\' && i + 1 < cpe.length()) {
                cur.append(ch).append(cpe.charAt(++i));
            } else if (ch == ':') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out.toArray(String[]::new);
    }

    private static String unescape(String s) {
        return s.replace("\\", "");
    }
}
