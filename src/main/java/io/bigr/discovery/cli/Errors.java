package io.bigr.discovery.cli;

import java.sql.SQLException;

/** Turns a failure into the one line a CLI user sees: no stack trace, no SQL, no secrets. */
public final class Errors {
    private Errors() {
    }

    public static String describe(Throwable e) {
        if (e instanceof io.dropwizard.configuration.ConfigurationException) {
            return e.getMessage().strip();
        }
        if (e instanceof CliException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && state.startsWith("08")) {
                    return "cannot connect to the database (" + state + "); check the URL, network and credentials";
                }
                return "database error" + (state == null ? "" : " (SQLState " + state + ")");
            }
            if (t instanceof java.net.ConnectException) {
                return "cannot connect to the database; is it running?";
            }
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
