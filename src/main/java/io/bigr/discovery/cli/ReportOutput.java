package io.bigr.discovery.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.Numbers;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Shared bits of the report commands: the --format option, JSON-only output, number formatting. */
final class ReportOutput {
    static final String FORMAT = "format";

    private ReportOutput() {
    }

    /**
     * The chosen format, validated here rather than with argparse choices so a wrong value is one line on stderr
     * (exit 2), not a usage dump.
     */
    static String format(String value, List<String> allowed) {
        String f = value == null ? allowed.get(0) : value.trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(f)) {
            throw CliException.usage("--format must be one of " + String.join(", ", allowed) + ", got '" + value + "'");
        }
        return f;
    }

    /** Formats of a list command: a table for people, or the API's JSON items. */
    static final List<String> LIST_FORMATS = List.of("table", "json");

    /** Adds {@code -f/--format table|json} to a list command. */
    static void listFormat(net.sourceforge.argparse4j.inf.ArgumentContainer p) {
        p.addArgument("-f", "--format").dest(FORMAT).setDefault("table")
                .help("table, or json (the items as the HTTP API gives them, category keys as enum values)");
    }

    /** True when a list command was asked for JSON (a bad value is a usage error). */
    static boolean json(net.sourceforge.argparse4j.inf.Namespace ns) {
        return "json".equals(format(ns.getString(FORMAT), LIST_FORMATS));
    }

    /** The report as pretty-printed JSON and nothing else on stdout (logs go to stderr). */
    static void json(PrintStream out, Object report) throws JsonProcessingException {
        out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
    }

    /** One decimal, half-even on the binary value like every other rounding in the product. */
    static String oneDecimal(double x) {
        return String.format(Locale.ROOT, "%.1f", Numbers.round(x, 1));
    }
}
