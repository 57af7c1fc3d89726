package org.weft.core.state;

import org.weft.core.event.Pdu;

/**
 * Power events (rooms/v2, "Power events"): "a state event with type m.room.power_levels or
 * m.room.join_rules, or a state event with type m.room.member where the membership is leave or ban
 * and the sender does not match the state_key. The idea behind this is that power events are
 * events that might remove someone's ability to do something in the room."
 */
public final class PowerEvents {

    private PowerEvents() {
    }

    public static boolean isPowerEvent(Pdu event) {
        if (!event.isState()) {
            return false;
        }
        return switch (event.type()) {
            case "m.room.power_levels", "m.room.join_rules" -> true;
            case "m.room.member" -> {
                Object membership = event.content().get("membership");
                yield ("leave".equals(membership) || "ban".equals(membership))
                        && !event.stateKey().equals(event.sender());
            }
            default -> false;
        };
    }
}
