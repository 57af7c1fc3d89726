/**
 * Room events as the event graph holds them: {@link org.weft.core.event.Pdu}, the rules of each
 * {@link org.weft.core.event.RoomVersion} (spec "Room Versions", rooms/v1..v11), state keys.
 */
package org.weft.core.event;
