package io.bigr.discovery.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Set;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Keeps the stack traces of two libraries that log a failure and then rethrow it out of the console: the connection
 * pool's "unable to create initial connections" and Dropwizard's "unable to start server". The exception still ends
 * the command, and {@link BigrCli} prints it as the one line a user gets (docs/DOMAIN.md §7). Only ERROR events that
 * carry an exception, from those two loggers, are dropped; everything else they log stays. Survives Dropwizard's
 * logging set-up (which resets the logger context after reading the configuration).
 */
final class StartupLogs extends TurboFilter {
    static final Set<String> RETHROWING = Set.of("org.apache.tomcat.jdbc.pool.ConnectionPool",
            "io.dropwizard.core.cli.ServerCommand");

    private StartupLogs() {
    }

    /** Installs the filter now and after every reset of the logger context. */
    static void install() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        add(context);
        context.addListener(new LoggerContextListener() {
            @Override
            public boolean isResetResistant() {
                return true;
            }

            @Override
            public void onStart(LoggerContext c) {
            }

            @Override
            public void onReset(LoggerContext c) {
                add(c);
            }

            @Override
            public void onStop(LoggerContext c) {
            }

            @Override
            public void onLevelChange(Logger logger, Level level) {
            }
        });
    }

    private static void add(LoggerContext context) {
        StartupLogs filter = new StartupLogs();
        filter.setContext(context);
        filter.start();
        context.addTurboFilter(filter);
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        return t != null && level == Level.ERROR && RETHROWING.contains(logger.getName()) ? FilterReply.DENY
                : FilterReply.NEUTRAL;
    }
}
