package org.weft.core.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.weft.core.event.StateKey;

/**
 * The first split of state resolution: the state sets' entries divided into the unconflicted state
 * map and the conflicted ones.
 *
 * <p>The two algorithms disagree on a key that only some of the sets hold. Version 2 (rooms/v2,
 * "Unconflicted state map and conflicted state set"): "If a given key K is present in every S_i
 * with the same value V in each state map, then the pair (K, V) belongs to the unconflicted state
 * map. Otherwise, V belongs to the conflicted state set." Version 1 (rooms/v1, "State
 * resolution"): "A conflict occurs between states where those states have different event_ids for
 * the same (event_type, state_key)", so a key present in one set only is not a conflict.
 *
 * @param unconflicted the unconflicted state map
 * @param conflicted   for each conflicted key, its distinct event IDs in first-seen order
 */
public record StateConflicts(Map<StateKey, String> unconflicted, Map<StateKey, List<String>> conflicted) {

    public StateConflicts {
        unconflicted = Collections.unmodifiableMap(unconflicted);
        conflicted = Collections.unmodifiableMap(conflicted);
    }

    /** Splits the state sets the way of state resolution version 2 (and 2.1). */
    public static StateConflicts v2(List<Map<StateKey, String>> stateSets) {
        return split(stateSets, true);
    }

    /** Splits the state sets the way of state resolution version 1. */
    public static StateConflicts v1(List<Map<StateKey, String>> stateSets) {
        return split(stateSets, false);
    }

    /** Every event of the conflicted state set. */
    public Set<String> conflictedEvents() {
        Set<String> events = new LinkedHashSet<>();
        conflicted.values().forEach(events::addAll);
        return events;
    }

    private static StateConflicts split(List<Map<StateKey, String>> stateSets, boolean absenceConflicts) {
        Map<StateKey, Set<String>> values = new LinkedHashMap<>();
        Map<StateKey, Integer> holders = new HashMap<>();
        for (Map<StateKey, String> state : stateSets) {
            state.forEach((key, eventId) -> {
                values.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(eventId);
                holders.merge(key, 1, Integer::sum);
            });
        }
        Map<StateKey, String> unconflicted = new LinkedHashMap<>();
        Map<StateKey, List<String>> conflicted = new LinkedHashMap<>();
        values.forEach((key, ids) -> {
            boolean inEverySet = holders.get(key) == stateSets.size();
            if (ids.size() == 1 && (inEverySet || !absenceConflicts)) {
                unconflicted.put(key, ids.iterator().next());
            } else {
                conflicted.put(key, new ArrayList<>(ids));
            }
        });
        return new StateConflicts(unconflicted, conflicted);
    }
}
