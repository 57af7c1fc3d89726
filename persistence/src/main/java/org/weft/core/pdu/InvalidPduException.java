package org.weft.core.pdu;

/**
 * A received PDU failed step 1 or 2 of the receipt checks: not a valid event of its room version,
 * or not signed by its origin. Such an event is dropped, not stored (server-server API, "Checks
 * performed on receipt of a PDU"); the message says why, for the transaction's answer and the log.
 */
public class InvalidPduException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidPduException(String reason) {
        super(reason, null, false, false);
    }
}
