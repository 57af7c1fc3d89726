package org.weft.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.weft.core.json.Json;

/**
 * The redaction algorithm per room version (rooms/v1..v11 "Redactions"; fragments v1-, v6-, v9-
 * and v11-redactions; rooms/v8 for its own list).
 */
class RedactionTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String json) {
        return (Map<String, Object>) Json.parse(json);
    }

    private static Map<String, Object> state(String type, String content) {
        return parse("{\"type\":\"" + type + "\",\"state_key\":\"\",\"room_id\":\"!r:x\",\"sender\":\"@a:x\","
                + "\"content\":" + content + "}");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> redactedContent(Map<String, Object> event, RoomVersion version) {
        return (Map<String, Object>) Redaction.redact(event, version).get("content");
    }

    private static List<RoomVersion> versions(int from, int to) {
        return Stream.of(RoomVersion.V1, RoomVersion.V2, RoomVersion.V3, RoomVersion.V4, RoomVersion.V5,
                        RoomVersion.V6, RoomVersion.V7, RoomVersion.V8, RoomVersion.V9, RoomVersion.V10,
                        RoomVersion.V11)
                .filter(v -> Integer.parseInt(v.id()) >= from && Integer.parseInt(v.id()) <= to).toList();
    }

    static Stream<RoomVersion> all() {
        return RoomVersion.all().values().stream();
    }

    @ParameterizedTest
    @MethodSource("all")
    void messageContentAndUnknownKeysAreStripped(RoomVersion version) {
        Map<String, Object> event = parse("""
                {"type":"m.room.message","room_id":"!r:x","sender":"@a:x","event_id":"$e:x",
                 "content":{"body":"secret"},"hashes":{"sha256":"h"},"signatures":{"x":{"ed25519:1":"s"}},
                 "depth":3,"prev_events":[],"auth_events":[],"origin_server_ts":5,
                 "unsigned":{"age":1},"age_ts":9,"redacts":"$old:x","custom":true}""");
        Map<String, Object> redacted = Redaction.redact(event, version);
        assertEquals(parse("""
                {"type":"m.room.message","room_id":"!r:x","sender":"@a:x","event_id":"$e:x","content":{},
                 "hashes":{"sha256":"h"},"signatures":{"x":{"ed25519:1":"s"}},"depth":3,"prev_events":[],
                 "auth_events":[],"origin_server_ts":5}"""), redacted);
    }

    /** v11 stops protecting the top-level origin, membership and prev_state. */
    @Test
    void topLevelKeysDropOriginMembershipPrevStateInV11() {
        Map<String, Object> event = parse("""
                {"type":"m.room.member","state_key":"@a:x","origin":"x","membership":"join","prev_state":[],
                 "content":{"membership":"join"}}""");
        for (RoomVersion v : versions(1, 10)) {
            Map<String, Object> redacted = Redaction.redact(event, v);
            assertTrue(redacted.containsKey("origin") && redacted.containsKey("membership")
                    && redacted.containsKey("prev_state"), v.id());
        }
        Map<String, Object> v11 = Redaction.redact(event, RoomVersion.V11);
        assertEquals(parse("{\"type\":\"m.room.member\",\"state_key\":\"@a:x\",\"content\":{\"membership\":\"join\"}}"),
                v11);
    }

    @Test
    void aliasesKeptOnlyInV1ToV5() {
        Map<String, Object> event = state("m.room.aliases", "{\"aliases\":[\"#a:x\"],\"other\":1}");
        for (RoomVersion v : versions(1, 5)) {
            assertEquals(parse("{\"aliases\":[\"#a:x\"]}"), redactedContent(event, v), v.id());
        }
        for (RoomVersion v : versions(6, 11)) {
            assertEquals(Map.of(), redactedContent(event, v), v.id());
        }
    }

    @Test
    void joinRulesAllowKeptFromV8() {
        Map<String, Object> event = state("m.room.join_rules",
                "{\"join_rule\":\"restricted\",\"allow\":[{\"type\":\"m.room_membership\",\"room_id\":\"!b:x\"}],\"x\":1}");
        for (RoomVersion v : versions(1, 7)) {
            assertEquals(parse("{\"join_rule\":\"restricted\"}"), redactedContent(event, v), v.id());
        }
        for (RoomVersion v : versions(8, 11)) {
            assertEquals(parse("{\"join_rule\":\"restricted\",\"allow\":[{\"type\":\"m.room_membership\","
                    + "\"room_id\":\"!b:x\"}]}"), redactedContent(event, v), v.id());
        }
    }

    @Test
    void memberJoinAuthorisedViaUsersServerKeptFromV9() {
        Map<String, Object> event = state("m.room.member",
                "{\"membership\":\"join\",\"join_authorised_via_users_server\":\"@b:x\",\"displayname\":\"A\"}");
        for (RoomVersion v : versions(1, 8)) {
            assertEquals(parse("{\"membership\":\"join\"}"), redactedContent(event, v), v.id());
        }
        for (RoomVersion v : versions(9, 11)) {
            assertEquals(parse("{\"membership\":\"join\",\"join_authorised_via_users_server\":\"@b:x\"}"),
                    redactedContent(event, v), v.id());
        }
    }

    @Test
    void memberThirdPartyInviteSignedKeptOnlyInV11() {
        Map<String, Object> event = state("m.room.member", """
                {"membership":"invite","third_party_invite":{"display_name":"alice",
                 "signed":{"mxid":"@a:x","token":"t","signatures":{"id":{"ed25519:0":"s"}}}}}""");
        assertEquals(parse("{\"membership\":\"invite\"}"), redactedContent(event, RoomVersion.V10));
        assertEquals(parse("""
                {"membership":"invite","third_party_invite":{"signed":{"mxid":"@a:x","token":"t",
                 "signatures":{"id":{"ed25519:0":"s"}}}}}"""), redactedContent(event, RoomVersion.V11));
        // Without "signed" there is nothing of third_party_invite to keep.
        Map<String, Object> unsignedInvite = state("m.room.member",
                "{\"membership\":\"invite\",\"third_party_invite\":{\"display_name\":\"alice\"}}");
        assertEquals(parse("{\"membership\":\"invite\"}"), redactedContent(unsignedInvite, RoomVersion.V11));
    }

    @Test
    void createKeepsAllContentInV11ButOnlyCreatorBefore() {
        Map<String, Object> event = state("m.room.create",
                "{\"creator\":\"@a:x\",\"room_version\":\"10\",\"m.federate\":false,\"predecessor\":{\"room_id\":\"!o:x\"}}");
        for (RoomVersion v : versions(1, 10)) {
            assertEquals(parse("{\"creator\":\"@a:x\"}"), redactedContent(event, v), v.id());
        }
        assertEquals(event.get("content"), redactedContent(event, RoomVersion.V11));
    }

    @Test
    void powerLevelsInviteKeptOnlyInV11() {
        Map<String, Object> event = state("m.room.power_levels", """
                {"ban":50,"events":{"m.room.name":50},"events_default":0,"invite":0,"kick":50,
                 "redact":50,"state_default":50,"users":{"@a:x":100},"users_default":0,
                 "notifications":{"room":50}}""");
        Map<String, Object> base = parse("""
                {"ban":50,"events":{"m.room.name":50},"events_default":0,"kick":50,"redact":50,
                 "state_default":50,"users":{"@a:x":100},"users_default":0}""");
        for (RoomVersion v : versions(1, 10)) {
            assertEquals(base, redactedContent(event, v), v.id());
        }
        base.put("invite", 0L);
        assertEquals(base, redactedContent(event, RoomVersion.V11));
    }

    @Test
    void redactionKeepsRedactsInContentOnlyInV11() {
        Map<String, Object> event = parse("""
                {"type":"m.room.redaction","room_id":"!r:x","sender":"@a:x","redacts":"$old",
                 "content":{"redacts":"$old","reason":"spam"}}""");
        for (RoomVersion v : versions(1, 10)) {
            Map<String, Object> redacted = Redaction.redact(event, v);
            assertEquals(Map.of(), redacted.get("content"), v.id());
            assertFalse(redacted.containsKey("redacts"), v.id());
        }
        Map<String, Object> v11 = Redaction.redact(event, RoomVersion.V11);
        assertEquals(parse("{\"redacts\":\"$old\"}"), v11.get("content"));
        assertFalse(v11.containsKey("redacts"));
    }

    @ParameterizedTest
    @MethodSource("all")
    void historyVisibilityKept(RoomVersion version) {
        Map<String, Object> event = state("m.room.history_visibility", "{\"history_visibility\":\"shared\",\"x\":1}");
        assertEquals(parse("{\"history_visibility\":\"shared\"}"), redactedContent(event, version));
    }

    @Test
    void inputIsNotModifiedAndResultIsADeepCopy() {
        Map<String, Object> event = state("m.room.create", "{\"creator\":\"@a:x\",\"predecessor\":{\"room_id\":\"!o:x\"}}");
        event.put("signatures", parse("{\"x\":{\"ed25519:1\":\"s\"}}"));
        String before = Json.canonical(event);
        Map<String, Object> redacted = Redaction.redact(event, RoomVersion.V11);
        assertEquals(before, Json.canonical(event));
        assertNotSame(event.get("signatures"), redacted.get("signatures"));
        assertNotSame(((Map<?, ?>) event.get("content")).get("predecessor"),
                redactedContent(event, RoomVersion.V11).get("predecessor"));
    }

    @Test
    void missingOrMalformedContent() {
        Map<String, Object> noContent = parse("{\"type\":\"m.room.message\",\"sender\":\"@a:x\"}");
        assertFalse(Redaction.redact(noContent, RoomVersion.V10).containsKey("content"));
        Map<String, Object> stringContent = parse("{\"type\":\"m.room.member\",\"content\":\"join\"}");
        assertEquals(Map.of(), redactedContent(stringContent, RoomVersion.V10));
        Map<String, Object> noType = parse("{\"content\":{\"membership\":\"join\"}}");
        assertEquals(Map.of(), redactedContent(noType, RoomVersion.V10));
    }

    @Test
    void redactingTwiceChangesNothing() {
        Map<String, Object> event = state("m.room.power_levels", "{\"ban\":50,\"invite\":0,\"x\":1}");
        for (RoomVersion v : RoomVersion.all().values()) {
            Map<String, Object> once = Redaction.redact(event, v);
            assertEquals(once, Redaction.redact(once, v), v.id());
        }
    }
}
