package io.bigr.discovery.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of Prometheus' text exposition format 0.0.4 for the tests: every line is a {@code # HELP}, a
 * {@code # TYPE} or a sample {@code name{label="value",...} number}; anything else fails the parse. Samples are keyed
 * by their series text with labels in the order given, e.g. {@code bigr_assets{category="iot",status="online"}}.
 */
record PrometheusText(Map<String, Double> samples, Map<String, String> types) {
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*})? (\\S+)( -?\\d+)?");
    private static final Pattern TYPE = Pattern.compile(
            "# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)");

    static PrometheusText parse(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        int n = 0;
        for (String line : text.split("\n")) {
            n++;
            if (line.startsWith("# HELP ")) {
                continue;
            }
            Matcher t = TYPE.matcher(line);
            if (t.matches()) {
                if (types.put(t.group(1), t.group(2)) != null) {
                    throw new AssertionError("line " + n + ": second TYPE for " + t.group(1));
                }
                continue;
            }
            Matcher s = SAMPLE.matcher(line);
            if (!s.matches()) {
                throw new AssertionError("line " + n + " is not Prometheus text format: " + line);
            }
            String key = s.group(1) + (s.group(2) == null ? "" : s.group(2).replace(",}", "}"));
            double value = switch (s.group(3)) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(s.group(3));
            };
            if (samples.put(key, value) != null) {
                throw new AssertionError("line " + n + ": duplicate series " + key);
            }
        }
        return new PrometheusText(samples, types);
    }

    double value(String series) {
        Double v = samples.get(series);
        if (v == null) {
            throw new AssertionError("no series " + series + " among " + samples.keySet().stream()
                    .filter(k -> k.startsWith(series.replaceAll("\\{.*", ""))).toList());
        }
        return v;
    }

    boolean hasSeriesStartingWith(String prefix) {
        return samples.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    }
}
