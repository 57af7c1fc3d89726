package org.weft.web.error;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import org.jboss.logging.Logger;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;

/**
 * Everything that is not a {@link MatrixException} on its face (client-server API, "API
 * standards"): an unknown endpoint is 404 M_UNRECOGNIZED, a wrong method 405 M_UNRECOGNIZED, a
 * MatrixException wrapped by the container or RESTEasy is unwrapped, other client errors keep
 * their status; a database out of reach is 503 M_UNKNOWN with Retry-After (the client tries again;
 * one log line); anything else is a real server fault: 500 M_UNKNOWN, stack trace to the log only.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MatrixException matrix) {
                return ErrorResponses.of(matrix);
            }
        }
        if (e instanceof NotFoundException) {
            return ErrorResponses.of(MatrixException.unrecognized("Unrecognized request"));
        }
        if (e instanceof NotAllowedException) {
            return ErrorResponses.of(MatrixException.methodNotAllowed("Method not allowed for this endpoint"));
        }
        if (e instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            int status = web.getResponse().getStatus();
            return ErrorResponses.of(new MatrixException(ErrCode.M_UNKNOWN, status,
                    "Request not understood (HTTP " + status + ")", Map.of()));
        }
        if (DatabaseUnavailable.causedIt(e)) {
            // Not a fault of Weft's, and the transaction was rolled back: one line, and the client retries.
            LOG.warnf("Database unavailable, answered 503: %s", rootMessage(e));
            return ErrorResponses.of(MatrixException.unavailable("The server's database is unavailable; try again shortly"));
        }
        LOG.error("Unexpected failure while serving a request", e);
        return ErrorResponses.of(MatrixException.unknown("Internal server error"));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
