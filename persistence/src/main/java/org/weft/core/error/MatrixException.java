package org.weft.core.error;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure the client is told about as the spec's standard error response
 * {@code {"errcode": "...", "error": "..."}} with an HTTP status (client-server API, "Standard
 * error response"). Extra keys some codes define ({@code retry_after_ms}, {@code soft_logout},
 * {@code room_version}) travel in {@link #extra()}.
 *
 * <p>This is the one error model of Weft: services throw it, the web layer maps it, nothing else
 * builds error bodies. It is unchecked so that EJB declares it an application exception that rolls
 * the transaction back (ejb-jar.xml) and reaches the web layer unwrapped.
 */
public class MatrixException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrCode errcode;
    private final int status;
    private final transient Map<String, Object> extra;

    public MatrixException(ErrCode errcode, String message) {
        this(errcode, errcode.httpStatus(), message, Map.of());
    }

    public MatrixException(ErrCode errcode, int status, String message, Map<String, Object> extra) {
        super(message, null, false, false);
        this.errcode = errcode;
        this.status = status;
        this.extra = Map.copyOf(extra);
    }

    public ErrCode errcode() {
        return errcode;
    }

    public int status() {
        return status;
    }

    public Map<String, Object> extra() {
        return extra;
    }

    /** The response body: errcode and error first, then the code's extra keys. */
    public Map<String, Object> toJson() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errcode", errcode.name());
        body.put("error", getMessage());
        body.putAll(extra);
        return body;
    }

    public static MatrixException badJson(String message) {
        return new MatrixException(ErrCode.M_BAD_JSON, message);
    }

    public static MatrixException notJson(String message) {
        return new MatrixException(ErrCode.M_NOT_JSON, message);
    }

    public static MatrixException missingParam(String name) {
        return new MatrixException(ErrCode.M_MISSING_PARAM, "Missing parameter: " + name);
    }

    public static MatrixException invalidParam(String message) {
        return new MatrixException(ErrCode.M_INVALID_PARAM, message);
    }

    public static MatrixException forbidden(String message) {
        return new MatrixException(ErrCode.M_FORBIDDEN, message);
    }

    public static MatrixException notFound(String message) {
        return new MatrixException(ErrCode.M_NOT_FOUND, message);
    }

    public static MatrixException unrecognized(String message) {
        return new MatrixException(ErrCode.M_UNRECOGNIZED, message);
    }

    public static MatrixException methodNotAllowed(String message) {
        return new MatrixException(ErrCode.M_UNRECOGNIZED, 405, message, Map.of());
    }

    public static MatrixException missingToken() {
        return new MatrixException(ErrCode.M_MISSING_TOKEN, "Missing access token");
    }

    /**
     * M_UNKNOWN_TOKEN; {@code softLogout} tells the client it may keep its state and log in again
     * on the same device (client-server API, "Soft logout"), as when a token merely expired.
     */
    public static MatrixException unknownToken(String message, boolean softLogout) {
        return new MatrixException(ErrCode.M_UNKNOWN_TOKEN, 401, message,
                Map.of("soft_logout", softLogout));
    }

    /**
     * 401 M_USER_LOCKED with {@code soft_logout: true} (client-server API, "Account locking"): the
     * client keeps its session and encryption state, and retries later.
     */
    public static MatrixException userLocked() {
        return new MatrixException(ErrCode.M_USER_LOCKED, 401, "This account has been locked",
                Map.of("soft_logout", true));
    }

    /**
     * 429 M_LIMIT_EXCEEDED with the (deprecated but widely read) {@code retry_after_ms}; the web
     * layer also sets the Retry-After header from it (client-server API, "Rate limiting").
     */
    public static MatrixException limitExceeded(long retryAfterMs) {
        return new MatrixException(ErrCode.M_LIMIT_EXCEEDED, 429, "Too many requests",
                Map.of("retry_after_ms", retryAfterMs));
    }

    public static MatrixException tooLarge(String message) {
        return new MatrixException(ErrCode.M_TOO_LARGE, message);
    }

    /** A real server fault: the client sees only this, the cause goes to the log. */
    /**
     * 503 M_UNKNOWN: the server cannot serve the request for now (its database is unreachable) and
     * the client should try again; nothing was changed. The web layer adds {@code Retry-After}.
     */
    public static MatrixException unavailable(String message) {
        return new MatrixException(ErrCode.M_UNKNOWN, 503, message, Map.of());
    }

    public static MatrixException unknown(String message) {
        return new MatrixException(ErrCode.M_UNKNOWN, message);
    }
}
