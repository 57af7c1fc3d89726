package org.weft.core.auth;

import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;

/**
 * An event failed the authorisation rules of its room version (rooms/v1..v11, "Authorisation
 * rules"; server-server API, "Checks performed on receipt of a PDU", steps 4-6). The message names
 * the rule that failed in words a client can show, e.g. "sender's power level 0 is below the 50
 * required to send m.room.name"; the client-server API returns it with {@code M_FORBIDDEN}.
 *
 * <p>Unchecked because the rules are a pure function called deep inside event handling, where a
 * rejection simply aborts the operation; stack traces are suppressed since a rejection is an
 * expected outcome, not a bug.
 */
public class AuthorizationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AuthorizationException(String reason) {
        super(reason, null, false, false);
    }

    /** The human-readable reason naming the failed rule. */
    public String reason() {
        return getMessage();
    }

    /** The client-facing error: 403 {@code M_FORBIDDEN} with this reason. */
    public MatrixException toMatrixException() {
        return new MatrixException(ErrCode.M_FORBIDDEN, getMessage());
    }
}
