package io.bigr.discovery.cli;

import io.bigr.discovery.core.AppVersion;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code bigr version}. */
public class VersionCommand extends Command {
    public VersionCommand() {
        super("version", "Print the version");
    }

    @Override
    public void configure(Subparser subparser) {
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) {
        System.out.println("BİGR Discovery v" + AppVersion.current());
    }
}
