package org.weft.ejb.events;

import org.weft.core.event.Pdu;

/**
 * An event as stored: the PDU, its stream position, the state group after it, and the redaction
 * that redacted it (null if none).
 */
public record StoredEvent(Pdu pdu, long streamOrdering, long stateGroup, String redactedBy) {
}
