package io.bigr.discovery.cli;

import io.bigr.discovery.transfer.Endpoint;
import io.bigr.discovery.transfer.TableReport;
import io.bigr.discovery.transfer.Transfer;
import io.bigr.discovery.transfer.TransferReport;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.UnaryOperator;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code bigr transfer [--from URL] [--to URL] [--dry-run] [--batch N]}: copies the inventory between databases
 * (docs/DOMAIN.md §8.4), by default from the laptop's SQLite file to {@code DATABASE_URL}. A thin shell over
 * {@link Transfer}: parses the URLs, prints the per-table report, and exits 1 when any row failed or the counts do
 * not add up. The target is printed without its password.
 */
public class TransferCommand extends Command {
    static final String FROM = "from";
    static final String TO = "to";
    static final String DRY_RUN = "dry_run";
    static final String BATCH = "batch";
    /** Where earlier releases and {@code config-local.yml} keep the inventory. */
    static final String DEFAULT_SOURCE = "sqlite:///~/.bigr/bigr.db";
    /** Failed rows printed per table; the count is always exact. */
    private static final int FAILURES_SHOWN = 100;

    private final UnaryOperator<String> environment;

    public TransferCommand() {
        this(System::getenv);
    }

    TransferCommand(UnaryOperator<String> environment) {
        super("transfer", "Copy the inventory between databases (default: ~/.bigr/bigr.db to DATABASE_URL)");
        this.environment = environment;
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("--from").dest(FROM).metavar("URL")
                .help("source database (default " + DEFAULT_SOURCE + "); any form config.yml accepts");
        subparser.addArgument("--to").dest(TO).metavar("URL")
                .help("target database (default: the DATABASE_URL environment variable)");
        subparser.addArgument("--dry-run").dest(DRY_RUN).action(Arguments.storeTrue())
                .help("read and convert every row, report, write nothing");
        subparser.addArgument("--batch").dest(BATCH).type(Integer.class).setDefault(Transfer.DEFAULT_BATCH)
                .metavar("N").help("rows per transaction (default " + Transfer.DEFAULT_BATCH + ")");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace ns) throws Exception {
        transfer(ns.getString(FROM), ns.getString(TO), Boolean.TRUE.equals(ns.getBoolean(DRY_RUN)),
                ns.getInt(BATCH), System.out);
    }

    /** The whole command; throws {@link CliException} for every way it can fail. */
    TransferReport transfer(String from, String to, boolean dryRun, int batch, PrintStream out) throws Exception {
        Transfer.Options options;
        try {
            options = new Transfer.Options(dryRun, batch);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        String sourceUrl = from == null || from.isBlank() ? DEFAULT_SOURCE : from;
        String targetUrl = to == null || to.isBlank() ? environment.apply("DATABASE_URL") : to;
        if ((targetUrl == null || targetUrl.isBlank()) && !dryRun) {
            throw CliException.usage("no target database: pass --to URL or set DATABASE_URL");
        }
        Endpoint source = endpoint("--from", sourceUrl);
        Endpoint target = targetUrl == null || targetUrl.isBlank() ? null : endpoint("--to", targetUrl);
        out.println("Source: " + source.display());
        out.println("Target: " + (target == null ? "(none: dry run)" : target.display()));
        if (dryRun) {
            out.println("Dry run: reading and converting only; nothing is written");
        }
        TransferReport report = new Transfer(source, target, options, out).run();
        print(report, out);
        if (report.failed() > 0) {
            throw CliException.badInput("transfer finished with " + report.failed() + " failed row(s); see above");
        }
        if (!report.countsVerified()) {
            throw CliException.badInput("row counts do not add up (a concurrent writer on the target?); see above");
        }
        return report;
    }

    private static Endpoint endpoint(String option, String url) {
        try {
            return Endpoint.of(url);
        } catch (IllegalArgumentException e) {
            throw CliException.badInput(option + ": " + e.getMessage());
        }
    }

    static void print(TransferReport report, PrintStream out) {
        out.println();
        Table t = new Table("Table", "Read", report.dryRun() ? "Convertible" : "Inserted", "Skipped", "Failed",
                "Target rows", "Check");
        for (TableReport r : report.tables()) {
            String rows = r.targetBefore() == null ? "-" : r.targetBefore() + " -> " + r.targetAfter();
            t.row(r.table() + (r.isMissingInSource() ? " (not in source)" : ""), r.read(), r.inserted(), r.skipped(),
                    r.failed(), rows, r.countsVerified() ? "ok" : "MISMATCH");
        }
        t.print(out);
        for (TableReport r : report.tables()) {
            for (Map.Entry<String, Long> e : r.skipReasons().entrySet()) {
                out.println("  skipped " + r.table() + " x" + e.getValue() + ": " + e.getKey());
            }
            int shown = 0;
            for (String f : r.failures()) {
                if (shown++ == FAILURES_SHOWN) {
                    out.println("  ... and " + (r.failed() - FAILURES_SHOWN) + " more failed " + r.table() + " rows");
                    break;
                }
                out.println("  FAILED " + r.table() + " " + f);
            }
            r.notes().forEach(n -> out.println("  note " + r.table() + ": " + n));
        }
        report.notes().forEach(n -> out.println("Note: " + n));
        out.println(report.dryRun() ? "Dry run complete: nothing written."
                : report.ok() ? "Transfer complete: " + report.inserted() + " row(s) inserted, counts verified."
                : "Transfer finished with problems.");
    }

}
