package org.weft.core.auth;

import static org.weft.core.auth.AuthContext.reject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.core.event.StateKey;

/**
 * Which state an event's {@code auth_events} consist of (server-server API, "Auth events
 * selection"), and the checks of authorisation rule 2 on such a list (rooms/v1..v11, rule 2:
 * "Considering the event's auth_events").
 *
 * <p>The selection, for every event but {@code m.room.create} (whose auth events are empty):
 * <ul>
 *   <li>the {@code m.room.create} event (required by room versions 1-11);</li>
 *   <li>the current {@code m.room.power_levels} event, if any;</li>
 *   <li>the sender's current {@code m.room.member} event, if any;</li>
 *   <li>for {@code m.room.member}: the target's member event; for {@code join}, {@code invite}
 *       and {@code knock} the {@code m.room.join_rules} event; for an invite with
 *       {@code third_party_invite} the {@code m.room.third_party_invite} whose state key is
 *       {@code content.third_party_invite.signed.token}; for a join carrying
 *       {@code join_authorised_via_users_server} in a room version with restricted rooms (v8+),
 *       that user's member event.</li>
 * </ul>
 * "If any" is the caller's business: this lists the keys, the caller includes those present.
 */
public final class AuthEventSelection {

    private AuthEventSelection() {
    }

    /** The state keys the auth events of such an event are chosen from, without duplicates. */
    public static List<StateKey> required(String type, String stateKey, String sender,
                                          Map<String, Object> content, RoomVersion version) {
        if (AuthContext.CREATE.equals(type)) {
            // "The auth_events for the m.room.create event in a room is empty."
            return List.of();
        }
        Map<String, Object> body = content == null ? Map.of() : content;
        Set<StateKey> keys = new LinkedHashSet<>();
        if (!version.hashedRoomIds()) {
            // Room version 12: "The m.room.create event MUST NOT be selected for auth_events on
            // events. The room_id (being the m.room.create event's ID) implies this instead."
            keys.add(StateKey.of(AuthContext.CREATE, ""));
        }
        keys.add(StateKey.of(AuthContext.POWER_LEVELS, ""));
        if (sender != null) {
            keys.add(StateKey.of(AuthContext.MEMBER, sender));
        }
        if (AuthContext.MEMBER.equals(type)) {
            if (stateKey != null) {
                keys.add(StateKey.of(AuthContext.MEMBER, stateKey));
            }
            Object membership = body.get("membership");
            if ("join".equals(membership) || "invite".equals(membership) || "knock".equals(membership)) {
                keys.add(StateKey.of(AuthContext.JOIN_RULES, ""));
            }
            if ("invite".equals(membership) && body.get("third_party_invite") instanceof Map<?, ?> tpi
                    && tpi.get("signed") instanceof Map<?, ?> signed && signed.get("token") instanceof String token) {
                keys.add(StateKey.of(AuthContext.THIRD_PARTY_INVITE, token));
            }
            if ("join".equals(membership) && version.restrictedJoinRule()
                    && body.get("join_authorised_via_users_server") instanceof String via) {
                keys.add(StateKey.of(AuthContext.MEMBER, via));
            }
        }
        return List.copyOf(keys);
    }

    /** {@link #required(String, String, String, Map, RoomVersion)} for an event. */
    public static List<StateKey> required(Pdu event, RoomVersion version) {
        return required(event.type(), event.stateKey(), event.sender(), event.content(), version);
    }

    /**
     * Checks rule 2 on the event's actual auth events and returns them as an {@link AuthEvents}
     * lookup for {@link EventAuthRules#check}:
     * <ol>
     *   <li>2.1: no two entries with the same type and state_key;</li>
     *   <li>2.2: no entry outside the selection of {@link #required};</li>
     *   <li>2.4: an {@code m.room.create} entry is present;</li>
     *   <li>2.5: every entry has the event's {@code room_id}.</li>
     * </ol>
     * 2.3 ("entries which were themselves rejected") needs stored rejection state and is left to
     * the caller. For {@code m.room.create} rule 1 alone applies, so nothing is checked here.
     *
     * @param authEvents the events named by the event's {@code auth_events}
     * @throws AuthorizationException naming the sub-rule that failed
     */
    public static AuthEvents checkAuthEvents(Pdu event, List<Pdu> authEvents, RoomVersion version) {
        return checkAuthEvents(event, authEvents, null, version);
    }

    /**
     * As {@link #checkAuthEvents(Pdu, List, RoomVersion)}, for any room version: in version 12 the
     * create event is never among the auth events, so the caller passes the one its {@code room_id}
     * names ({@code EventIds.createEventIdOfRoom}), and the returned lookup answers with it; rule
     * 2.4 does not exist there and {@link EventAuthRules} checks rule 2 (the room ID) instead.
     *
     * @param create the room's create event, for room version 12; ignored before
     */
    public static AuthEvents checkAuthEvents(Pdu event, List<Pdu> authEvents, Pdu create, RoomVersion version) {
        Map<StateKey, Pdu> byKey = new HashMap<>();
        if (AuthContext.CREATE.equals(event.type())) {
            return (type, stateKey) -> null;
        }
        Set<StateKey> allowed = new LinkedHashSet<>(required(event, version));
        for (Pdu authEvent : authEvents) {
            StateKey key = StateKey.of(authEvent.type(), authEvent.stateKey());
            // 2.1: "If there are duplicate entries for a given type and state_key pair, reject."
            if (byKey.put(key, authEvent) != null) {
                throw reject("duplicate auth events for " + key);
            }
            // 2.2: entries must match the auth events selection.
            if (!allowed.contains(key)) {
                throw reject("auth event " + authEvent.eventId() + " " + key
                        + " is not one the auth events selection chooses for this event");
            }
            // 2.5: "If any event in auth_events has a room_id which does not match that of the
            // event being authorised, reject."
            if (!Objects.equals(authEvent.roomId(), event.roomId())) {
                throw reject("auth event " + authEvent.eventId() + " belongs to room " + authEvent.roomId()
                        + ", not " + event.roomId());
            }
        }
        if (version.hashedRoomIds()) {
            if (create == null) {
                throw reject("the room's m.room.create event is not known");
            }
            byKey.put(StateKey.of(AuthContext.CREATE, ""), create);
        } else if (!byKey.containsKey(StateKey.of(AuthContext.CREATE, ""))) {
            // 2.4: "If there is no m.room.create event among the entries, reject."
            throw reject("no m.room.create event among the auth events");
        }
        Map<StateKey, Pdu> frozen = Map.copyOf(byKey);
        return (type, stateKey) -> frozen.get(StateKey.of(type, stateKey));
    }

    /** The events of {@code state} that the selection chooses for {@code event}, in selection order. */
    public static List<Pdu> select(Pdu event, RoomVersion version, AuthEvents state) {
        List<Pdu> chosen = new ArrayList<>();
        for (StateKey key : required(event, version)) {
            Pdu found = state.get(key.type(), key.stateKey());
            if (found != null) {
                chosen.add(found);
            }
        }
        return chosen;
    }
}
