package io.bigr.discovery.api;

import io.bigr.discovery.core.Json;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error responses in the API's error shape. Requests Jetty rejects before any application code runs
 * (a URI with bad percent-encoding such as {@code /api/assets/%zz}, an encoded NUL or backslash, an unparsable
 * header line) used to get Jetty's HTML page or an empty body; they now get
 * {@code {"error": "...", "code": 400}} like every route. The message is fixed per status and written here: Jetty's
 * reason text and exception are never echoed (they can quote the request), and no stack is shown.
 */
public final class JsonErrorHandler extends ErrorHandler {
    public JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
    }

    /** The body for a status, as bytes of the one error shape. */
    static byte[] body(int code) {
        return Json.write(ApiError.of(code, message(code))).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static String message(int code) {
        return switch (code) {
            case 400 -> "Malformed request: the URI, its percent-encoding or a header could not be read";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 414 -> "Request URI too long";
            case 431 -> "Request headers too large";
            default -> {
                String reason = HttpStatus.getMessage(code);
                yield reason == null ? "HTTP error " + code : reason;
            }
        };
    }

    /** Every method gets the JSON body; Jetty's default writes none for PUT and DELETE. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, MimeTypes.Type.APPLICATION_JSON.asString());
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    /** Errors found while parsing the request line or headers, answered before a request object exists. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, MimeTypes.Type.APPLICATION_JSON.asString());
        return ByteBuffer.wrap(body(status));
    }
}
