package org.weft.core.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.weft.core.auth.AuthorizationException;
import org.weft.core.auth.PowerLevels;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;

/**
 * The reverse topological power ordering (rooms/v2, "Reverse topological power ordering"): "the
 * lexicographically smallest topological ordering based on the DAG formed by auth events", from
 * earliest to latest, where x &lt; y if x's sender has the greater power level "when looking at
 * their respective auth_events", then the smaller {@code origin_server_ts}, then the smaller
 * {@code event_id}. Found, as the spec suggests, by Kahn's algorithm choosing the smallest
 * candidate at each step.
 *
 * <p>The DAG's edges are those from an event to its own auth events within the set being sorted.
 */
public final class ReverseTopologicalPowerOrdering {

    private ReverseTopologicalPowerOrdering() {
    }

    /** The events in the ordering, earliest first. */
    public static List<String> sort(Collection<String> eventIds, EventLookup events, RoomVersion version) {
        Set<String> members = new LinkedHashSet<>(eventIds);
        Map<String, Long> power = new HashMap<>();
        Map<String, Integer> waitingOn = new HashMap<>();
        Map<String, List<String>> dependents = new HashMap<>();
        for (String eventId : members) {
            Pdu event = events.require(eventId);
            power.put(eventId, senderPower(event, events, version));
            int count = 0;
            for (String authEvent : new LinkedHashSet<>(event.authEvents())) {
                if (members.contains(authEvent)) {
                    count++;
                    dependents.computeIfAbsent(authEvent, k -> new ArrayList<>()).add(eventId);
                }
            }
            waitingOn.put(eventId, count);
        }
        Comparator<String> smallestFirst = Comparator.<String>comparingLong(id -> -power.get(id))
                .thenComparingLong(id -> events.require(id).originServerTs())
                .thenComparing(Comparator.naturalOrder());
        PriorityQueue<String> candidates = new PriorityQueue<>(smallestFirst);
        waitingOn.forEach((id, count) -> {
            if (count == 0) {
                candidates.add(id);
            }
        });
        List<String> sorted = new ArrayList<>(members.size());
        while (!candidates.isEmpty()) {
            String next = candidates.poll();
            sorted.add(next);
            for (String dependent : dependents.getOrDefault(next, List.of())) {
                if (waitingOn.merge(dependent, -1, Integer::sum) == 0) {
                    candidates.add(dependent);
                }
            }
        }
        // Events on an auth cycle (only forged v1/v2 IDs can make one) never become candidates;
        // they are left out, as an event whose auth events cannot precede it cannot be authorised.
        return sorted;
    }

    /**
     * The sender's power level "when looking at [the event's] auth_events": the power levels among
     * them, else 100 for the room's creator and 0 for others (the rules' default without power
     * levels; in room version 12 the room's creators are infinitely powerful, and the create event
     * comes from the room ID). A malformed level counts as 0: ordering must not fail where the auth rules will
     * reject the event anyway.
     */
    static long senderPower(Pdu event, EventLookup events, RoomVersion version) {
        Pdu powerLevels = null;
        Pdu create = null;
        for (String authEventId : event.authEvents()) {
            Pdu authEvent = events.event(authEventId);
            if (authEvent == null || !"".equals(authEvent.stateKey())) {
                continue;
            }
            if ("m.room.power_levels".equals(authEvent.type())) {
                powerLevels = authEvent;
            } else if ("m.room.create".equals(authEvent.type())) {
                create = authEvent;
            }
        }
        if (create == null) {
            create = events.createEventOfRoom(event, version);
        }
        try {
            return PowerLevels.of(powerLevels, create, version).userLevel(event.sender());
        } catch (AuthorizationException malformed) {
            return 0;
        }
    }
}
