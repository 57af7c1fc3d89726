package org.weft.core.state;

import org.weft.core.event.Pdu;

/**
 * The events state resolution reads: those of the state sets and of their auth chains. The caller
 * has them all before resolving (a missing one is fetched over federation first, server-server API
 * "Checks performed on receipt of a PDU"); {@link #require} reports one that is not there.
 */
public interface EventLookup {

    /** The event, or null when it is not known. */
    Pdu event(String eventId);

    /**
     * Whether the event was rejected by the authorisation rules. Rejected events still take part
     * in the algorithm, but a rejected auth event is not used in the iterative auth checks
     * (rooms/v2 "Rejected events").
     */
    default boolean rejected(String eventId) {
        return false;
    }

    /** The event; throws {@link UnknownEventException} when it is not known. */
    default Pdu require(String eventId) {
        Pdu event = event(eventId);
        if (event == null) {
            throw new UnknownEventException(eventId);
        }
        return event;
    }

    /**
     * The create event of the event's room as the auth rules need it: in room version 12 it is
     * never among an event's {@code auth_events} and is named by the {@code room_id} instead
     * (rooms/v12, "Authorisation rules", rule 2). Null before version 12, or when not known.
     */
    default Pdu createEventOfRoom(Pdu event, org.weft.core.event.RoomVersion version) {
        if (!version.hashedRoomIds() || event.roomId() == null || !event.roomId().startsWith("!")) {
            return null;
        }
        return event(org.weft.core.event.EventIds.createEventIdOfRoom(event.roomId()));
    }
}
