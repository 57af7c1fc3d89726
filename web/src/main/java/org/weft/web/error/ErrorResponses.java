package org.weft.web.error;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.weft.core.error.MatrixException;

/** Builds the HTTP response of a {@link MatrixException}: status, error JSON, Retry-After on 429. */
final class ErrorResponses {

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
        return builder.build();
    }
}
