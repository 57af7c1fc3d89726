package org.weft.core.pdu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weft.core.auth.AuthEventSelection;
import org.weft.core.auth.EventAuthRules;
import org.weft.core.auth.ServerSignatureCheck;
import org.weft.core.auth.ThirdPartyInviteVerifier;
import org.weft.core.crypto.EventSigner;
import org.weft.core.crypto.SigningKey;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.core.event.StateKey;

/** A send_join response's state and auth chain, checked event by event before the joining server uses them. */
class JoinResponseTest {

    private static final RoomVersion V10 = RoomVersion.V10;
    private static final String ROOM = "!room:a.example";
    private static final SigningKey A_KEY = SigningKey.generate("a1");
    private static final EventAuthRules RULES = new EventAuthRules(ThirdPartyInviteVerifier.REJECT_ALL,
            ServerSignatureCheck.SIGNATURE_PRESENT);
    private static final VerifyKeys KEYS = (server, keyId, at) ->
            "a.example".equals(server) && A_KEY.keyId().equals(keyId) ? A_KEY.publicKey() : null;

    private final Map<StateKey, Pdu> state = new LinkedHashMap<>();
    private final List<Pdu> all = new ArrayList<>();

    private final Pdu create = add("m.room.create", "", "@alice:a.example", Map.of("creator", "@alice:a.example"));
    private final Pdu aliceJoin = add("m.room.member", "@alice:a.example", "@alice:a.example", Map.of("membership", "join"));
    private final Pdu powerLevels = add("m.room.power_levels", "", "@alice:a.example",
            Map.of("users", Map.of("@alice:a.example", 100)));
    private final Pdu joinRules = add("m.room.join_rules", "", "@alice:a.example", Map.of("join_rule", "public"));

    private Pdu add(String type, String stateKey, String sender, Map<String, Object> content) {
        Pdu event = EventSigner.finish(draft(type, stateKey, sender, content), V10, "a.example", A_KEY);
        state.put(StateKey.of(type, stateKey), event);
        all.add(event);
        return event;
    }

    private Map<String, Object> draft(String type, String stateKey, String sender, Map<String, Object> content) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("room_id", ROOM);
        json.put("type", type);
        json.put("state_key", stateKey);
        json.put("sender", sender);
        json.put("content", content);
        json.put("depth", all.size() + 1L);
        json.put("origin_server_ts", 1_000_000L + all.size());
        json.put("prev_events", all.isEmpty() ? List.of() : List.of(all.get(all.size() - 1).eventId()));
        List<String> auth = new ArrayList<>();
        for (StateKey key : AuthEventSelection.required(type, stateKey, sender, content, V10)) {
            Pdu found = state.get(key);
            if (found != null && !"m.room.create".equals(type)) {
                auth.add(found.eventId());
            }
        }
        json.put("auth_events", auth);
        return json;
    }

    private static List<Object> json(Pdu... events) {
        List<Object> list = new ArrayList<>();
        for (Pdu event : events) {
            list.add(event.json());
        }
        return list;
    }

    @Test
    void aGenuineResponseGivesTheStateItDescribes() {
        JoinResponse.Checked checked = JoinResponse.check(json(create, aliceJoin, powerLevels, joinRules),
                json(create, aliceJoin, powerLevels), ROOM, V10, KEYS, RULES);
        assertEquals(4, checked.state().size());
        assertEquals(joinRules.eventId(), checked.state().get(StateKey.of("m.room.join_rules", "")));
        assertTrue(checked.rejected().isEmpty());
        assertEquals(create.eventId(), checked.events().get(0).eventId(), "oldest first");
    }

    @Test
    void aStateEventSignedWithAnotherKeyIsDroppedAndLeavesNoTrace() {
        Map<String, Object> forgedDraft = draft("m.room.topic", "", "@alice:a.example", Map.of("topic", "forged"));
        Pdu forged = EventSigner.finish(forgedDraft, V10, "a.example", SigningKey.generate("a1"));
        JoinResponse.Checked checked = JoinResponse.check(json(create, aliceJoin, powerLevels, joinRules, forged),
                json(create, aliceJoin, powerLevels), ROOM, V10, KEYS, RULES);
        assertFalse(checked.state().containsKey(StateKey.of("m.room.topic", "")));
        assertTrue(checked.events().stream().noneMatch(e -> e.eventId().equals(forged.eventId())));
    }

    @Test
    void aStateEventTheAuthRulesRefuseIsRejectedAndLeftOutOfTheState() {
        // Bob has no membership: his topic fails the auth rules against its own auth events.
        Pdu bobTopic = EventSigner.finish(draft("m.room.topic", "", "@bob:a.example", Map.of("topic", "bob's")), V10,
                "a.example", A_KEY);
        JoinResponse.Checked checked = JoinResponse.check(json(create, aliceJoin, powerLevels, joinRules, bobTopic),
                json(create, aliceJoin, powerLevels), ROOM, V10, KEYS, RULES);
        assertTrue(checked.rejected().contains(bobTopic.eventId()));
        assertFalse(checked.state().containsKey(StateKey.of("m.room.topic", "")));
        assertEquals(4, checked.state().size());
    }

    @Test
    void anEventCitingAnAuthEventThatIsMissingIsRejected() {
        JoinResponse.Checked checked = JoinResponse.check(json(aliceJoin, powerLevels, joinRules, create),
                json(aliceJoin), ROOM, V10, KEYS, RULES);
        assertTrue(checked.rejected().isEmpty(), "the create event is in the state: nothing is missing");
        JoinResponse.Checked withoutPowerLevels = JoinResponse.check(json(create, aliceJoin, joinRules),
                json(create, aliceJoin), ROOM, V10, KEYS, RULES);
        assertTrue(withoutPowerLevels.rejected().contains(joinRules.eventId()),
                "join rules cite the power levels, which the response does not hold");
    }

    @Test
    void aResponseWithoutAValidCreateEventOrOfAnotherRoomIsUnusable() {
        assertThrows(InvalidPduException.class, () -> JoinResponse.check(json(aliceJoin, powerLevels, joinRules),
                json(aliceJoin), ROOM, V10, KEYS, RULES));
        assertThrows(InvalidPduException.class, () -> JoinResponse.check(json(create, aliceJoin), json(create),
                "!other:a.example", V10, KEYS, RULES));
    }
}
