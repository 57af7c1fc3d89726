package org.weft.ejb.events;

import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;

/**
 * A CDI event fired, inside the writing transaction, for every event that joins a room's timeline:
 * what must follow a new event without the write path knowing it (sending it to the other servers
 * of the room).
 *
 * @param local whether this server created it (only the origin sends an event to the room's servers)
 */
public record EventStored(Pdu pdu, RoomVersion version, boolean local) {
}
