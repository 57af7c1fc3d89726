package org.weft.ejb.ephemeral;

/**
 * A local user's public read receipt (a CDI event, fired in the receipt's transaction; federation
 * tells the room's other servers).
 *
 * @param threadId the receipt's thread, or null for an unthreaded one
 */
public record ReceiptPosted(String roomId, String userId, String eventId, long ts, String threadId) {
}
