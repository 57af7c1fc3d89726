package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Invite, join, leave, kick, ban, unban, knock, forget, member lists and room upgrades. */
class RoomMembershipIT extends WeftIT {

    private static final String ROOMS = "/_matrix/client/v3/rooms/";

    private String room(String token, Map<String, Object> body) {
        return matrix.post("/_matrix/client/v3/createRoom", token, body).expect(200).str("room_id");
    }

    private String membershipOf(String token, String roomId, String userId) {
        return matrix.get(ROOMS + roomId + "/state/m.room.member/" + userId, token).expect(200).str("membership");
    }

    @Test
    void inviteOnlyRoomsNeedAnInvite() {
        MatrixClient.Session alice = matrix.registerUnique("host");
        MatrixClient.Session bob = matrix.registerUnique("guest");
        String roomId = room(alice.accessToken(), Map.of("preset", "private_chat"));

        Resp refused = matrix.post(ROOMS + roomId + "/join", bob.accessToken(), Map.of()).expectError(403, "M_FORBIDDEN");
        assertFalse(refused.str("error").isBlank(), "the auth rule's reason is given");
        matrix.post(ROOMS + roomId + "/invite", alice.accessToken(), Map.of("user_id", bob.userId())).expect(200);
        assertEquals("invite", membershipOf(alice.accessToken(), roomId, bob.userId()));
        matrix.post(ROOMS + roomId + "/join", bob.accessToken(), null).expect(200);
        assertEquals("join", membershipOf(alice.accessToken(), roomId, bob.userId()));

        matrix.post(ROOMS + roomId + "/invite", alice.accessToken(), Map.of("user_id", "nobody")).expectError(400, "M_INVALID_PARAM");
        matrix.post(ROOMS + roomId + "/invite", alice.accessToken(), Map.of()).expectError(400, "M_MISSING_PARAM");
        matrix.post("/_matrix/client/v3/join/!nosuch:localhost:8008", bob.accessToken(), Map.of()).expectError(404, "M_NOT_FOUND");
        matrix.post("/_matrix/client/v3/join/%23nosuch:localhost:8008", bob.accessToken(), Map.of()).expectError(404, "M_NOT_FOUND");
    }

    @Test
    void kickBanAndUnbanFollowPowerLevels() {
        MatrixClient.Session alice = matrix.registerUnique("mod");
        MatrixClient.Session bob = matrix.registerUnique("member");
        MatrixClient.Session carol = matrix.registerUnique("member2");
        String roomId = room(alice.accessToken(), Map.of("preset", "public_chat"));
        matrix.post(ROOMS + roomId + "/join", bob.accessToken(), Map.of()).expect(200);
        matrix.post(ROOMS + roomId + "/join", carol.accessToken(), Map.of()).expect(200);

        matrix.post(ROOMS + roomId + "/kick", bob.accessToken(), Map.of("user_id", carol.userId())).expectError(403, "M_FORBIDDEN");
        matrix.post(ROOMS + roomId + "/kick", alice.accessToken(), Map.of("user_id", carol.userId(), "reason", "spam")).expect(200);
        assertEquals("leave", membershipOf(alice.accessToken(), roomId, carol.userId()));

        matrix.post(ROOMS + roomId + "/ban", alice.accessToken(), Map.of("user_id", bob.userId())).expect(200);
        assertEquals("ban", membershipOf(alice.accessToken(), roomId, bob.userId()));
        matrix.post(ROOMS + roomId + "/join", bob.accessToken(), Map.of()).expectError(403, "M_FORBIDDEN");
        matrix.post(ROOMS + roomId + "/unban", alice.accessToken(), Map.of("user_id", carol.userId())).expectError(400, "M_BAD_STATE");
        matrix.post(ROOMS + roomId + "/unban", alice.accessToken(), Map.of("user_id", bob.userId())).expect(200);
        matrix.post(ROOMS + roomId + "/join", bob.accessToken(), Map.of()).expect(200);
    }

    @Test
    void leavingForgettingAndMemberLists() {
        MatrixClient.Session alice = matrix.registerUnique("lister");
        MatrixClient.Session bob = matrix.registerUnique("leaver");
        String roomId = room(alice.accessToken(), Map.of("preset", "public_chat"));
        matrix.post(ROOMS + roomId + "/join", bob.accessToken(), Map.of()).expect(200);

        List<Object> members = matrix.get(ROOMS + roomId + "/members", bob.accessToken()).expect(200).list("chunk");
        assertEquals(2, members.size());
        List<Object> joinedOnly = matrix.get(ROOMS + roomId + "/members?membership=join", bob.accessToken()).expect(200).list("chunk");
        assertEquals(2, joinedOnly.size());

        matrix.post(ROOMS + roomId + "/forget", bob.accessToken(), Map.of()).expectError(400, "M_UNKNOWN");
        matrix.post(ROOMS + roomId + "/leave", bob.accessToken(), Map.of()).expect(200);
        assertFalse(matrix.get("/_matrix/client/v3/joined_rooms", bob.accessToken()).expect(200).list("joined_rooms").contains(roomId));
        // A former member still sees the member list as it was when they left.
        List<Object> asLeft = matrix.get(ROOMS + roomId + "/members?not_membership=leave", bob.accessToken()).expect(200).list("chunk");
        assertEquals(1, asLeft.size());
        matrix.get(ROOMS + roomId + "/joined_members", bob.accessToken()).expectError(403, "M_FORBIDDEN");
        matrix.post(ROOMS + roomId + "/forget", bob.accessToken(), Map.of()).expect(200);
        matrix.post(ROOMS + roomId + "/leave", bob.accessToken(), Map.of()).expectError(403, "M_FORBIDDEN");
        // Forgotten: the history is no longer retrievable, until the user joins again.
        matrix.get(ROOMS + roomId + "/messages?dir=b", bob.accessToken()).expectError(403, "M_FORBIDDEN");
        matrix.post(ROOMS + roomId + "/join", bob.accessToken(), Map.of()).expect(200);
        matrix.get(ROOMS + roomId + "/messages?dir=b", bob.accessToken()).expect(200);
    }

    @Test
    void knockingNeedsAKnockRoom() {
        MatrixClient.Session alice = matrix.registerUnique("knockhost");
        MatrixClient.Session bob = matrix.registerUnique("knocker");
        String closed = room(alice.accessToken(), Map.of("preset", "private_chat"));
        matrix.post("/_matrix/client/v3/knock/" + closed, bob.accessToken(), Map.of()).expectError(403, "M_FORBIDDEN");
        String knockable = room(alice.accessToken(), Map.of("initial_state",
                List.of(Map.of("type", "m.room.join_rules", "content", Map.of("join_rule", "knock")))));
        matrix.post("/_matrix/client/v3/knock/" + knockable, bob.accessToken(), Map.of("reason", "let me in")).expect(200);
        assertEquals("knock", membershipOf(alice.accessToken(), knockable, bob.userId()));
    }

    @Test
    void upgradeReplacesTheRoomAndTombstonesTheOldOne() {
        MatrixClient.Session alice = matrix.registerUnique("upgrader");
        MatrixClient.Session bob = matrix.registerUnique("bystander");
        String aliasName = MatrixClient.uniqueName("moving");
        String oldRoom = room(alice.accessToken(), Map.of("preset", "public_chat", "name", "Old", "room_alias_name", aliasName));
        matrix.post(ROOMS + oldRoom + "/join", bob.accessToken(), Map.of()).expect(200);

        matrix.post(ROOMS + oldRoom + "/upgrade", bob.accessToken(), Map.of("new_version", "11")).expectError(403, "M_FORBIDDEN");
        matrix.post(ROOMS + oldRoom + "/upgrade", alice.accessToken(), Map.of("new_version", "77"))
                .expectError(400, "M_UNSUPPORTED_ROOM_VERSION");
        String newRoom = matrix.post(ROOMS + oldRoom + "/upgrade", alice.accessToken(), Map.of("new_version", "11"))
                .expect(200).str("replacement_room");

        Resp tombstone = matrix.get(ROOMS + oldRoom + "/state/m.room.tombstone", alice.accessToken()).expect(200);
        assertEquals(newRoom, tombstone.str("replacement_room"));
        Resp create = matrix.get(ROOMS + newRoom + "/state/m.room.create", alice.accessToken()).expect(200);
        assertEquals("11", create.str("room_version"));
        assertEquals(oldRoom, ((Map<?, ?>) create.get("predecessor")).get("room_id"));
        assertEquals("Old", matrix.get(ROOMS + newRoom + "/state/m.room.name", alice.accessToken()).expect(200).str("name"));
        String alias = "#" + aliasName + ":localhost:8008";
        assertEquals(newRoom, matrix.get("/_matrix/client/v3/directory/room/" + RoomsIT.enc(alias), null).expect(200).str("room_id"));
        // The old room is closed to ordinary members.
        matrix.put(ROOMS + oldRoom + "/send/m.room.message/u1", bob.accessToken(), Map.of("body", "hi", "msgtype", "m.text"))
                .expectError(403, "M_FORBIDDEN");
        Resp capabilities = matrix.get("/_matrix/client/v3/capabilities", alice.accessToken()).expect(200);
        Map<?, ?> versions = (Map<?, ?>) ((Map<?, ?>) capabilities.get("capabilities")).get("m.room_versions");
        assertEquals("10", versions.get("default"));
        assertTrue(((Map<?, ?>) versions.get("available")).containsKey("11"));
    }

    @Test
    void floatsInContentAreRefusedByCanonicalJson() {
        MatrixClient.Session alice = matrix.registerUnique("floaty");
        String roomId = room(alice.accessToken(), Map.of());
        matrix.send("PUT", ROOMS + roomId + "/send/m.room.message/f1", alice.accessToken(),
                "{\"msgtype\":\"m.text\",\"body\":\"x\",\"n\":1.5}").expectError(400, "M_BAD_JSON");
        matrix.send("PUT", ROOMS + roomId + "/send/m.room.message/f2", alice.accessToken(),
                "{\"msgtype\":\"m.text\",\"body\":\"x\",\"n\":9007199254740992}").expectError(400, "M_BAD_JSON");
    }
}
