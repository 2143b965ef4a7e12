package io.bigr.discovery.classify;

/**
 * A rule file that cannot be used: missing, unreadable, not YAML, or with a field that does not validate. The
 * message always starts with the file name and, for a bad field, its path, e.g.
 * {@code port_rules.yaml: rules[3].scores.iot: must be a number}, so the user knows exactly what to fix.
 */
public class RuleException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public RuleException(String message) {
        super(message);
    }

    static RuleException field(String file, String path, String problem) {
        return new RuleException(file + ": " + path + ": " + problem);
    }
}
