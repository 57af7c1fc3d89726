package org.weft.web.error;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.weft.core.error.MatrixException;

/** Builds the HTTP response of a {@link MatrixException}: status, error JSON, Retry-After on 429 and 503. */
final class ErrorResponses {

    /** When a client should try again after a 503 (the database out of reach): a restart takes seconds. */
    static final int UNAVAILABLE_RETRY_AFTER_S = 5;

    private ErrorResponses() {
    }

    static Response of(MatrixException e) {
        Response.ResponseBuilder builder = Response.status(e.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(e.toJson());
        Object retryAfterMs = e.extra().get("retry_after_ms");
        if (e.status() == 429 && retryAfterMs instanceof Long ms) {
            // Retry-After is in whole seconds, rounded up so a client never retries too early.
            builder.header("Retry-After", Math.max(1, (ms + 999) / 1000));
        }
        if (e.status() == 503) {
            builder.header("Retry-After", UNAVAILABLE_RETRY_AFTER_S);
        }
        return builder.build();
    }
}
