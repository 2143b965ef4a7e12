package io.bigr.discovery;

import io.bigr.discovery.api.ErrorMappers;
import io.bigr.discovery.api.JsonErrorHandler;
import io.bigr.discovery.api.OpenApiDocs;
import io.bigr.discovery.api.ReadCache;
import io.bigr.discovery.auth.TokenCommand;
import io.bigr.discovery.cli.AnalyticsCommand;
import io.bigr.discovery.cli.AssetsCommand;
import io.bigr.discovery.cli.BigrCli;
import io.bigr.discovery.cli.CertsCommand;
import io.bigr.discovery.cli.ChangesCommand;
import io.bigr.discovery.cli.CliException;
import io.bigr.discovery.cli.ComplianceCommand;
import io.bigr.discovery.cli.FingerprintsCommand;
import io.bigr.discovery.cli.HistoryCommand;
import io.bigr.discovery.cli.OuiCommand;
import io.bigr.discovery.cli.PruneCommand;
import io.bigr.discovery.cli.RiskCommand;
import io.bigr.discovery.cli.ScanCommand;
import io.bigr.discovery.cli.SnmpCommand;
import io.bigr.discovery.cli.SubnetsCommand;
import io.bigr.discovery.cli.TagCommand;
import io.bigr.discovery.cli.TagsCommand;
import io.bigr.discovery.cli.TransferCommand;
import io.bigr.discovery.cli.UntagCommand;
import io.bigr.discovery.cli.VersionCommand;
import io.bigr.discovery.cli.VulnCommand;
import io.bigr.discovery.cli.WatchCommand;
import io.bigr.discovery.core.Background;
import io.bigr.discovery.core.BeanValidation;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.db.Daos;
import io.bigr.discovery.db.DataVersion;
import io.bigr.discovery.db.Databases;
import io.bigr.discovery.db.MetricsDao;
import io.bigr.discovery.db.SnapshotRetention;
import io.bigr.discovery.db.SqliteLibrary;
import io.bigr.discovery.db.WebhookDao;
import io.bigr.discovery.health.DatabaseStatus;
import io.bigr.discovery.metrics.InventoryCollector;
import io.bigr.discovery.metrics.PrometheusMetrics;
import io.bigr.discovery.metrics.PrometheusServlet;
import io.bigr.discovery.reports.Reports;
import io.bigr.discovery.resources.AnalyticsResource;
import io.bigr.discovery.resources.AssetsResource;
import io.bigr.discovery.resources.CertificatesResource;
import io.bigr.discovery.resources.ChangesResource;
import io.bigr.discovery.resources.ComplianceResource;
import io.bigr.discovery.resources.DataResource;
import io.bigr.discovery.resources.EncodedSlashes;
import io.bigr.discovery.resources.HealthResource;
import io.bigr.discovery.resources.MetricsResource;
import io.bigr.discovery.resources.OpenApiResource;
import io.bigr.discovery.resources.RiskResource;
import io.bigr.discovery.resources.ScansResource;
import io.bigr.discovery.resources.SubnetsResource;
import io.bigr.discovery.resources.SwitchesResource;
import io.bigr.discovery.resources.TopologyResource;
import io.bigr.discovery.resources.VulnerabilitiesResource;
import io.bigr.discovery.schedule.DiscoveryScans;
import io.bigr.discovery.schedule.Job;
import io.bigr.discovery.schedule.Jobs;
import io.bigr.discovery.vuln.CveStore;
import io.bigr.discovery.web.Pages;
import io.bigr.discovery.webhook.WebhookDispatcher;
import io.dropwizard.assets.AssetsBundle;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.migrations.DbCommand;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import net.sourceforge.argparse4j.inf.ArgumentParserException;
import net.sourceforge.argparse4j.inf.Namespace;
import org.jdbi.v3.core.Jdbi;

/** BİGR Discovery: wiring only. Commands, bundles, the one Jdbi, the store, resources and health checks. */
public class BigrApplication extends Application<BigrConfiguration> {
    /** The command that serves HTTP (Dropwizard's name for it). */
    static final String SERVER = "server";
    /** Dropwizard's command that only reads and validates the configuration. */
    static final String CHECK = "check";
    private Jdbi jdbi;
    private List<Command> commands;
    /** The configuration the command line read while the bootstrap was built (see {@link #run(String...)}). */
    private final AtomicReference<ConfigurationReader.Ahead> configAhead = new AtomicReference<>();
    /** False while a command that serves nothing starts: see {@link ConfigurationReader#forCommands}. */
    private boolean validateEverySection = true;
    /** The bootstrap of {@code bigr server} run from the command line, whose JVM metrics wait for the start. */
    private volatile Bootstrap<BigrConfiguration> jvmMetricsOnceStarted;

    static {
        // migrations.xml is packaged in the jar AND lies in the repository root; run from there, Liquibase would see
        // the same changelog twice and refuse. It is one file.
        System.setProperty("liquibase.duplicateFileMode", "SILENT");
    }

    public static void main(String[] args) throws Exception {
        SqliteLibrary.useCachedCopy();
        new BigrApplication().run(args);
    }

    @Override
    public String getName() {
        return "bigr";
    }

    /**
     * Every command, Dropwizard's {@code server} and {@code check} first; one set per application, so that the
     * command line can parse (and a scan start) before the bootstrap that registers them exists.
     */
    synchronized List<Command> commands() {
        if (commands == null) {
            commands = List.of(new ServerCommand<>(this), new CheckCommand<>(this),
                    // `bigr db migrate|status|rollback|...`: Dropwizard's migrations command over the packaged
                    // changelog.
                    new DbCommand<>("db", configuration -> {
                        configuration.getDatabase().ensureSqliteFolder();
                        return configuration.getDatabase();
                    }, BigrConfiguration.class, Databases.CHANGELOG),
                    new TagCommand(), new UntagCommand(), new TagsCommand(), new HistoryCommand(), new PruneCommand(),
                    new AssetsCommand(), new ChangesCommand(), new SubnetsCommand(), new VersionCommand(),
                    new TransferCommand(), new CertsCommand(), new SnmpCommand(),
                    new WatchCommand(DiscoveryScans::runner), new OuiCommand(), new FingerprintsCommand(),
                    new ScanCommand(), new io.bigr.discovery.cli.ImportCommand(),
                    new io.bigr.discovery.cli.ExportCommand(), new ComplianceCommand(), new AnalyticsCommand(),
                    new RiskCommand(), new VulnCommand(), new TokenCommand(), new io.bigr.discovery.cli.OutboxCommand());
        }
        return commands;
    }

    /** {@code server} and {@code check} are registered with the others ({@link #commands}). */
    @Override
    protected void addDefaultCommands(Bootstrap<BigrConfiguration> bootstrap) {
    }

    @Override
    public void initialize(Bootstrap<BigrConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(ConfigSources.substituting());
        // Without a config argument every command runs exactly as with the packaged config-local.yml.
        // Unknown keys stop start-up (and `bigr check`) naming the key: a misspelled security setting must never
        // be silently off. Dropwizard's own factory enables this; a custom one has to (its mapper ignores unknowns).
        // A command that serves nothing skips validating the server's own sections (ConfigurationReader).
        boolean everySection = validateEverySection;
        bootstrap.setConfigurationFactoryFactory((klass, validator, mapper, prefix) ->
                new ConfigurationReader(bootstrap.getConfigurationSourceProvider(),
                        everySection ? validator : ConfigurationReader.forCommands(bootstrap.getValidatorFactory()),
                        validator, mapper.copy().enable(com.fasterxml.jackson.databind.DeserializationFeature
                                .FAIL_ON_UNKNOWN_PROPERTIES), prefix, configAhead));
        // Dropwizard's mapper without Blackbird (Json.newMapper) with the project's conventions, for the configuration
        // and Jersey: a copy of the commands' Json.MAPPER (copying is a fraction of building one).
        bootstrap.setObjectMapper(Json.MAPPER.copy());
        // One Bean Validation bootstrap per process: rule and fingerprint files are checked with Dropwizard's.
        BeanValidation.use(bootstrap.getValidatorFactory());
        commands().forEach(bootstrap::addCommand);
        // The dashboard's static files (src/main/resources/assets: style, scripts) at "/"; its pages are
        // web/Pages, registered in run; the JSON API lives under /api/* (Jersey's pattern below).
        bootstrap.addBundle(new AssetsBundle("/assets", "/", "inventory.html", "dashboard"));
        // Swagger UI at /api/docs/: our page (src/main/resources/api-docs) and the webjar's files, no CDN. Servlet
        // mappings under /api/docs/ are longer than Jersey's /api/* and win.
        bootstrap.addBundle(new AssetsBundle("/api-docs", "/api/docs", "index.html", "api-docs"));
        bootstrap.addBundle(new AssetsBundle("/META-INF/resources/webjars/swagger-ui/" + OpenApiDocs.SWAGGER_UI_VERSION,
                "/api/docs/ui", null, "swagger-ui"));
    }

    /**
     * The command line: {@code bigr}'s own front-end ({@link BigrCli}: grouped help, one-line errors) in place of
     * Dropwizard's, over the same commands and bootstrap.
     */
    @Override
    public void run(String... arguments) throws Exception {
        String command = arguments.length > 0 ? arguments[0] : "";
        boolean serving = SERVER.equals(command);
        validateEverySection = serving || CHECK.equals(command);
        // The bootstrap (Dropwizard's object mapper and Hibernate Validator: about a quarter of a second) is built on
        // a thread of its own while the line is parsed and a scan sends its first probes (docs/STACK-NOTES.md Q6).
        List<Command> all = commands();
        CompletableFuture<Bootstrap<BigrConfiguration>> building = Background.start("bigr-bootstrap", this::bootstrap);
        Supplier<Bootstrap<BigrConfiguration>> ready = () -> {
            Bootstrap<BigrConfiguration> b = Background.join(building);
            if (serving) {
                jvmMetricsOnceStarted = b;
            }
            return b;
        };
        // A command that reads the configuration reads and binds it here, while the bootstrap is built; the reader
        // of that bootstrap validates what was read (ConfigurationReader.readAhead).
        BiConsumer<Command, Namespace> readAhead = (c, ns) -> {
            if (c instanceof ConfiguredCommand<?>) {
                configAhead.set(ConfigurationReader.readAhead(ns.getString("file")));
            }
        };
        new BigrCli(all, ready, readAhead, System.out, System.err).run(arguments).ifPresent(this::onFatalError);
    }

    /** The command line over every command this application registers (tests read its help in-process). */
    public BigrCli cli(java.io.PrintStream out, java.io.PrintStream err) {
        Bootstrap<BigrConfiguration> bootstrap = bootstrap();
        bootstrap.registerMetrics();
        return new BigrCli(bootstrap, out, err);
    }

    /**
     * A bootstrap with every command and bundle, without the JVM metrics and their JMX reporter: building the
     * platform MBean server for them is about a tenth of a short command's start, and only {@code bigr server}
     * serves them (registered once it has started, see {@link #registerJvmMetricsOnceStarted}).
     */
    private Bootstrap<BigrConfiguration> bootstrap() {
        Bootstrap<BigrConfiguration> bootstrap = new Bootstrap<>(this);
        initialize(bootstrap);
        return bootstrap;
    }

    /**
     * {@code bigr server} registers the JVM metrics (memory, GC, threads, buffers; Dropwizard's
     * {@link Bootstrap#registerMetrics}) and their JMX reporter on a thread of their own shortly after Jetty has
     * started, instead of before reading the configuration: the server answers its first requests sooner (on a busy
     * machine the registration competed with them for the process's CPU), and the series are in the registry
     * {@link #JVM_METRICS_DELAY_MS} later.
     */
    private void registerJvmMetricsOnceStarted(Environment environment) {
        Bootstrap<BigrConfiguration> bootstrap = jvmMetricsOnceStarted;
        if (bootstrap == null) {
            return;
        }
        environment.lifecycle().addServerLifecycleListener(server -> {
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(JVM_METRICS_DELAY_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                bootstrap.registerMetrics();
            }, "bigr-jvm-metrics");
            t.setDaemon(true);
            t.start();
        });
    }

    /** How long after Jetty's start {@code bigr server} registers the JVM metrics. */
    static final long JVM_METRICS_DELAY_MS = 1_000;

    @Override
    public void run(BigrConfiguration configuration, Environment environment) throws Exception {
        // Jersey takes over the bootstrap's validator factory from here on (see BeanValidation.forget).
        BeanValidation.forget();
        if (configuration.getDatabase().shouldMigrateOnStart()) {
            Databases.migrateIfBehind(configuration.getDatabase());
        }
        Jdbi jdbi = Databases.newJdbi(environment, configuration.getDatabase(), "database");
        this.jdbi = jdbi;
        // before the DAOs: every handle they open tells the read cache when this process wrote (§6.14)
        DataVersion dataVersion = DataVersion.watch(jdbi, DataVersion.MAX_AGE);
        benchmarkCeiling(environment, System.getenv("BIGR_BENCH_STATIC_DIR"));
        registerJvmMetricsOnceStarted(environment);
        // Requests Jetty rejects itself (bad URI encoding, unparsable headers) answer in the API's error shape too.
        environment.lifecycle().addServerLifecycleListener(server -> server.setErrorHandler(new JsonErrorHandler()));
        Daos daos = Daos.create(jdbi, configuration.getDatabase().getDialect(),
                configuration.getInventory().build());

        // HTTP API: Jersey under /api/*, our JSON error mappers instead of Dropwizard's, encoded slashes allowed.
        environment.jersey().setUrlPattern("/api/*");
        if (configuration.getServerFactory() instanceof AbstractServerFactory server) {
            server.setRegisterDefaultExceptionMappers(false);
        }
        EncodedSlashes.allow(configuration.getServerFactory(), environment);
        ErrorMappers.register(environment.jersey());
        environment.jersey().register(configuration.getCors().build());
        environment.jersey().register(configuration.getAuth().build());
        guardSharedAdmin(configuration, environment);

        DatabaseStatus databaseStatus = new DatabaseStatus(daos.ping(), configuration.getDatabase());
        environment.healthChecks().register("database-schema", databaseStatus);
        environment.jersey().register(new HealthResource(databaseStatus));
        environment.jersey().register(new DataResource(daos.scans(), daos.assets(), daos.reads(), environment.getObjectMapper()));
        environment.jersey().register(new ScansResource(daos.store(), daos.scans(),
                configuration.getIngest().getMaxBodySize().toBytes(), daos.reads(), environment.getObjectMapper()));
        environment.jersey().register(new ChangesResource(daos.changes()));
        environment.jersey().register(new SubnetsResource(daos.subnets()));
        environment.jersey().register(new SwitchesResource(daos.switches(), daos.assets(), daos.ports()));
        environment.jersey().register(new CertificatesResource(daos.certificates()));

        // Prometheus: Dropwizard's metrics and the inventory's own, on the admin port and behind a token on the API.
        PrometheusMetrics prometheus = new PrometheusMetrics(environment.metrics(),
                new InventoryCollector(jdbi.onDemand(MetricsDao.class), configuration.getDatabase().getDialect()));
        environment.admin().addServlet("prometheus", new PrometheusServlet(prometheus)).addMapping("/prometheus");
        environment.jersey().register(new MetricsResource(prometheus));
        environment.jersey().register(new OpenApiResource(environment.getObjectMapper(),
                environment.jersey().getResourceConfig()));

        java.time.Duration pruneEvery = configuration.getRetention().interval();
        List<Job> housekeeping = pruneEvery == null ? List.of()
                : List.of(new Jobs.Prune(pruneEvery, configuration.getRetention().policy(),
                        new SnapshotRetention(daos.assets(), daos.snapshots()), Clock.systemUTC()));
        if (configuration.getSchedule().isEnabled() || !housekeeping.isEmpty()) {
            environment.lifecycle().manage(configuration.getSchedule().build(daos, configuration.getDatabase(),
                    DiscoveryScans.runner(configuration, daos), configuration.getSnmp(),
                    configuration.getSchedule().isEnabled(), housekeeping));
        }
        Reports reports = new Reports(daos.assets(), daos.subnets(), daos.reads(), new CveStore(daos.cves()));
        environment.jersey().register(new AssetsResource(daos.assets(), daos.snapshots(), daos.ports(), daos.reads(),
                environment.getObjectMapper(), daos.store(), daos.certificates(), reports));
        Clock clock = Clock.systemUTC();
        environment.jersey().register(new TopologyResource(reports, environment.getObjectMapper()));
        environment.jersey().register(new ComplianceResource(reports));
        environment.jersey().register(new AnalyticsResource(reports, clock));
        environment.jersey().register(new RiskResource(reports, clock, environment.getObjectMapper()));
        environment.jersey().register(new VulnerabilitiesResource(reports));
        Pages.register(environment);

        // Webhooks: a dispatcher thread reads committed change rows (outbox style), never the save itself.
        if (configuration.getWebhooks().isEnabled()) {
            environment.lifecycle().manage(new WebhookDispatcher(jdbi.onDemand(WebhookDao.class), daos.certificates(),
                    reports::vulnerabilities, configuration.getDatabase().getDialect(),
                    configuration.getWebhooks().settings(), clock));
        }
        // ETag / 304 and a bounded cache of rendered bodies, keyed by the data version (docs/DOMAIN.md §6.14).
        ReadCache readCache = new ReadCache(dataVersion, clock, environment.lifecycle()
                .executorService("read-cache-gzip").minThreads(1).maxThreads(1).build());
        environment.jersey().register(readCache);
        io.bigr.discovery.api.ReadCacheFactory ahead = configuration.getReadCache();
        if (ahead.isWarm()) {
            io.bigr.discovery.api.ReadWarmer warmer = new io.bigr.discovery.api.ReadWarmer(readCache,
                    ahead.getWarmWindow().toJavaDuration(), ahead.getWarmSlowerThan().toJavaDuration());
            environment.jersey().register(warmer);
            warmer.start(environment.lifecycle().scheduledExecutorService("read-cache-warm", true).threads(1).build());
            environment.metrics().register("io.bigr.read_cache.rendered_ahead",
                    (com.codahale.metrics.Gauge<Long>) warmer::rendered);
        }
    }

    /**
     * Admin endpoints on the API's own connector (server type {@code simple}, as config-local.yml has it) need a
     * write-enabled token, so that setting {@code BIGR_BIND_HOST} never opens tasks and metrics to the network.
     * With the default server type admin has its own connectors (config.yml: loopback only).
     */
    static void guardSharedAdmin(BigrConfiguration configuration, Environment environment) {
        if (configuration.getServerFactory() instanceof io.dropwizard.core.server.SimpleServerFactory) {
            environment.admin().addFilter("admin-auth",
                    new io.bigr.discovery.auth.AdminAuthFilter(configuration.getAuth().tokens()))
                    .addMappingForUrlPatterns(java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST), true,
                            "/*");
        }
    }

    /**
     * With {@code BIGR_BENCH_STATIC_DIR} set (by {@code bench/api.sh} only), the files of that folder are served at
     * {@code /bench/*} by Jetty's resource servlet with its cache off: the static-file ceiling the API's latency is
     * compared with. Jetty streams each file from disk as a static server would; the dashboard's asset servlet is
     * not used for it because it reads and caches whole files in the heap, which for 50 MB bodies would measure the
     * cache, not the server, and crowd the API out of a 256 MB heap. Off (nothing registered) when unset.
     */
    static void benchmarkCeiling(Environment environment, String dir) {
        if (dir == null || dir.isBlank()) {
            return;
        }
        var servlet = environment.servlets().addServlet("bench-static",
                new org.eclipse.jetty.ee10.servlet.ResourceServlet());
        servlet.setInitParameter("baseResource", java.nio.file.Path.of(dir).toAbsolutePath().toUri().toString());
        servlet.setInitParameter("dirAllowed", "false");
        servlet.setInitParameter("maxCacheSize", "0");
        servlet.setInitParameter("etags", "false");
        servlet.addMapping("/bench/*");
    }

    /** The Jdbi built by the last {@link #run}; tests install statement counters on it. */
    public Jdbi jdbi() {
        return jdbi;
    }

    /** Exit codes: 2 for usage errors, the command's own code for a {@link CliException}, else 1. */
    @Override
    protected void onFatalError(Throwable t) {
        int code = 1;
        if (t instanceof ArgumentParserException) {
            code = 2;
        } else if (t instanceof CliException e) {
            code = e.exitCode();
        }
        System.exit(code);
    }
}
