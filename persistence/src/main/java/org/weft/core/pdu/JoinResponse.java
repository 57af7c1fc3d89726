package org.weft.core.pdu;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.weft.core.auth.AuthEvents;
import org.weft.core.auth.AuthorizationException;
import org.weft.core.auth.EventAuthRules;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.core.event.StateKey;

/**
 * The room as a {@code send_join} response describes it, every event checked before the joining
 * server believes it (server-server API, "Joining Rooms": "the joining server ... must validate
 * the state and auth_chain"). Each event passes steps 1-3 of the receipt checks (format,
 * signatures, hashes: dropped otherwise) and step 4 against its own auth events, oldest first
 * (rejected otherwise). The state is what remains of the response's {@code state} once dropped and
 * rejected events are taken out; it must still hold the room's create event.
 */
public final class JoinResponse {

    /** Most events a response may hold before the join is refused (a bound on the work it can cause). */
    public static final int MAX_EVENTS = 100_000;

    /**
     * @param state    the checked state before the join, by (type, state_key)
     * @param events   every event that passed steps 1-3, oldest first
     * @param rejected the IDs of those that failed step 4
     */
    public record Checked(Map<StateKey, String> state, List<Pdu> events, Set<String> rejected) {
    }

    private JoinResponse() {
    }

    /**
     * @throws InvalidPduException when the response is unusable: too large, or no valid create event of the room
     */
    public static Checked check(List<?> state, List<?> authChain, String roomId, RoomVersion version, VerifyKeys keys,
                                EventAuthRules rules) {
        if (state.size() + authChain.size() > MAX_EVENTS) {
            throw new InvalidPduException("The response holds more than " + MAX_EVENTS + " events");
        }
        Map<String, Pdu> valid = new HashMap<>();
        Set<String> stateIds = new HashSet<>();
        verify(authChain, roomId, version, keys, valid, null);
        verify(state, roomId, version, keys, valid, stateIds);
        List<Pdu> ordered = new ArrayList<>(valid.values());
        ordered.sort(Comparator.comparingLong(Pdu::depth).thenComparing(Pdu::eventId));
        Set<String> rejected = new HashSet<>();
        ReceiptContext context = contextOf(valid, rejected);
        for (Pdu event : ordered) {
            try {
                AuthEventsCheck.check(event, version, context, rules);
            } catch (AuthorizationException e) {
                rejected.add(event.eventId());
            }
        }
        Map<StateKey, String> checkedState = new LinkedHashMap<>();
        for (Pdu event : ordered) {
            if (stateIds.contains(event.eventId()) && !rejected.contains(event.eventId()) && event.isState()) {
                checkedState.put(new StateKey(event.type(), event.stateKey()), event.eventId());
            }
        }
        if (!checkedState.containsKey(new StateKey("m.room.create", ""))) {
            throw new InvalidPduException("The response's state has no valid create event of " + roomId);
        }
        return new Checked(checkedState, List.copyOf(ordered), Set.copyOf(rejected));
    }

    @SuppressWarnings("unchecked")
    private static void verify(List<?> events, String roomId, RoomVersion version, VerifyKeys keys, Map<String, Pdu> into,
                               Set<String> ids) {
        for (Object item : events) {
            if (!(item instanceof Map<?, ?> json)) {
                continue;
            }
            try {
                Pdu pdu = PduFormat.parse((Map<String, Object>) json, version);
                if (!roomId.equals(pdu.roomId())) {
                    continue;
                }
                if (!into.containsKey(pdu.eventId())) {
                    PduSignatures.verify(pdu, version, keys);
                    into.put(pdu.eventId(), PduHashes.check(pdu, version).pdu());
                }
                if (ids != null) {
                    ids.add(pdu.eventId());
                }
            } catch (InvalidPduException dropped) {
                // as on receipt: an event that fails steps 1-2 is dropped, and what cites it fails step 4
            }
        }
    }

    private static ReceiptContext contextOf(Map<String, Pdu> events, Set<String> rejected) {
        return new ReceiptContext() {
            @Override
            public Pdu event(String eventId) {
                return events.get(eventId);
            }

            @Override
            public boolean rejected(String eventId) {
                return rejected.contains(eventId);
            }

            @Override
            public AuthEvents stateBefore(Pdu pdu) {
                throw new UnsupportedOperationException("a send_join response's events are checked against their auth events");
            }

            @Override
            public AuthEvents currentState() {
                throw new UnsupportedOperationException("a send_join response's events are checked against their auth events");
            }
        };
    }
}
