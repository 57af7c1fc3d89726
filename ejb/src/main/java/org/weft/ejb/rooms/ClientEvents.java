package org.weft.ejb.rooms;

import java.util.LinkedHashMap;
import java.util.Map;
import org.weft.core.event.Pdu;
import org.weft.core.event.Redaction;
import org.weft.core.event.RoomVersion;

/**
 * Turns PDUs into the client-server API's event format (client-server API, "Room event format":
 * ClientEvent): the federation-only keys go (hashes, signatures, prev/auth events, depth, origin),
 * {@code unsigned} gains age, transaction ID (only for the device that sent it), the previous
 * content of a state event and, for a redacted event, the redaction that struck it, whose own
 * content is served redacted.
 */
public final class ClientEvents {

    private ClientEvents() {
    }

    /**
     * @param redaction     the redaction that redacted this event, or null
     * @param prevContent   the content of the state this state event replaced, or null
     * @param transactionId the client's txnId when the requester's device sent it, or null
     */
    public static Map<String, Object> format(Pdu pdu, RoomVersion version, Pdu redaction,
                                             Map<String, Object> prevContent, String transactionId, long now) {
        Map<String, Object> source = redaction == null ? pdu.json() : Redaction.redact(pdu.json(), version);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("content", source.getOrDefault("content", Map.of()));
        event.put("event_id", pdu.eventId());
        event.put("origin_server_ts", pdu.originServerTs());
        event.put("room_id", pdu.roomId());
        event.put("sender", pdu.sender());
        if (pdu.isState()) {
            event.put("state_key", pdu.stateKey());
        }
        event.put("type", pdu.type());
        if ("m.room.redaction".equals(pdu.type()) && pdu.redacts() != null) {
            // v11 moved redacts into content; clients of every version still read the top-level key.
            event.put("redacts", pdu.redacts());
        }
        Map<String, Object> unsigned = new LinkedHashMap<>();
        unsigned.put("age", Math.max(0, now - pdu.originServerTs()));
        if (transactionId != null) {
            unsigned.put("transaction_id", transactionId);
        }
        if (prevContent != null) {
            unsigned.put("prev_content", prevContent);
        }
        if (redaction != null) {
            unsigned.put("redacted_because", format(redaction, version, null, null, null, now));
        }
        event.put("unsigned", unsigned);
        return event;
    }

    /**
     * The same event without {@code room_id}, for /sync (client-server API, GET /sync: timeline and
     * state events are ClientEventWithoutRoomID; the room is the key they are filed under). Changes
     * and returns the map it is given, which {@link #format} made for this one answer.
     */
    public static Map<String, Object> withoutRoomId(Map<String, Object> clientEvent) {
        clientEvent.remove("room_id");
        return clientEvent;
    }
}
