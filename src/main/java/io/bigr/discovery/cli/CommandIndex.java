package io.bigr.discovery.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@code bigr --help} groups the commands: data, one line per command. A command registered in
 * {@code BigrApplication} but missing here is still listed, under "Other commands", with its own description;
 * {@code CliHelpTest} fails until it is given a group. {@code summary} replaces a command's own description in the
 * overview (used for Dropwizard's built-in commands, whose texts talk about "the Dropwizard application").
 */
public final class CommandIndex {
    /** A heading of {@code bigr --help}, in display order. */
    public enum Group {
        SCANNING("Scanning"),
        INVENTORY("Inventory"),
        REPORTS("Reports"),
        INTEGRATIONS("Import, export and integrations"),
        SERVER("Server and database"),
        OTHER("Other commands");

        private final String title;

        Group(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** One command's place in the overview; {@code summary} null: the command's own description. */
    public record Entry(Group group, String summary) {
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        put(Group.SCANNING, "scan", null);
        put(Group.SCANNING, "watch", null);
        put(Group.SCANNING, "certs", null);
        put(Group.SCANNING, "snmp", null);
        put(Group.SCANNING, "fingerprints", null);
        put(Group.INVENTORY, "history", null);
        put(Group.INVENTORY, "changes", null);
        put(Group.INVENTORY, "tag", null);
        put(Group.INVENTORY, "untag", null);
        put(Group.INVENTORY, "tags", null);
        put(Group.INVENTORY, "subnets", null);
        put(Group.INVENTORY, "assets", null);
        put(Group.INVENTORY, "prune", null);
        put(Group.REPORTS, "compliance", null);
        put(Group.REPORTS, "analytics", null);
        put(Group.REPORTS, "risk", null);
        put(Group.REPORTS, "vuln", null);
        put(Group.INTEGRATIONS, "import", null);
        put(Group.INTEGRATIONS, "export", null);
        put(Group.INTEGRATIONS, "transfer", null);
        put(Group.INTEGRATIONS, "outbox", null);
        put(Group.INTEGRATIONS, "oui", null);
        put(Group.SERVER, "server", "Serve the JSON API and the dashboard (port $PORT, default 8080)");
        put(Group.SERVER, "check", "Check that a configuration file parses and validates");
        put(Group.SERVER, "db", "Database schema: migrate, status, rollback (Liquibase)");
        put(Group.SERVER, "token", null);
        put(Group.SERVER, "version", null);
    }

    private CommandIndex() {
    }

    private static void put(Group group, String name, String summary) {
        ENTRIES.put(name, new Entry(group, summary));
    }

    /** The command's entry; an unknown name is in {@link Group#OTHER} with its own description. */
    public static Entry of(String name) {
        return ENTRIES.getOrDefault(name, new Entry(Group.OTHER, null));
    }

    /** The names this index places, in display order within their group. */
    public static List<String> names() {
        return List.copyOf(ENTRIES.keySet());
    }
}
