package org.weft.core.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.weft.core.event.Pdu;

/**
 * The mainline ordering (rooms/v2, "Mainline ordering"). The mainline of a power levels event P_0
 * is [P_0, P_1, ..., P_n], each the {@code m.room.power_levels} event in the previous one's
 * {@code auth_events}. The mainline position of another event e is the index i of the first event
 * of e's own chain of power levels (e_1, e_2, ..., not e itself) that is on the mainline, or ∞ when
 * none is. Events sort by greater mainline position first (based on an earlier power levels
 * event), then smaller {@code origin_server_ts}, then smaller {@code event_id}.
 */
public final class MainlineOrdering {

    /** The sentinel ∞: a position greater than any index. */
    static final long NOT_ON_MAINLINE = Long.MAX_VALUE;

    private MainlineOrdering() {
    }

    /**
     * Sorts {@code eventIds} by the mainline ordering based on {@code powerLevelsId}.
     *
     * @param powerLevelsId the power levels event of the partially resolved state, or null when it
     *                      has none (every position is then ∞)
     */
    public static List<String> sort(Collection<String> eventIds, String powerLevelsId, EventLookup events) {
        Map<String, Long> mainline = new HashMap<>();
        long index = 0;
        Set<String> seen = new HashSet<>();
        for (String p = powerLevelsId; p != null && seen.add(p); p = powerLevelsOf(events.require(p), events)) {
            mainline.put(p, index++);
        }
        Map<String, Long> position = new HashMap<>();
        Map<String, Long> walked = new HashMap<>();
        for (String eventId : eventIds) {
            position.put(eventId, position(events.require(eventId), mainline, walked, events));
        }
        List<String> sorted = new ArrayList<>(eventIds);
        sorted.sort(Comparator.<String>comparingLong(id -> -position.get(id))
                .thenComparingLong(id -> events.require(id).originServerTs())
                .thenComparing(Comparator.naturalOrder()));
        return sorted;
    }

    /**
     * The event's mainline position: the index of e_j for the smallest j >= 1 on the mainline.
     * {@code walked} remembers the position found from each power levels event passed on the way,
     * so that events sharing a chain of power levels walk it once.
     */
    static long position(Pdu event, Map<String, Long> mainline, Map<String, Long> walked, EventLookup events) {
        Set<String> path = new java.util.LinkedHashSet<>();
        long found = NOT_ON_MAINLINE;
        for (String p = powerLevelsOf(event, events); p != null && !path.contains(p);
             p = powerLevelsOf(events.require(p), events)) {
            Long index = mainline.get(p);
            if (index == null) {
                index = walked.get(p);
            }
            if (index != null) {
                found = index;
                break;
            }
            path.add(p);
        }
        for (String p : path) {
            walked.put(p, found);
        }
        return found;
    }

    /** The {@code m.room.power_levels} event among the event's auth events, or null. */
    static String powerLevelsOf(Pdu event, EventLookup events) {
        for (String authEventId : event.authEvents()) {
            Pdu authEvent = events.require(authEventId);
            if ("m.room.power_levels".equals(authEvent.type()) && "".equals(authEvent.stateKey())) {
                return authEventId;
            }
        }
        return null;
    }
}
