package org.weft.core.state;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weft.core.auth.AuthEventSelection;
import org.weft.core.auth.AuthorizationException;
import org.weft.core.auth.EventAuthRules;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.core.event.StateKey;

/**
 * The iterative auth checks (rooms/v2, "Iterative auth checks"): from an initial room state, each
 * event of a sorted list in turn is applied to the state if the authorisation rules allow it and
 * ignored otherwise. "If a (event_type, state_key) key that is required for checking the
 * authorisation rules is not present in the state, then the appropriate state event from the
 * event's auth_events is used if the auth event is not rejected."
 *
 * <p>So each event is checked against its own non-rejected auth events, overridden by the state
 * built so far for every key the auth events selection would choose for it.
 */
public final class IterativeAuthChecks {

    private IterativeAuthChecks() {
    }

    /**
     * @param initial the state to start from; not modified
     * @param sorted  the events to apply, in order
     * @return the state after every allowed event was applied
     */
    public static Map<StateKey, String> apply(Map<StateKey, String> initial, List<String> sorted, EventLookup events,
                                              RoomVersion version, EventAuthRules rules) {
        Map<StateKey, String> state = new LinkedHashMap<>(initial);
        for (String eventId : sorted) {
            Pdu event = events.require(eventId);
            if (!event.isState()) {
                continue;
            }
            Map<StateKey, Pdu> auth = new HashMap<>();
            for (String authEventId : event.authEvents()) {
                Pdu authEvent = events.event(authEventId);
                if (authEvent != null && authEvent.isState() && !events.rejected(authEventId)) {
                    auth.put(StateKey.of(authEvent.type(), authEvent.stateKey()), authEvent);
                }
            }
            Pdu create = events.createEventOfRoom(event, version);
            if (create != null && !events.rejected(create.eventId())) {
                auth.put(StateKey.of("m.room.create", ""), create);
            }
            for (StateKey key : AuthEventSelection.required(event, version)) {
                String current = state.get(key);
                if (current != null) {
                    auth.put(key, events.require(current));
                }
            }
            try {
                rules.authorize(event, version, (type, stateKey) -> auth.get(StateKey.of(type, stateKey)));
                state.put(StateKey.of(event.type(), event.stateKey()), eventId);
            } catch (AuthorizationException refused) {
                // Not allowed in the state built so far: left out, as the algorithm says.
            }
        }
        return state;
    }
}
