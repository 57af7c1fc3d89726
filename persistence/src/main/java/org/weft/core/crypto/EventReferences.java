package org.weft.core.crypto;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;

/**
 * {@code prev_events} and {@code auth_events} as an event of a room version writes them (rooms/v1
 * and v2 "Event format": "a list of [event_id, {sha256: reference hash}] pairs"; from v3 the event
 * IDs alone). Room versions 1 and 2 name each event with its reference hash
 * ({@link EventHashes#computeReferenceHash}, unpadded Base64), so that a receiver can tell it has
 * the event that was meant.
 */
public final class EventReferences {

    private EventReferences() {
    }

    /**
     * @param ids    the events referred to, in order
     * @param lookup the stored event of an ID (needed for versions 1 and 2 only); an event not
     *               found is referred to with an empty hash object
     */
    public static List<Object> of(List<String> ids, RoomVersion version, Function<String, Pdu> lookup) {
        if (version.eventIdFormat() != RoomVersion.EventIdFormat.SERVER_ASSIGNED) {
            return new ArrayList<>(ids);
        }
        List<Object> pairs = new ArrayList<>(ids.size());
        for (String id : ids) {
            Pdu event = lookup.apply(id);
            Map<String, Object> hashes = event == null ? Map.of()
                    : Map.of("sha256", UnpaddedBase64.encode(EventHashes.computeReferenceHash(event.json(), version)));
            pairs.add(List.of(id, hashes));
        }
        return pairs;
    }
}
