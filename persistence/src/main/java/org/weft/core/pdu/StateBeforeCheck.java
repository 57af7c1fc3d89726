package org.weft.core.pdu;

import org.weft.core.auth.EventAuthRules;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;

/**
 * Step 5 of the receipt checks: "Passes authorisation rules based on the state before the event,
 * otherwise it is rejected." The state before the event is the resolution of the states after its
 * {@code prev_events} ({@code org.weft.core.state.StateResolver}), which the context supplies. An
 * event whose auth events allowed it but whose place in the graph does not (a ban the sender chose
 * not to cite) is caught here.
 */
public final class StateBeforeCheck {

    private StateBeforeCheck() {
    }

    /** @throws org.weft.core.auth.AuthorizationException naming the rule the event fails */
    public static void check(Pdu pdu, RoomVersion version, ReceiptContext context, EventAuthRules rules) {
        rules.authorize(pdu, version, context.stateBefore(pdu));
    }
}
