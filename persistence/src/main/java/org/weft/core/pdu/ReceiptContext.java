package org.weft.core.pdu;

import org.weft.core.auth.AuthEvents;
import org.weft.core.event.Pdu;

/**
 * What the receipt checks need beyond the event itself, gathered by the caller before they run:
 * the auth events (and, in room version 12, the create event), whether each was rejected, the
 * state before the event and the room's current state.
 */
public interface ReceiptContext {

    /** A stored or fetched event, or null when it is not known. */
    Pdu event(String eventId);

    /** Whether a known event was rejected by the receipt checks. */
    boolean rejected(String eventId);

    /** The room state before {@code pdu}: the resolution of the states after its prev_events. */
    AuthEvents stateBefore(Pdu pdu);

    /** The room's current state. */
    AuthEvents currentState();
}
