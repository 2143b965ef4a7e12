package io.bigr.discovery.cli;

import io.bigr.discovery.BigrConfiguration;
import io.bigr.discovery.reports.Reports;
import io.bigr.discovery.core.InvalidInputException;
import io.bigr.discovery.db.BigrDataSourceFactory;
import io.bigr.discovery.db.Daos;
import io.bigr.discovery.db.Databases;
import io.bigr.discovery.db.Dialect;
import io.bigr.discovery.vuln.CveStore;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import java.io.PrintStream;
import java.sql.Connection;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * Base of every command that works on the inventory: builds the pool and the one Jdbi from the configuration,
 * brings a SQLite file up to date (a laptop user never runs a separate migrate step; PostgreSQL must be migrated
 * explicitly and is refused with a clear message otherwise), runs, and stops the pool. Errors are one line.
 */
public abstract class StoreCommand extends ConfiguredCommand<BigrConfiguration> {
    /** The namespace key of the optional config-file positional (Dropwizard's). */
    static final String FILE = "file";

    protected StoreCommand(String name, String description) {
        super(name, description);
    }

    /**
     * Adds the command's own arguments, then the optional config file as the LAST positional, so that
     * {@code bigr tag 10.0.0.1 config.yml} binds the IP first (argparse fills positionals in definition order).
     */
    @Override
    public final void configure(Subparser subparser) {
        arguments(subparser);
        if (fileOnThisParser()) {
            addFileArgument(subparser);
        }
    }

    /** The command's positionals and options. */
    protected abstract void arguments(Subparser subparser);

    /** False for commands with sub-commands, which add the file argument to each child instead. */
    protected boolean fileOnThisParser() {
        return true;
    }

    /** Adds the optional config-file positional to a sub-command parser. */
    protected final void addConfigFile(Subparser child) {
        addFileArgument(child);
    }

    @Override
    protected final void run(Bootstrap<BigrConfiguration> bootstrap, Namespace namespace, BigrConfiguration configuration)
            throws Exception {
        BigrDataSourceFactory database = configuration.getDatabase();
        prepareSchema(database);
        ManagedDataSource dataSource = Databases.newDataSource(database, getName());
        try {
            execute(namespace, configuration, Daos.create(Databases.newJdbi(dataSource), database.getDialect(),
                    configuration.getInventory().build()),
                    System.out);
        } catch (InvalidInputException e) {
            throw CliException.badInput(e.getMessage());
        } finally {
            dataSource.stop();
        }
    }

    /** SQLite is migrated in place; PostgreSQL with pending changeSets is refused (production migrates as a step). */
    static void prepareSchema(BigrDataSourceFactory database) throws Exception {
        // Starting Liquibase costs more than most commands' own work; a schema that recorded every changeSet id
        // of the packaged changelog needs none of it.
        if (Databases.recordedEveryChangeSet(database)) {
            return;
        }
        if (database.getDialect() == Dialect.SQLITE || database.shouldMigrateOnStart()) {
            Databases.migrate(database);
            return;
        }
        try (Connection c = Databases.connect(database)) {
            int pending = Databases.pendingMigrations(c);
            if (pending > 0) {
                throw CliException.badInput("the database schema is behind by " + pending
                        + " change set(s); run: bigr db migrate <config>");
            }
        }
    }

    /** The analysis reports over this command's database. */
    protected static Reports reports(Daos daos) {
        return new Reports(daos.assets(), daos.subnets(), daos.reads(), new CveStore(daos.cves()));
    }

    protected abstract void execute(Namespace namespace, BigrConfiguration configuration, Daos daos,
                                    PrintStream out) throws Exception;

}
