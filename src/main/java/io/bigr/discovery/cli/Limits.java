package io.bigr.discovery.cli;

/** Validation of numeric options. */
final class Limits {
    static final int MAX = 100_000;

    private Limits() {
    }

    static int positive(Integer value, String option) {
        if (value == null || value < 1 || value > MAX) {
            throw CliException.badInput(option + " must be between 1 and " + MAX + ", got " + value);
        }
        return value;
    }
}
