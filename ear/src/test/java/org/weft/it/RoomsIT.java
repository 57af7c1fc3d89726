package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /createRoom, room state, joined rooms and members. */
class RoomsIT extends WeftIT {

    private String createRoom(String token, Map<String, Object> body) {
        return matrix.post("/_matrix/client/v3/createRoom", token, body).expect(200).str("room_id");
    }

    @SuppressWarnings("unchecked")
    private static List<String> typesOf(List<Object> events) {
        List<String> types = new ArrayList<>();
        for (Object e : events) {
            types.add((String) ((Map<String, Object>) e).get("type"));
        }
        return types;
    }

    @Test
    void createRoomSendsTheInitialEventsInTheSpecsOrder() {
        MatrixClient.Session alice = matrix.registerUnique("creator");
        MatrixClient.Session bob = matrix.registerUnique("invitee");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Planning");
        body.put("topic", "Q3 plans");
        body.put("preset", "private_chat");
        body.put("invite", List.of(bob.userId()));
        body.put("initial_state", List.of(Map.of("type", "m.room.encryption", "state_key", "",
                "content", Map.of("algorithm", "m.megolm.v1.aes-sha2"))));
        String roomId = createRoom(alice.accessToken(), body);
        assertTrue(roomId.startsWith("!") && roomId.endsWith(":localhost:8008"), roomId);

        Resp messages = matrix.get("/_matrix/client/v3/rooms/" + roomId + "/messages?dir=f&limit=50", alice.accessToken()).expect(200);
        assertEquals(List.of("m.room.create", "m.room.member", "m.room.power_levels", "m.room.join_rules",
                "m.room.history_visibility", "m.room.guest_access", "m.room.encryption", "m.room.name",
                "m.room.topic", "m.room.member"), typesOf(messages.list("chunk")));

        Resp create = matrix.get("/_matrix/client/v3/rooms/" + roomId + "/state/m.room.create", alice.accessToken()).expect(200);
        assertEquals("10", create.str("room_version"));
        assertEquals(alice.userId(), create.str("creator"));
        Resp joinRules = matrix.get("/_matrix/client/v3/rooms/" + roomId + "/state/m.room.join_rules/", alice.accessToken()).expect(200);
        assertEquals("invite", joinRules.str("join_rule"));
        Resp name = matrix.get("/_matrix/client/v3/rooms/" + roomId + "/state/m.room.name?format=event", alice.accessToken()).expect(200);
        assertEquals("Planning", ((Map<?, ?>) name.get("content")).get("name"));
        assertEquals(roomId, name.str("room_id"));

        Resp bobsMembership = matrix.get("/_matrix/client/v3/rooms/" + roomId + "/state/m.room.member/" + bob.userId(),
                alice.accessToken()).expect(200);
        assertEquals("invite", bobsMembership.str("membership"));
        List<Object> state = matrix.get("/_matrix/client/v3/rooms/" + roomId + "/state", alice.accessToken()).expect(200)
                .array();
        // create, two members, power levels, join rules, history visibility, guest access, encryption, name, topic
        assertEquals(10, state.size(), () -> "state events: " + typesOf(state));
    }

    @Test
    void roomVersionsAndBadRequests() {
        MatrixClient.Session alice = matrix.registerUnique("versions");
        String v11 = createRoom(alice.accessToken(), Map.of("room_version", "11"));
        Resp create = matrix.get("/_matrix/client/v3/rooms/" + v11 + "/state/m.room.create", alice.accessToken()).expect(200);
        assertEquals("11", create.str("room_version"));
        assertFalse(create.json().containsKey("creator"), "v11 has no creator field");

        matrix.post("/_matrix/client/v3/createRoom", alice.accessToken(), Map.of("room_version", "99"))
                .expectError(400, "M_UNSUPPORTED_ROOM_VERSION");
        matrix.post("/_matrix/client/v3/createRoom", alice.accessToken(), Map.of("preset", "party"))
                .expectError(400, "M_INVALID_PARAM");
        matrix.post("/_matrix/client/v3/createRoom", alice.accessToken(), Map.of("invite", List.of("not-a-user")))
                .expectError(400, "M_INVALID_PARAM");
        matrix.post("/_matrix/client/v3/createRoom", alice.accessToken(), Map.of("name", 5))
                .expectError(400, "M_BAD_JSON");
        matrix.post("/_matrix/client/v3/createRoom", alice.accessToken(),
                Map.of("initial_state", List.of(Map.of("type", "m.room.create", "content", Map.of()))))
                .expectError(400, "M_INVALID_ROOM_STATE");
        matrix.post("/_matrix/client/v3/createRoom", null, Map.of()).expectError(401, "M_MISSING_TOKEN");
    }

    @Test
    void publicRoomWithAliasCanBeJoinedByAlias() {
        MatrixClient.Session alice = matrix.registerUnique("pub");
        MatrixClient.Session carol = matrix.registerUnique("joiner");
        String aliasName = MatrixClient.uniqueName("lobby");
        String roomId = createRoom(alice.accessToken(), Map.of("preset", "public_chat", "visibility", "public",
                "room_alias_name", aliasName, "name", "Lobby " + aliasName));
        String alias = "#" + aliasName + ":localhost:8008";

        matrix.post("/_matrix/client/v3/createRoom", alice.accessToken(), Map.of("room_alias_name", aliasName))
                .expectError(400, "M_ROOM_IN_USE");
        Resp resolved = matrix.get("/_matrix/client/v3/directory/room/" + enc(alias), null).expect(200);
        assertEquals(roomId, resolved.str("room_id"));

        Resp joined = matrix.post("/_matrix/client/v3/join/" + enc(alias), carol.accessToken(), Map.of()).expect(200);
        assertEquals(roomId, joined.str("room_id"));
        List<Object> rooms = matrix.get("/_matrix/client/v3/joined_rooms", carol.accessToken()).expect(200).list("joined_rooms");
        assertTrue(rooms.contains(roomId));
        @SuppressWarnings("unchecked")
        Map<String, Object> members = (Map<String, Object>) matrix.get("/_matrix/client/v3/rooms/" + roomId + "/joined_members",
                carol.accessToken()).expect(200).get("joined");
        assertEquals(2, members.size());
        assertTrue(members.containsKey(alice.userId()));

        Resp canonical = matrix.get("/_matrix/client/v3/rooms/" + roomId + "/state/m.room.canonical_alias", carol.accessToken()).expect(200);
        assertEquals(alias, canonical.str("alias"));
        assertEquals(List.of(alias), matrix.get("/_matrix/client/v3/rooms/" + roomId + "/aliases", carol.accessToken())
                .expect(200).list("aliases"));
        assertEquals("public", matrix.get("/_matrix/client/v3/directory/list/room/" + roomId, null).expect(200).str("visibility"));

        Resp search = matrix.post("/_matrix/client/v3/publicRooms", carol.accessToken(),
                Map.of("filter", Map.of("generic_search_term", aliasName))).expect(200);
        List<Object> chunk = search.list("chunk");
        assertEquals(1, chunk.size(), search.text());
        assertEquals(2L, ((Map<?, ?>) chunk.get(0)).get("num_joined_members"));
        assertNotNull(matrix.get("/_matrix/client/v3/publicRooms?limit=1", null).expect(200).get("chunk"));
    }

    @Test
    void aliasesCanBeAddedAndDeletedAndCanonicalAliasIsValidated() {
        MatrixClient.Session alice = matrix.registerUnique("aliaser");
        MatrixClient.Session mallory = matrix.registerUnique("stranger");
        String roomId = createRoom(alice.accessToken(), Map.of());
        String alias = "#" + MatrixClient.uniqueName("extra") + ":localhost:8008";

        matrix.put("/_matrix/client/v3/directory/room/" + enc(alias), alice.accessToken(), Map.of("room_id", roomId)).expect(200);
        matrix.put("/_matrix/client/v3/directory/room/" + enc(alias), alice.accessToken(), Map.of("room_id", roomId))
                .expectError(409, "M_ROOM_IN_USE");
        matrix.put("/_matrix/client/v3/directory/room/" + enc("#x:elsewhere.example"), alice.accessToken(),
                Map.of("room_id", roomId)).expectError(400, "M_INVALID_PARAM");
        matrix.put("/_matrix/client/v3/directory/room/" + enc("#y:localhost:8008"), mallory.accessToken(),
                Map.of("room_id", roomId)).expectError(403, "M_FORBIDDEN");

        matrix.put("/_matrix/client/v3/rooms/" + roomId + "/state/m.room.canonical_alias", alice.accessToken(),
                Map.of("alias", alias)).expect(200);
        matrix.put("/_matrix/client/v3/rooms/" + roomId + "/state/m.room.canonical_alias", alice.accessToken(),
                Map.of("alias", "#nothere:localhost:8008")).expectError(400, "M_BAD_ALIAS");

        matrix.delete("/_matrix/client/v3/directory/room/" + enc(alias), mallory.accessToken(), null).expectError(403, "M_FORBIDDEN");
        matrix.delete("/_matrix/client/v3/directory/room/" + enc(alias), alice.accessToken(), null).expect(200);
        matrix.get("/_matrix/client/v3/directory/room/" + enc(alias), null).expectError(404, "M_NOT_FOUND");
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
