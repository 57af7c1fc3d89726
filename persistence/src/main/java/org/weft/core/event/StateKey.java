package org.weft.core.event;

/** The (type, state_key) pair that identifies a piece of room state (spec "Room structure"). */
public record StateKey(String type, String stateKey) {

    public static StateKey of(String type, String stateKey) {
        return new StateKey(type, stateKey);
    }

    @Override
    public String toString() {
        return "(" + type + ", " + stateKey + ")";
    }
}
