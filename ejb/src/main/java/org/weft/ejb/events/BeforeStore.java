package org.weft.ejb.events;

import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;

/**
 * A step between authorising a new local event and storing it, under the room's lock: an invite to
 * another server's user gets that server's signature here (server-server API, "Inviting to a room").
 * It may add signatures only; the event ID must not change.
 */
@FunctionalInterface
public interface BeforeStore {

    Pdu apply(Pdu pdu, RoomVersion version, RoomState current);
}
