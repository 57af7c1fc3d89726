package org.weft.core.auth;

import org.weft.core.event.Pdu;

/**
 * The state an event is authorised against: its auth events (or, for a soft check, the room's
 * current state), looked up by (type, state_key). The auth rules never need more.
 */
@FunctionalInterface
public interface AuthEvents {

    /** The state event for this key, or null if there is none. */
    Pdu get(String type, String stateKey);
}
