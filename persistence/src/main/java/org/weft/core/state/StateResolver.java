package org.weft.core.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.weft.core.auth.EventAuthRules;
import org.weft.core.event.RoomVersion;
import org.weft.core.event.StateKey;

/**
 * The room state before an event whose {@code prev_events} lead to more than one state: the
 * resolution of the states after each of them, by the algorithm of the room's version (rooms/v1:
 * version 1; rooms/v2 to v11: version 2; rooms/v12: version 2.1).
 *
 * <p>Events the auth rules consult come from the {@link EventLookup}; the rules themselves (with
 * their hooks for third-party invite signatures) are the caller's, so that the iterative auth
 * checks judge events exactly as the receipt checks do.
 */
public final class StateResolver {

    /** The algorithm a room version uses. */
    public enum Algorithm {
        V1, V2, V2_1;

        public static Algorithm of(RoomVersion version) {
            if (!version.stateResolutionV2()) {
                return V1;
            }
            return version.stateResolutionV21() ? V2_1 : V2;
        }
    }

    private StateResolver() {
    }

    /** Resolves with the room version's algorithm. */
    public static Map<StateKey, String> resolve(RoomVersion version, List<Map<StateKey, String>> stateSets,
                                                EventLookup events, EventAuthRules rules) {
        return resolve(Algorithm.of(version), version, stateSets, events, rules);
    }

    /**
     * Resolves with the given algorithm; {@code version} supplies the auth rules. A single state
     * set, or identical ones, resolve to themselves without any lookup.
     *
     * @throws UnknownEventException when an event the algorithm needs is not in {@code events}
     */
    public static Map<StateKey, String> resolve(Algorithm algorithm, RoomVersion version,
                                                List<Map<StateKey, String>> stateSets, EventLookup events,
                                                EventAuthRules rules) {
        Objects.requireNonNull(rules, "rules");
        List<Map<StateKey, String>> distinct = new ArrayList<>();
        for (Map<StateKey, String> state : stateSets) {
            if (!distinct.contains(state)) {
                distinct.add(state);
            }
        }
        if (distinct.isEmpty()) {
            return new LinkedHashMap<>();
        }
        if (distinct.size() == 1) {
            return new LinkedHashMap<>(distinct.get(0));
        }
        return switch (algorithm) {
            case V1 -> StateResolutionV1.resolve(distinct, events, version, rules);
            case V2 -> StateResolutionV2.v2().resolve(distinct, events, version, rules);
            case V2_1 -> StateResolutionV2.v21().resolve(distinct, events, version, rules);
        };
    }
}
