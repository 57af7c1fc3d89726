package org.weft.core.pdu;

import java.util.Map;
import org.weft.core.auth.AuthorizationException;
import org.weft.core.auth.EventAuthRules;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;

/**
 * The checks performed on receipt of a PDU (server-server API), in the spec's order, each step in
 * its own class. Steps 1 and 2 drop the event ({@link InvalidPduException}); step 3 redacts it and
 * goes on; steps 4 and 5 reject it (stored as rejected, never part of the state); step 6 soft-fails
 * it. Step 7 (policy servers, v1.18) does not apply to rooms without one, which are all Weft knows.
 */
public final class PduReceipt {

    /** How the event is to be stored. */
    public enum Verdict {
        /** Passed every check. */
        ACCEPTED,
        /** Passed steps 4 and 5 but not 6: stored, not shown, not built upon. */
        SOFT_FAILED,
        /** Failed step 4 or 5: stored as rejected so that it is not fetched again. */
        REJECTED
    }

    /**
     * @param pdu      the event as it is to be stored (redacted when its content hash failed)
     * @param verdict  the outcome
     * @param reason   the rule that failed, or null when accepted
     * @param redacted whether step 3 redacted it
     */
    public record Receipt(Pdu pdu, Verdict verdict, String reason, boolean redacted) {
    }

    private PduReceipt() {
    }

    /**
     * Runs steps 1 to 3: the event as it goes on to the auth checks.
     *
     * @throws InvalidPduException when it is to be dropped
     */
    public static PduHashes.Checked verify(Map<String, Object> json, RoomVersion version, VerifyKeys keys) {
        Pdu pdu = PduFormat.parse(json, version);
        PduSignatures.verify(pdu, version, keys);
        return PduHashes.check(pdu, version);
    }

    /** Runs steps 4 to 6 on an event that passed steps 1 to 3. */
    public static Receipt authorise(PduHashes.Checked checked, RoomVersion version, ReceiptContext context,
                                    EventAuthRules rules) {
        Pdu pdu = checked.pdu();
        try {
            AuthEventsCheck.check(pdu, version, context, rules);
            StateBeforeCheck.check(pdu, version, context, rules);
        } catch (AuthorizationException e) {
            return new Receipt(pdu, Verdict.REJECTED, e.getMessage(), checked.redacted());
        }
        try {
            CurrentStateCheck.check(pdu, version, context, rules);
        } catch (AuthorizationException e) {
            return new Receipt(pdu, Verdict.SOFT_FAILED, e.getMessage(), checked.redacted());
        }
        return new Receipt(pdu, Verdict.ACCEPTED, null, checked.redacted());
    }

    /**
     * All six steps.
     *
     * @throws InvalidPduException when the event is to be dropped (steps 1 and 2)
     */
    public static Receipt check(Map<String, Object> json, RoomVersion version, VerifyKeys keys,
                                ReceiptContext context, EventAuthRules rules) {
        return authorise(verify(json, version, keys), version, context, rules);
    }
}
