package io.bigr.discovery.scan;

/** A scan target that does not parse or is not allowed; the message is the one line shown to the user. */
public class InvalidTargetException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidTargetException(String message) {
        super(message);
    }
}
