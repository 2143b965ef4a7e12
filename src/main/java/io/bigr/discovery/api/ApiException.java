package io.bigr.discovery.api;

import jakarta.ws.rs.core.Response;

/**
 * A request the API refuses, with the status and the message the client sees (the message is ours, never a
 * library's). Thrown by resources; {@link ErrorMappers} turns it into an {@link ApiError}.
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String field;

    private ApiException(int status, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }

    /** 404: the named thing does not exist. */
    public static ApiException notFound(String message) {
        return new ApiException(404, null, message);
    }

    /** 400: a query or path parameter is malformed. */
    public static ApiException badParameter(String field, String message) {
        return new ApiException(400, field, message);
    }

    /** 422: a well-formed body whose field has an unacceptable value. */
    public static ApiException invalidField(String field, String message) {
        return new ApiException(422, field, message);
    }

    /** 413: the request body is larger than the configured limit; nothing was stored. */
    public static ApiException tooLarge(String message) {
        return new ApiException(413, "body", message);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    public Response toResponse() {
        return ErrorMappers.json(status, new ApiError(getMessage(), status, field, null));
    }
}
