package org.weft.ejb.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.weft.core.event.Pdu;

/**
 * Client-server API, "Stripped state": what an invitee or knocker is shown of a room (in
 * {@code /sync}'s {@code invite_state} and {@code knock_state}, and in the {@code invite_room_state}
 * sent with an invite to another server).
 */
public final class StrippedState {

    /** The types the spec recommends. */
    public static final List<String> TYPES = List.of("m.room.create", "m.room.join_rules", "m.room.name",
            "m.room.avatar", "m.room.canonical_alias", "m.room.topic", "m.room.encryption");

    private StrippedState() {
    }

    /** The recommended state of the room, stripped, plus {@code extraMember}'s membership when given. */
    public static List<Map<String, Object>> of(RoomState state, Function<String, Pdu> events, String extraMember) {
        return selected(state, events, extraMember).stream().map(StrippedState::strip).toList();
    }

    /**
     * The same events as whole PDUs, as the server-server API sends them since v1.16
     * ({@code invite_room_state}, {@code knock_room_state}: "formatted according to the room
     * version", the create event included); a receiver strips them for its clients.
     */
    public static List<Map<String, Object>> pdus(RoomState state, Function<String, Pdu> events, String extraMember) {
        return selected(state, events, extraMember).stream().map(Pdu::json).toList();
    }

    private static List<Pdu> selected(RoomState state, Function<String, Pdu> events, String extraMember) {
        List<Pdu> chosen = new ArrayList<>();
        for (String type : TYPES) {
            String eventId = state.get(type, "");
            if (eventId != null) {
                chosen.add(events.apply(eventId));
            }
        }
        String member = extraMember == null ? null : state.get("m.room.member", extraMember);
        if (member != null) {
            chosen.add(events.apply(member));
        }
        return chosen;
    }

    /** A state event as stripped state (content, sender, state_key, type), whether it came whole or stripped. */
    public static Map<String, Object> strip(Map<String, Object> event) {
        Map<String, Object> stripped = new LinkedHashMap<>();
        for (String field : List.of("content", "sender", "state_key", "type")) {
            if (event.containsKey(field)) {
                stripped.put(field, event.get(field));
            }
        }
        return stripped;
    }

    /** The event as stripped state: content, sender, state_key and type. */
    public static Map<String, Object> strip(Pdu pdu) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("content", pdu.content());
        event.put("sender", pdu.sender());
        event.put("state_key", pdu.stateKey());
        event.put("type", pdu.type());
        return event;
    }
}
