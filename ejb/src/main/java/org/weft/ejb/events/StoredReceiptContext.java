package org.weft.ejb.events;

import org.weft.core.auth.AuthEvents;
import org.weft.core.event.Pdu;
import org.weft.core.pdu.ReceiptContext;

/**
 * What the receipt checks ({@code org.weft.core.pdu}) need, from what this server has stored: any
 * event by ID (timeline or aside), rejections from {@link EventsAside}, and the two states the caller
 * has gathered. A state left null is not asked for by the checks that caller runs (outliers are
 * judged against their auth events only).
 */
public final class StoredReceiptContext implements ReceiptContext {

    private final EventReader reader;
    private final EventsAside aside;
    private final RoomState before;
    private final RoomState current;

    public StoredReceiptContext(EventReader reader, EventsAside aside, RoomState before, RoomState current) {
        this.reader = reader;
        this.aside = aside;
        this.before = before;
        this.current = current;
    }

    @Override
    public Pdu event(String eventId) {
        return reader.pdu(eventId);
    }

    @Override
    public boolean rejected(String eventId) {
        return aside.isRejected(eventId);
    }

    @Override
    public AuthEvents stateBefore(Pdu pdu) {
        return authEvents(require(before));
    }

    @Override
    public AuthEvents currentState() {
        return authEvents(require(current));
    }

    /** The state as the auth rules read it: events by (type, state_key). */
    public AuthEvents authEvents(RoomState state) {
        return (type, stateKey) -> {
            String id = state.get(type, stateKey);
            return id == null ? null : reader.pdu(id);
        };
    }

    private static RoomState require(RoomState state) {
        if (state == null) {
            throw new UnsupportedOperationException("these events are checked against their auth events only");
        }
        return state;
    }
}
