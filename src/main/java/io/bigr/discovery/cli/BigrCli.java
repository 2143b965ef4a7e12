package io.bigr.discovery.cli;

import io.bigr.discovery.core.AppVersion;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import net.sourceforge.argparse4j.ArgumentParsers;
import net.sourceforge.argparse4j.inf.ArgumentParser;
import net.sourceforge.argparse4j.inf.ArgumentParserException;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;
import net.sourceforge.argparse4j.helper.HelpScreenException;
import org.slf4j.LoggerFactory;

/**
 * The {@code bigr} command line (in place of Dropwizard's {@code Cli}): {@code usage: bigr ...}, the overview of
 * {@code bigr --help} grouped by {@link CommandIndex}, every command's options under {@link FlagPolicy}, and failures
 * as one line on stderr (docs/DOMAIN.md §7): a usage error is the problem plus a hint ({@code try: bigr scan
 * --help}), never the whole help; any other failure is {@link Errors#describe}, never a stack trace.
 */
public final class BigrCli {
    static final String COMMAND = "command";
    private static final int NAME_WIDTH = 14;

    private final Supplier<? extends Bootstrap<?>> bootstrap;
    private final BiConsumer<Command, Namespace> whileBootstrapping;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, Command> commands = new LinkedHashMap<>();

    public BigrCli(Bootstrap<?> bootstrap, PrintStream out, PrintStream err) {
        this(bootstrap.getCommands(), () -> bootstrap, (c, ns) -> { }, out, err);
    }

    /**
     * A command line over {@code commands} whose bootstrap may still be in the making: {@code bootstrap} is asked for
     * only once the line is parsed and may wait for it. Before that, a {@link BeforeBootstrap} command starts, then
     * {@code whileBootstrapping} gets the parsed line on this thread: work that needs no bootstrap (reading the
     * configuration file) is done while it is built.
     */
    public BigrCli(List<Command> commands, Supplier<? extends Bootstrap<?>> bootstrap,
                   BiConsumer<Command, Namespace> whileBootstrapping, PrintStream out, PrintStream err) {
        this.whileBootstrapping = whileBootstrapping;
        this.bootstrap = bootstrap;
        this.out = out;
        this.err = err;
        for (Command c : commands) {
            this.commands.put(c.getName(), c);
        }
        StartupLogs.install();
    }

    /**
     * The parser for one command line. A line naming a command gets that command's parser only (building all of
     * them, with their option rules, was a twentieth of a short command's start); anything else gets every command.
     * argparse4j asks the terminal for its width by running {@code stty} in a shell, which only help output uses:
     * it is asked only when the line asks for help.
     */
    private ArgumentParser parser(String... args) {
        boolean help = false;
        for (String a : args) {
            help |= a.equals("-h") || a.equals("--help");
        }
        ArgumentParser parser = ArgumentParsers.newFor("bigr").terminalWidthDetection(help).build();
        Subparsers subparsers = parser.addSubparsers().metavar("COMMAND");
        String only = args.length > 0 && commands.containsKey(args[0]) ? args[0] : null;
        for (Command c : commands.values()) {
            if (only == null || only.equals(c.getName())) {
                Subparser p = subparsers.addParser(c.getName()).help(summary(c)).description(c.getDescription())
                        .setDefault(COMMAND, c.getName());
                c.configure(FlagPolicy.wrap(p));
            }
        }
        return parser;
    }

    /** Runs one command line; the failure, if any, for the exit code. */
    public Optional<Throwable> run(String... args) {
        ArgumentParser parser = parser(args);
        if (args.length == 0) {
            out.print(overview());
            return Optional.of(new ArgumentParserException("no command given", parser));
        }
        if (args.length == 1 && List.of("-h", "--help", "help").contains(args[0])) {
            out.print(overview());
            return Optional.empty();
        }
        if (args.length == 1 && args[0].equals("--version")) {
            out.println("BİGR Discovery v" + AppVersion.current());
            return Optional.empty();
        }
        if (!args[0].startsWith("-") && !commands.containsKey(args[0])) {
            return usage(new ArgumentParserException("unknown command '" + args[0] + "'", parser));
        }
        Namespace ns;
        try {
            ns = parser.parseArgs(args);
        } catch (HelpScreenException e) {
            return Optional.empty();
        } catch (ArgumentParserException e) {
            return usage(e);
        }
        Command command = commands.get(ns.getString(COMMAND));
        try {
            if (command instanceof BeforeBootstrap early) {
                early.beforeBootstrap(ns);
            }
            whileBootstrapping.accept(command, ns);
            command.run(bootstrap.get(), ns);
            return Optional.empty();
        } catch (Throwable e) {
            LoggerFactory.getLogger(BigrCli.class).debug("bigr {} failed", command.getName(), e);
            err.println("Error: " + Errors.describe(e));
            if (e instanceof CliException c && c.exitCode() == CliException.USAGE) {
                err.println("try: bigr " + command.getName() + " --help");
            }
            return Optional.of(e);
        }
    }

    private Optional<Throwable> usage(ArgumentParserException e) {
        err.println("Error: " + firstLine(e.getMessage()));
        err.println("try: " + prog(e.getParser()) + " --help");
        return Optional.of(e);
    }

    /** The grouped overview of {@code bigr --help}. */
    public String overview() {
        Map<CommandIndex.Group, List<Command>> grouped = new EnumMap<>(CommandIndex.Group.class);
        List<String> order = CommandIndex.names();
        List<Command> sorted = new ArrayList<>(commands.values());
        sorted.sort((a, b) -> Integer.compare(rank(order, a.getName()), rank(order, b.getName())));
        sorted.forEach(c -> grouped.computeIfAbsent(CommandIndex.of(c.getName()).group(), g -> new ArrayList<>())
                .add(c));
        StringBuilder sb = new StringBuilder();
        sb.append("usage: bigr COMMAND [OPTIONS] [ARGUMENTS] [CONFIG]\n\n");
        sb.append("BİGR Discovery finds the devices on your networks, classifies them into BİGR categories and keeps "
                + "an inventory\nwith a change log, served by a JSON API and a dashboard.\n");
        grouped.forEach((group, list) -> {
            sb.append('\n').append(group.title()).append(":\n");
            for (Command c : list) {
                String name = c.getName();
                sb.append("  ").append(name).append(" ".repeat(Math.max(1, NAME_WIDTH - name.length())))
                        .append(summary(c)).append('\n');
            }
        });
        sb.append("""

                CONFIG: every command takes an optional configuration file last (default: the packaged \
                config-local.yml,
                SQLite at ~/.bigr/bigr.db; config.yml reads PostgreSQL from DATABASE_URL).
                Run 'bigr COMMAND --help' for a command's options; 'bigr --version' prints the version.
                """);
        return sb.toString();
    }

    private static int rank(List<String> order, String name) {
        int i = order.indexOf(name);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    /** The one-line description of a command in the overview. */
    static String summary(Command c) {
        String s = CommandIndex.of(c.getName()).summary();
        return firstLine(s != null ? s : c.getDescription() == null ? "" : c.getDescription());
    }

    /** {@code bigr scan} from a parser's usage line ({@code usage: bigr scan [-h] ...}). */
    static String prog(ArgumentParser p) {
        String usage = p.formatUsage().strip();
        String[] words = usage.substring(usage.indexOf(':') + 1).strip().split("\\s+");
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            if (w.startsWith("[") || w.startsWith("-") || w.startsWith("{")
                    || (!w.equals("bigr") && w.equals(w.toUpperCase(Locale.ROOT)))) {
                break;
            }
            sb.append(sb.length() == 0 ? "" : " ").append(w);
        }
        return sb.length() == 0 ? "bigr" : sb.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
