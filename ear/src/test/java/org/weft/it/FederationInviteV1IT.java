package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;

/**
 * The deprecated {@code PUT /_matrix/federation/v1/invite} (server-server API, "Inviting to a
 * room", v1; room versions 1 and 2), from a {@link FakeHomeserver} holding a room of version 2: the
 * invite is countersigned and answered in v1's {@code [200, {"event"}]}, shows in the invitee's
 * sync, and the join through the inviter takes the room's version from {@code make_join}.
 */
class FederationInviteV1IT extends WeftIT {

    private FakeHomeserver remote;
    private String weftName;
    private MatrixClient.Session alice;

    @BeforeEach
    void start() throws Exception {
        ServerSettings.set("weft.federation.verify_tls", "false");
        remote = new FakeHomeserver();
        weftName = (String) matrix.get("/_matrix/key/v2/server", null).expect(200).json().get("server_name");
        alice = matrix.registerUnique("v1invitee");
    }

    @AfterEach
    void stop() throws Exception {
        remote.close();
        ServerSettings.set("weft.federation.verify_tls", "true");
    }

    @Test
    void aV1InviteToARoomOfVersion2IsCountersignedAndLeadsIntoTheRoom() {
        FakeRoom room = new FakeRoom(remote, RoomVersion.V2);
        room.serveJoins();
        room.add("m.room.name", "", room.creator(), Map.of("name", "Old room"));
        Pdu invite = room.add("m.room.member", alice.userId(), room.creator(), Map.of("membership", "invite"));
        Map<String, Object> body = new LinkedHashMap<>(invite.json());
        body.put("unsigned", Map.of("invite_room_state", room.strippedState()));

        List<?> answer = remote.signedArrayRequest(matrix, weftName, "PUT",
                "/_matrix/federation/v1/invite/" + room.roomId() + "/" + invite.eventId(), body, 200);
        assertEquals(200, ((Number) answer.get(0)).intValue());
        Map<?, ?> signed = (Map<?, ?>) ((Map<?, ?>) answer.get(1)).get("event");
        assertTrue(((Map<?, ?>) signed.get("signatures")).containsKey(weftName), "Weft countersigned: " + signed);

        assertTrue(matrix.get("/_matrix/client/v3/sync", alice.accessToken()).expect(200).text().contains("Old room"),
                "the invite shows with the room's name");
        matrix.post("/_matrix/client/v3/join/" + room.roomId(), alice.accessToken(), Map.of()).expect(200);
        assertEquals("Old room", matrix.get("/_matrix/client/v3/rooms/" + room.roomId() + "/state/m.room.name", alice.accessToken())
                .expect(200).str("name"));
    }
}
