package io.bigr.discovery.transfer;

/** A transfer that cannot start or continue, for a reason the user can fix; the message is one line, no secrets. */
public class TransferException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TransferException(String message) {
        super(message);
    }

    public TransferException(String message, Throwable cause) {
        super(message, cause);
    }
}
