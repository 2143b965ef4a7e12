package io.bigr.discovery.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.bigr.discovery.core.InvalidInputException;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.tomcat.jdbc.pool.PoolExhaustedException;
import org.jdbi.v3.core.ConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteException;

/**
 * Every failure of every route becomes an {@link ApiError}. These mappers replace Dropwizard's defaults (switched off
 * in {@code BigrApplication}), which would echo Jackson's parser text and answer some bad input with 500.
 *
 * <ul>
 *   <li>{@link ApiException}: its own status (400 bad parameter, 404, 422 bad body field).</li>
 *   <li>{@link InvalidInputException} from core (the scan-result reader, tag validation): 422 naming the field.</li>
 *   <li>Unparsable JSON: 400; JSON of the wrong type for a field: 422 naming the field path.</li>
 *   <li>Jersey's own {@link WebApplicationException}s (unknown route 404, 405, 406, 415): their status.</li>
 *   <li>The database cannot be reached (no connection, pool timeout, connection cut, SQLite busy): 503 with
 *       {@code Retry-After}. The pool validates connections on borrow, so service resumes by itself.</li>
 *   <li>Anything else: 500 with a log id; the stack trace goes to the log only.</li>
 * </ul>
 */
public final class ErrorMappers {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMappers.class);
    /** Seconds a 503 asks the client to wait before trying again. */
    public static final String RETRY_AFTER_SECONDS = "5";

    private ErrorMappers() {
    }

    public static void register(JerseyEnvironment jersey) {
        jersey.register(new ApiExceptionMapper());
        jersey.register(new InvalidInputMapper());
        jersey.register(new JsonMapper());
        jersey.register(new WebApplicationMapper());
        jersey.register(new UnexpectedMapper());
    }

    static Response json(int status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }

    /** True when the failure means "the database is not reachable right now", not "this request is wrong". */
    public static boolean databaseUnavailable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectionException || c instanceof SQLTransientConnectionException
                    || c instanceof SQLNonTransientConnectionException || c instanceof PoolExhaustedException) {
                return true;
            }
            if (c instanceof SQLiteException s) {
                int primary = s.getErrorCode() & 0xff;
                if (primary == 5 || primary == 6 || primary == 14) { // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_CANTOPEN
                    return true;
                }
            } else if (c instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                // 08xxx connection exceptions, 57P0x server shutting down / terminated us, 53300 too many clients.
                if (state.startsWith("08") || state.startsWith("57P0") || state.equals("53300")) {
                    return true;
                }
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    static final class ApiExceptionMapper implements ExceptionMapper<ApiException> {
        @Override
        public Response toResponse(ApiException e) {
            return e.toResponse();
        }
    }

    static final class InvalidInputMapper implements ExceptionMapper<InvalidInputException> {
        @Override
        public Response toResponse(InvalidInputException e) {
            return json(422, ApiError.of(422, e.field(), e.getMessage()));
        }
    }

    static final class JsonMapper implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            // Input records validate in their constructors; Jackson wraps what they throw.
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof ApiException api) {
                    return api.toResponse();
                }
                if (c instanceof InvalidInputException invalid) {
                    return json(422, ApiError.of(422, invalid.field(), invalid.getMessage()));
                }
            }
            if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
                String field = path(m);
                return json(422, ApiError.of(422, field, field + ": wrong type or value"));
            }
            if (e instanceof StreamConstraintsException) {
                return json(400, ApiError.of(400, "body", "request body is nested too deeply or has a number or"
                        + " string too long"));
            }
            // Anything else Jackson could not read (bad syntax, a number past a field's type, a body cut short)
            // is the body's fault, never the server's.
            return json(400, ApiError.of(400, "body", "request body is not valid JSON"));
        }

        private static String path(JsonMappingException m) {
            StringBuilder sb = new StringBuilder();
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    sb.append('[').append(r.getIndex()).append(']');
                }
            }
            return sb.toString();
        }
    }

    static final class WebApplicationMapper implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status >= 500) {
                return unexpected(e);
            }
            Response.StatusType type = e.getResponse().getStatusInfo();
            String message = status == 404 ? "Not found" : type.getReasonPhrase();
            Response.ResponseBuilder b = Response.fromResponse(e.getResponse()).entity(ApiError.of(status, message))
                    .type(MediaType.APPLICATION_JSON_TYPE);
            return b.build();
        }
    }

    static final class UnexpectedMapper implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            if (unreadableBody(e)) {
                return json(400, ApiError.of(400, "body", "request body could not be read (malformed or cut short)"));
            }
            return unexpected(e);
        }
    }

    /**
     * True when reading the request body failed on the wire: a malformed chunked encoding, a connection closed
     * mid-body, a body Jetty refused. Jersey hands these over wrapped; they are the client's fault.
     */
    static boolean unreadableBody(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof org.eclipse.jetty.io.EofException || c instanceof org.eclipse.jetty.http.BadMessageException
                    || c instanceof org.eclipse.jetty.http.HttpException
                    || c instanceof java.io.EOFException) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    static Response unexpected(Throwable e) {
        if (databaseUnavailable(e)) {
            LOG.warn("database unavailable: {}", e.getClass().getSimpleName());
            return Response.status(503).type(MediaType.APPLICATION_JSON_TYPE).header("Retry-After", RETRY_AFTER_SECONDS)
                    .entity(ApiError.of(503, "Database unavailable, try again shortly")).build();
        }
        String logId = String.format(Locale.ROOT, "%016x", ThreadLocalRandom.current().nextLong());
        LOG.error("unexpected error, log id {}", logId, e);
        return json(500, new ApiError("Internal server error", 500, null, logId));
    }
}
