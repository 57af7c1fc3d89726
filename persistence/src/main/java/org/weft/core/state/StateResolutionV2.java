package org.weft.core.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.weft.core.auth.EventAuthRules;
import org.weft.core.event.RoomVersion;
import org.weft.core.event.StateKey;

/**
 * State resolution version 2 (rooms/v2, "State resolution", room versions 2-11) and its revision
 * 2.1 (rooms/v12, "State resolution"), which differs in two points: the full conflicted set also
 * holds the {@link ConflictedSubgraph conflicted state subgraph}, and step 2 starts from an empty
 * state map rather than the unconflicted one.
 *
 * <p>"The resolution of a set of states is obtained as follows:
 * <ol>
 *   <li>Select the set X of all power events that appear in the full conflicted set. For each such
 *       power event P, enlarge X by adding the events in the auth chain of P which also belong to
 *       the full conflicted set. Sort X into a list using the reverse topological power
 *       ordering.</li>
 *   <li>Apply the iterative auth checks algorithm, starting from the unconflicted state map [v2.1:
 *       an empty state map], to the list of events from the previous step to get a partially
 *       resolved state.</li>
 *   <li>Take all remaining events that weren't picked in step 1 and order them by the mainline
 *       ordering based on the power level in the partially resolved state obtained in step 2.</li>
 *   <li>Apply the iterative auth checks algorithm on the partial resolved state and the list of
 *       events from the previous step.</li>
 *   <li>Update the result by replacing any event with the event with the same key from the
 *       unconflicted state map, if such an event exists, to get the final resolved state."</li>
 * </ol>
 */
public final class StateResolutionV2 {

    private static final StateKey POWER_LEVELS = StateKey.of("m.room.power_levels", "");

    private final boolean revision21;

    private StateResolutionV2(boolean revision21) {
        this.revision21 = revision21;
    }

    /** Version 2, room versions 2-11. */
    public static StateResolutionV2 v2() {
        return new StateResolutionV2(false);
    }

    /** Version 2.1, room version 12. */
    public static StateResolutionV2 v21() {
        return new StateResolutionV2(true);
    }

    public Map<StateKey, String> resolve(List<Map<StateKey, String>> stateSets, EventLookup events,
                                         RoomVersion version, EventAuthRules rules) {
        StateConflicts conflicts = StateConflicts.v2(stateSets);
        if (conflicts.conflicted().isEmpty()) {
            return new LinkedHashMap<>(conflicts.unconflicted());
        }
        Set<String> fullConflicted = fullConflictedSet(conflicts, stateSets, events);
        AuthChains chains = new AuthChains(events);

        // Step 1.
        Set<String> powerEvents = new LinkedHashSet<>();
        for (String eventId : fullConflicted) {
            if (PowerEvents.isPowerEvent(events.require(eventId))) {
                powerEvents.add(eventId);
            }
        }
        Set<String> x = new LinkedHashSet<>(powerEvents);
        for (String power : powerEvents) {
            for (String authEvent : chains.of(power)) {
                if (fullConflicted.contains(authEvent)) {
                    x.add(authEvent);
                }
            }
        }
        List<String> sortedPower = ReverseTopologicalPowerOrdering.sort(x, events, version);

        // Step 2.
        Map<StateKey, String> start = revision21 ? Map.of() : conflicts.unconflicted();
        Map<StateKey, String> partial = IterativeAuthChecks.apply(start, sortedPower, events, version, rules);

        // Steps 3 and 4.
        List<String> remaining = new ArrayList<>();
        for (String eventId : fullConflicted) {
            if (!x.contains(eventId)) {
                remaining.add(eventId);
            }
        }
        List<String> sortedRest = MainlineOrdering.sort(remaining, partial.get(POWER_LEVELS), events);
        Map<StateKey, String> resolved = IterativeAuthChecks.apply(partial, sortedRest, events, version, rules);

        // Step 5.
        resolved.putAll(conflicts.unconflicted());
        return resolved;
    }

    /**
     * The full conflicted set: the conflicted state set and the auth difference, and in v2.1 the
     * conflicted state subgraph too.
     */
    Set<String> fullConflictedSet(StateConflicts conflicts, List<Map<StateKey, String>> stateSets,
                                  EventLookup events) {
        Set<String> conflicted = conflicts.conflictedEvents();
        Set<String> full = new LinkedHashSet<>(conflicted);
        List<Set<String>> setsOfIds = new ArrayList<>();
        for (Map<StateKey, String> state : stateSets) {
            setsOfIds.add(new LinkedHashSet<>(state.values()));
        }
        full.addAll(new AuthChains(events).difference(setsOfIds));
        if (revision21) {
            full.addAll(ConflictedSubgraph.of(conflicted, events));
        }
        return full;
    }
}
