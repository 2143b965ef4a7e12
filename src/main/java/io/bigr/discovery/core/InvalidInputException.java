package io.bigr.discovery.core;

/** Input that fails validation; {@link #field()} names what was wrong so the API and CLI can say so. */
public class InvalidInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidInputException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
