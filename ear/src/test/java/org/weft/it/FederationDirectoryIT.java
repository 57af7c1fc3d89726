package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What other servers and their integrations ask of Weft's rooms and users (server-server API,
 * "Public Room Directory", "Spaces", "OpenID"), the other server played by a {@link FakeHomeserver}.
 */
class FederationDirectoryIT extends WeftIT {

    private FakeHomeserver remote;
    private String weftName;
    private MatrixClient.Session alice;

    @BeforeEach
    void start() throws Exception {
        ServerSettings.set("weft.federation.verify_tls", "false");
        remote = new FakeHomeserver();
        weftName = (String) matrix.get("/_matrix/key/v2/server", null).expect(200).json().get("server_name");
        alice = matrix.registerUnique("fedsdir");
    }

    @AfterEach
    void stop() throws Exception {
        remote.close();
        ServerSettings.set("weft.federation.verify_tls", "true");
    }

    @Test
    void thePublicRoomDirectoryIsServedToOtherServers() {
        String name = MatrixClient.uniqueName("Federated directory");
        String roomId = matrix.post("/_matrix/client/v3/createRoom", alice.accessToken(), Map.of("preset", "public_chat",
                "visibility", "public", "name", name)).expect(200).str("room_id");
        Map<?, ?> listed = remote.signedRequest(matrix, weftName, "GET", "/_matrix/federation/v1/publicRooms?limit=1000", null, 200);
        assertTrue(String.valueOf(listed.get("chunk")).contains(roomId), "GET lists the room");
        Map<?, ?> found = remote.signedRequest(matrix, weftName, "POST", "/_matrix/federation/v1/publicRooms",
                Map.of("filter", Map.of("generic_search_term", name)), 200);
        assertEquals(1, ((List<?>) found.get("chunk")).size(), "POST searches");
        Map<?, ?> spacesOnly = remote.signedRequest(matrix, weftName, "POST", "/_matrix/federation/v1/publicRooms",
                Map.of("filter", Map.of("generic_search_term", name, "room_types", List.of("m.space"))), 200);
        assertEquals(List.of(), spacesOnly.get("chunk"), "room_types filters");
        remote.signedRequest(matrix, weftName, "GET", "/_matrix/federation/v1/publicRooms?limit=nope", null, 400);
        matrix.get("/_matrix/federation/v1/publicRooms", null).expectError(401, "M_UNAUTHORIZED");
    }

    @Test
    void aSpaceIsDescribedToAnotherServerAsFarAsItMayPeekOrJoin() {
        String space = matrix.post("/_matrix/client/v3/createRoom", alice.accessToken(), Map.of("preset", "public_chat",
                "creation_content", Map.of("type", "m.space"))).expect(200).str("room_id");
        String open = matrix.post("/_matrix/client/v3/createRoom", alice.accessToken(), Map.of("preset", "public_chat"))
                .expect(200).str("room_id");
        String closed = matrix.post("/_matrix/client/v3/createRoom", alice.accessToken(), Map.of("preset", "private_chat"))
                .expect(200).str("room_id");
        for (String child : List.of(open, closed)) {
            matrix.put("/_matrix/client/v3/rooms/" + space + "/state/m.space.child/" + child, alice.accessToken(),
                    Map.of("via", List.of(weftName))).expect(200);
        }
        Map<?, ?> answer = remote.signedRequest(matrix, weftName, "GET", "/_matrix/federation/v1/hierarchy/" + space, null, 200);
        assertEquals(space, ((Map<?, ?>) answer.get("room")).get("room_id"));
        assertEquals(2, ((List<?>) ((Map<?, ?>) answer.get("room")).get("children_state")).size());
        assertEquals(List.of(open), ((List<?>) answer.get("children")).stream().map(c -> ((Map<?, ?>) c).get("room_id")).toList());
        assertEquals(List.of(closed), answer.get("inaccessible_children"));

        Map<?, ?> refused = remote.signedRequest(matrix, weftName, "GET", "/_matrix/federation/v1/hierarchy/" + closed, null, 404);
        assertEquals("M_NOT_FOUND", refused.get("errcode"), "a private room the server has no member in is not described");
    }

    @Test
    void anOpenIdTokenTellsAThirdPartyWhoTheUserIs() {
        Resp token = matrix.post("/_matrix/client/v3/user/" + alice.userId() + "/openid/request_token", alice.accessToken(),
                Map.of()).expect(200);
        assertEquals("Bearer", token.str("token_type"));
        assertEquals(weftName, token.str("matrix_server_name"));
        assertTrue(((Number) token.get("expires_in")).longValue() > 0);
        assertEquals(alice.userId(), matrix.get("/_matrix/federation/v1/openid/userinfo?access_token="
                + token.str("access_token"), null).expect(200).str("sub"));

        matrix.get("/_matrix/federation/v1/openid/userinfo?access_token=nope", null).expectError(401, "M_UNKNOWN_TOKEN");
        matrix.get("/_matrix/federation/v1/openid/userinfo?access_token=" + alice.accessToken(), null)
                .expectError(401, "M_UNKNOWN_TOKEN");
        matrix.get("/_matrix/federation/v1/openid/userinfo", null).expectError(401, "M_MISSING_TOKEN");
        MatrixClient.Session mallory = matrix.registerUnique("mallory");
        matrix.post("/_matrix/client/v3/user/" + alice.userId() + "/openid/request_token", mallory.accessToken(), Map.of())
                .expectError(403, "M_FORBIDDEN");
    }
}
