package io.bigr.discovery.cli;

import java.sql.SQLException;

/** Turns a failure into the one line a CLI user sees: no stack trace, no SQL, no secrets. */
public final class Errors {
    private Errors() {
    }

    public static String describe(Throwable e) {
        if (e instanceof io.dropwizard.configuration.ConfigurationException) {
            // Dropwizard lists the problems on indented lines: one line on the console.
            return e.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
        }
        if (e instanceof io.bigr.discovery.transfer.TransferException t) {
            // Never SQL or a password: the transfer's own message, plus the one-line form of a database cause.
            return t.getMessage() + (t.getCause() instanceof SQLException ? ": " + describe(t.getCause()) : "");
        }
        if (e instanceof CliException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException) {
                return "cannot listen on " + bindAddress(e) + ": " + t.getMessage()
                        + " (is another server running there? set PORT to use another port)";
            }
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

    /** The address Jetty failed to bind ("Failed to bind to /127.0.0.1:8080"), or "the port". */
    private static String bindAddress(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            int at = m == null ? -1 : m.indexOf("Failed to bind to ");
            if (at >= 0) {
                String address = firstLine(m.substring(at + "Failed to bind to ".length())).strip();
                return address.startsWith("/") ? address.substring(1) : address;
            }
        }
        return "the port";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
