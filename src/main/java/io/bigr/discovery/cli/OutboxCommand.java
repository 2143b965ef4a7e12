package io.bigr.discovery.cli;

import io.bigr.discovery.scan.Outbox;
import io.bigr.discovery.scan.RemoteScanPoster;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;

/**
 * {@code bigr outbox send [--server URL] [--token-file FILE]}: delivers the scan results {@code bigr scan --server}
 * kept in {@code ~/.bigr/outbox} because the server could not take them, oldest first, each stored exactly once by
 * its idempotency key (docs/DOMAIN.md §2.7); a delivered result leaves the outbox. {@code bigr outbox list} shows
 * what waits. The server defaults to {@code BIGR_SERVER}, else the one the results were meant for. Exit codes: 0 all
 * delivered, 2 usage, 3 results remain in the outbox. Needs no database.
 */
public class OutboxCommand extends Command {
    static final String ACTION = "action";
    static final String SERVER = "server";
    public static final String SERVER_ENV = "BIGR_SERVER";

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Outbox outbox;

    public OutboxCommand() {
        this(System.out, System.err, System.getenv(), Outbox.inHome());
    }

    OutboxCommand(PrintStream out, PrintStream err, Map<String, String> env, Outbox outbox) {
        super("outbox", "Scan results waiting for a server: send them, or list them");
        this.out = out;
        this.err = err;
        this.env = env;
        this.outbox = outbox;
    }

    @Override
    public void configure(Subparser subparser) {
        Subparsers actions = subparser.addSubparsers().dest(ACTION).metavar("ACTION");
        Subparser send = actions.addParser("send").help("deliver the results in ~/.bigr/outbox, each exactly once");
        send.addArgument("--server").dest(SERVER).metavar("URL")
                .help("the BİGR server (default: " + SERVER_ENV + ", else the server the results were meant for)");
        ClientToken.addArguments(send);
        actions.addParser("list").help("list the results waiting in ~/.bigr/outbox");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace ns) throws Exception {
        List<Path> waiting = outbox.pending();
        if ("list".equals(ns.getString(ACTION))) {
            waiting.forEach(f -> out.println(f));
            out.println(waiting.size() + " result(s) in " + outbox.dir());
            return;
        }
        String server = ns.getString(SERVER);
        if (server == null || server.isBlank()) {
            server = env.get(SERVER_ENV);
        }
        if (server == null || server.isBlank()) {
            server = outbox.server().orElse(null);
        }
        if (server == null) {
            throw CliException.usage("no server: give --server URL (or set " + SERVER_ENV + ")");
        }
        String token = ClientToken.resolve(ns, env, err);
        if (token == null) {
            throw CliException.usage("a token is needed: --token-file FILE or " + ClientToken.ENV);
        }
        if (waiting.isEmpty()) {
            out.println("The outbox is empty (" + outbox.dir() + ")");
            return;
        }
        RemoteScanPoster poster;
        try {
            poster = new RemoteScanPoster(server, token, outbox.dir(), 1, RemoteScanPoster.DEFAULT_BACKOFF);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        RemoteScanPoster.Flush flush = poster.flush();
        flush.delivered().forEach(f -> out.println("delivered " + f.getFileName()));
        flush.refused().forEach((f, why) -> out.println("refused " + f.getFileName() + ": " + why));
        int left = flush.waiting() - flush.delivered().size();
        out.println(flush.delivered().size() + " delivered to " + server + ", " + left + " left in " + outbox.dir());
        if (flush.unreachable() != null) {
            throw new CliException(ScanCommand.OUTBOX_EXIT, flush.unreachable() + "; " + left
                    + " result(s) stay in the outbox");
        }
        if (!flush.complete()) {
            throw new CliException(ScanCommand.OUTBOX_EXIT, "the server refused " + flush.refused().size()
                    + " result(s); they stay in the outbox");
        }
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        cli.getStdErr().println("Error: " + Errors.describe(e));
    }
}
