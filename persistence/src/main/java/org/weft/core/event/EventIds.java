package org.weft.core.event;

import java.util.Map;
import org.weft.core.crypto.EventHashes;
import org.weft.core.crypto.UnpaddedBase64;

/**
 * Event IDs derived from the event itself (rooms/v3 "Event IDs": {@code $} + unpadded Base64 of
 * the reference hash; fragment v4-event-ids, used by v4 and later: the same in URL-safe unpadded
 * Base64; server-server API, "Calculating the reference hash for an event"). In room versions 1
 * and 2 the sending server chooses the ID ({@code $opaque:domain}, fragment v1-event-ids), so
 * there is nothing to compute.
 */
public final class EventIds {

    private EventIds() {
    }

    /**
     * The event ID of {@code event} in a room of {@code version}.
     *
     * @throws IllegalArgumentException for room versions 1 and 2, whose event IDs are assigned
     *         by the sending server rather than computed
     * @throws org.weft.core.error.MatrixException M_BAD_JSON if the redacted event cannot be
     *         encoded as Canonical JSON
     */
    public static String referenceHashEventId(Map<String, Object> event, RoomVersion version) {
        return switch (version.eventIdFormat()) {
            case SERVER_ASSIGNED -> throw new IllegalArgumentException(
                    "Room version " + version.id() + " has server-assigned event IDs");
            case REFERENCE_HASH_BASE64 ->
                    "$" + UnpaddedBase64.encode(EventHashes.computeReferenceHash(event, version));
            case REFERENCE_HASH_URL_SAFE ->
                    "$" + UnpaddedBase64.encodeUrlSafe(EventHashes.computeReferenceHash(event, version));
        };
    }

    /**
     * The room ID of a room version 12 room: its create event's ID with sigil {@code !} instead of
     * {@code $} (rooms/v12, authorisation rule 2; appendices, "Room IDs").
     */
    public static String roomIdOfCreateEvent(String createEventId) {
        if (createEventId == null || !createEventId.startsWith("$")) {
            throw new IllegalArgumentException("not an event ID: " + createEventId);
        }
        return "!" + createEventId.substring(1);
    }

    /** The create event's ID of a room version 12 room: the room ID with sigil {@code $}. */
    public static String createEventIdOfRoom(String roomId) {
        if (roomId == null || !roomId.startsWith("!")) {
            throw new IllegalArgumentException("not a room ID: " + roomId);
        }
        return "$" + roomId.substring(1);
    }
}
