package org.weft.core.pdu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.weft.core.auth.AuthEvents;
import org.weft.core.auth.EventAuthRules;
import org.weft.core.auth.ServerSignatureCheck;
import org.weft.core.auth.ThirdPartyInviteVerifier;
import org.weft.core.crypto.EventSigner;
import org.weft.core.crypto.SigningKey;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.core.event.StateKey;
import org.weft.core.json.Json;

/** The checks performed on receipt of a PDU, on events signed by two test servers. */
class PduReceiptTest {

    private static final RoomVersion V10 = RoomVersion.V10;
    private static final String ROOM = "!room:a.example";
    private static final SigningKey A_KEY = SigningKey.generate("a1");
    private static final SigningKey B_KEY = SigningKey.generate("b1");
    private static final EventAuthRules RULES = new EventAuthRules(ThirdPartyInviteVerifier.REJECT_ALL,
            ServerSignatureCheck.SIGNATURE_PRESENT);

    private final Map<String, SigningKey> knownKeys = new HashMap<>(Map.of("a.example", A_KEY, "b.example", B_KEY));
    private final VerifyKeys keys = (server, keyId, at) -> {
        SigningKey key = knownKeys.get(server);
        return key != null && key.keyId().equals(keyId) ? key.publicKey() : null;
    };
    private final Map<String, Pdu> events = new HashMap<>();
    private final Set<String> rejected = new HashSet<>();
    private final Map<StateKey, Pdu> state = new LinkedHashMap<>();
    private long depth;

    private final Pdu create = add("m.room.create", "", "@alice:a.example", Map.of("creator", "@alice:a.example"));
    private final Pdu aliceJoin = add("m.room.member", "@alice:a.example", "@alice:a.example", Map.of("membership", "join"));
    private final Pdu powerLevels = add("m.room.power_levels", "", "@alice:a.example",
            Map.of("users", Map.of("@alice:a.example", 100)));
    private final Pdu joinRules = add("m.room.join_rules", "", "@alice:a.example", Map.of("join_rule", "public"));
    private final Pdu bobJoin = add("m.room.member", "@bob:b.example", "@bob:b.example", Map.of("membership", "join"));

    /** A state event built on the current state, stored and applied. */
    private Pdu add(String type, String stateKey, String sender, Map<String, Object> content) {
        Pdu signed = sign(draft(type, stateKey, sender, content));
        events.put(signed.eventId(), signed);
        state.put(StateKey.of(type, stateKey), signed);
        return signed;
    }

    private Map<String, Object> draft(String type, String stateKey, String sender, Map<String, Object> content) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("room_id", ROOM);
        json.put("type", type);
        if (stateKey != null) {
            json.put("state_key", stateKey);
        }
        json.put("sender", sender);
        json.put("content", content);
        json.put("depth", ++depth);
        json.put("origin_server_ts", 1_000_000L + depth);
        json.put("prev_events", depth == 1 ? List.of() : List.of(lastEventId()));
        List<String> auth = new ArrayList<>();
        if (!"m.room.create".equals(type)) {
            for (StateKey key : org.weft.core.auth.AuthEventSelection.required(type, stateKey, sender, content, V10)) {
                Pdu found = state.get(key);
                if (found != null) {
                    auth.add(found.eventId());
                }
            }
        }
        json.put("auth_events", auth);
        return json;
    }

    private String lastEventId() {
        return events.values().stream().max((x, y) -> Long.compare(x.depth(), y.depth())).orElseThrow().eventId();
    }

    private static Pdu sign(Map<String, Object> draft) {
        String sender = (String) draft.get("sender");
        String server = sender.substring(sender.indexOf(':') + 1);
        return EventSigner.finish(draft, V10, server, server.equals("a.example") ? A_KEY : B_KEY);
    }

    private ReceiptContext context(Map<StateKey, Pdu> current) {
        AuthEvents before = (type, key) -> state.get(StateKey.of(type, key));
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
                return before;
            }

            @Override
            public AuthEvents currentState() {
                return (type, key) -> current.get(StateKey.of(type, key));
            }
        };
    }

    private Map<String, Object> message(String sender, String body) {
        Pdu signed = sign(draft("m.room.message", null, sender, Map.of("msgtype", "m.text", "body", body)));
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) Json.parse(Json.write(signed.json()));
        return copy;
    }

    private PduReceipt.Receipt receive(Map<String, Object> json) {
        return PduReceipt.check(json, V10, keys, context(state), RULES);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aJoinedMembersSignedMessageIsAccepted() {
        Pdu sent = sign(draft("m.room.message", null, "@bob:b.example", Map.of("msgtype", "m.text", "body", "hello")));
        Map<String, Object> json = (Map<String, Object>) Json.parse(Json.write(sent.json()));
        json.put("unsigned", Map.of("age", 5));
        PduReceipt.Receipt receipt = receive(json);
        assertEquals(PduReceipt.Verdict.ACCEPTED, receipt.verdict());
        assertFalse(receipt.redacted());
        assertEquals(sent.eventId(), receipt.pdu().eventId(), "the ID is the sender's reference hash");
        assertFalse(receipt.pdu().json().containsKey("unsigned"));
        assertEquals("hello", receipt.pdu().content().get("body"));
    }

    @Test
    void anEventNotSignedByTheSendersServerIsDropped() {
        Map<String, Object> json = message("@bob:b.example", "hello");
        ((Map<?, ?>) json.get("signatures")).remove("b.example");
        InvalidPduException dropped = assertThrows(InvalidPduException.class, () -> receive(json));
        assertTrue(dropped.getMessage().contains("no valid signature of b.example"), dropped.getMessage());
    }

    @Test
    void aSignatureByAnUnknownKeyIsNotEnough() {
        knownKeys.remove("b.example");
        assertThrows(InvalidPduException.class, () -> receive(message("@bob:b.example", "hello")));
    }

    @Test
    void aChangedSignedFieldIsDropped() {
        Map<String, Object> json = message("@bob:b.example", "hello");
        json.put("origin_server_ts", 5L);
        assertThrows(InvalidPduException.class, () -> receive(json));
    }

    @Test
    void aChangedContentFailsTheHashAndTheEventIsRedacted() {
        Map<String, Object> json = message("@bob:b.example", "hello");
        json.put("content", Map.of("msgtype", "m.text", "body", "forged"));
        PduReceipt.Receipt receipt = receive(json);
        assertTrue(receipt.redacted());
        assertEquals(Map.of(), receipt.pdu().content());
        assertEquals(PduReceipt.Verdict.ACCEPTED, receipt.verdict());
    }

    @Test
    void aSenderWhoIsNotJoinedIsRejected() {
        PduReceipt.Receipt receipt = receive(message("@carol:b.example", "hi"));
        assertEquals(PduReceipt.Verdict.REJECTED, receipt.verdict());
        assertTrue(receipt.reason().contains("not joined"), receipt.reason());
    }

    @Test
    void anEventCitingARejectedAuthEventIsRejected() {
        rejected.add(bobJoin.eventId());
        PduReceipt.Receipt receipt = receive(message("@bob:b.example", "hello"));
        assertEquals(PduReceipt.Verdict.REJECTED, receipt.verdict());
        assertTrue(receipt.reason().contains("was itself rejected"), receipt.reason());
    }

    @Test
    void aSenderBannedSinceIsSoftFailed() {
        Map<String, Object> json = message("@bob:b.example", "sneaky");
        Map<StateKey, Pdu> current = new LinkedHashMap<>(state);
        current.put(StateKey.of("m.room.member", "@bob:b.example"),
                sign(draft("m.room.member", "@bob:b.example", "@alice:a.example", Map.of("membership", "ban"))));
        PduReceipt.Receipt receipt = PduReceipt.check(json, V10, keys, context(current), RULES);
        assertEquals(PduReceipt.Verdict.SOFT_FAILED, receipt.verdict());
    }

    @Test
    void malformedEventsAreDropped() {
        Map<String, Object> noSender = message("@bob:b.example", "x");
        noSender.remove("sender");
        assertFormat(noSender, V10, "sender");

        Map<String, Object> longKey = message("@bob:b.example", "x");
        longKey.put("state_key", "k".repeat(256));
        assertFormat(longKey, V10, "state_key is longer");

        Map<String, Object> huge = message("@bob:b.example", "x".repeat(PduFormat.MAX_PDU_BYTES));
        assertFormat(huge, V10, "bytes, more than");

        Map<String, Object> negative = message("@bob:b.example", "x");
        negative.put("depth", -1L);
        assertFormat(negative, V10, "depth");

        Map<String, Object> stringPrev = message("@bob:b.example", "x");
        stringPrev.put("event_id", "$x:b.example");
        assertFormat(stringPrev, RoomVersion.V1, "prev_events");

        Map<String, Object> createWithRoom = new LinkedHashMap<>(Map.of("type", "m.room.create", "state_key", "",
                "sender", "@alice:a.example", "room_id", "!abc", "content", Map.of(), "depth", 1L,
                "origin_server_ts", 1L, "hashes", Map.of("sha256", "x"), "signatures", Map.of()));
        createWithRoom.put("prev_events", List.of());
        createWithRoom.put("auth_events", List.of());
        assertFormat(createWithRoom, RoomVersion.V12, "no room_id");
    }

    private static void assertFormat(Map<String, Object> json, RoomVersion version, String reason) {
        InvalidPduException dropped = assertThrows(InvalidPduException.class, () -> PduFormat.parse(json, version));
        assertTrue(dropped.getMessage().contains(reason), dropped.getMessage());
    }
}
