package org.weft.ejb.ephemeral;

/** A local user started or stopped typing in a room (a CDI event; federation tells the room's other servers). */
public record TypingChanged(String roomId, String userId, boolean typing) {
}
