package io.bigr.discovery.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The one JSON error body of every route: {@code {"error": "Asset not found", "code": 404}}, plus {@code field}
 * when one input value is to blame and {@code log_id} on a 500 (the id is in the server log next to the stack trace).
 * {@code error} stays a plain string so clients of earlier releases that read {@code body.error} keep working.
 * The message never carries exception text from a library, SQL or a secret: it is written by this codebase.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"error", "code", "field", "log_id"})
public record ApiError(String error, int code, String field, @JsonProperty("log_id") String logId) {
    public static ApiError of(int code, String message) {
        return new ApiError(message, code, null, null);
    }

    public static ApiError of(int code, String field, String message) {
        return new ApiError(message, code, field, null);
    }
}
