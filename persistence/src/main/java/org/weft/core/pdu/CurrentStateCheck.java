package org.weft.core.pdu;

import org.weft.core.auth.EventAuthRules;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;

/**
 * Step 6 of the receipt checks: "Passes authorisation rules based on the current state of the
 * room, otherwise it is 'soft failed'." A soft-failed event is stored and stays in the graph, but
 * is not sent to clients and is not used as a prev_event of new events (server-server API, "Soft
 * failure"): it stops a banned user's server from slipping events in with an old place in the graph.
 */
public final class CurrentStateCheck {

    private CurrentStateCheck() {
    }

    /** @throws org.weft.core.auth.AuthorizationException naming the rule the event fails */
    public static void check(Pdu pdu, RoomVersion version, ReceiptContext context, EventAuthRules rules) {
        rules.authorize(pdu, version, context.currentState());
    }
}
