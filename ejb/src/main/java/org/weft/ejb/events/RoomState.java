package org.weft.ejb.events;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.weft.core.event.StateKey;

/**
 * An immutable room state: (type, state_key) to event ID. What a state group stands for.
 */
public final class RoomState {

    public static final RoomState EMPTY = new RoomState(Map.of());

    private final Map<StateKey, String> entries;

    private RoomState(Map<StateKey, String> entries) {
        this.entries = entries;
    }

    public static RoomState of(Map<StateKey, String> entries) {
        return new RoomState(Collections.unmodifiableMap(new HashMap<>(entries)));
    }

    public String get(String type, String stateKey) {
        return entries.get(new StateKey(type, stateKey));
    }

    public String get(StateKey key) {
        return entries.get(key);
    }

    public Map<StateKey, String> entries() {
        return entries;
    }

    /** This state with one entry set. */
    public RoomState with(StateKey key, String eventId) {
        Map<StateKey, String> copy = new HashMap<>(entries);
        copy.put(key, eventId);
        return new RoomState(Collections.unmodifiableMap(copy));
    }

    public int size() {
        return entries.size();
    }
}
