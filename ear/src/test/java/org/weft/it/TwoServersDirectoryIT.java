package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A user of one Weft browsing the rooms and users of another ({@link TwoServers}): its public room
 * directory ({@code /publicRooms?server=}), a space it holds ({@code /hierarchy}, asked of it over
 * federation because B holds none of those rooms), and its users' profiles.
 */
@ExtendWith(TwoServers.class)
class TwoServersDirectoryIT {

    private static MatrixClient a;
    private static MatrixClient b;

    @BeforeAll
    static void clients() {
        a = new MatrixClient(TwoServers.a().clientUrl());
        b = new MatrixClient(TwoServers.b().clientUrl());
    }

    @Test
    void aUserOfBSeesThePublicRoomsOfA() {
        MatrixClient.Session alice = a.registerUnique("alice");
        MatrixClient.Session bob = b.registerUnique("bob");
        String name = MatrixClient.uniqueName("Listed on A");
        String roomId = a.post("/_matrix/client/v3/createRoom", alice.accessToken(), Map.of("preset", "public_chat",
                "visibility", "public", "name", name)).expect(200).str("room_id");
        String serverA = URLEncoder.encode(TwoServers.a().serverName(), StandardCharsets.UTF_8);
        assertTrue(b.get("/_matrix/client/v3/publicRooms?limit=1000&server=" + serverA, bob.accessToken()).expect(200)
                .text().contains(roomId), "GET with server= asks A");
        Resp found = b.post("/_matrix/client/v3/publicRooms?server=" + serverA, bob.accessToken(),
                Map.of("filter", Map.of("generic_search_term", name))).expect(200);
        assertEquals(List.of(roomId), found.list("chunk").stream().map(r -> ((Map<?, ?>) r).get("room_id")).toList());
        assertEquals(List.of(), b.post("/_matrix/client/v3/publicRooms", bob.accessToken(),
                Map.of("filter", Map.of("generic_search_term", name))).expect(200).list("chunk"), "B's own directory has it not");
    }

    @Test
    void aUserOfBReadsTheProfileOfAUserOfA() {
        MatrixClient.Session alice = a.registerUnique("alice");
        MatrixClient.Session bob = b.registerUnique("bob");
        a.put("/_matrix/client/v3/profile/" + alice.userId() + "/displayname", alice.accessToken(),
                Map.of("displayname", "Alice of A")).expect(200);
        assertEquals("Alice of A", b.get("/_matrix/client/v3/profile/" + alice.userId(), bob.accessToken()).expect(200)
                .str("displayname"));
        assertEquals("Alice of A", b.get("/_matrix/client/v3/profile/" + alice.userId() + "/displayname", bob.accessToken())
                .expect(200).str("displayname"));
        b.get("/_matrix/client/v3/profile/@nobody:" + TwoServers.a().serverName(), bob.accessToken())
                .expectError(404, "M_NOT_FOUND");
    }

    @Test
    void aUserOfBWalksASpaceHeldByA() {
        MatrixClient.Session alice = a.registerUnique("alice");
        MatrixClient.Session bob = b.registerUnique("bob");
        String space = a.post("/_matrix/client/v3/createRoom", alice.accessToken(), Map.of("preset", "public_chat",
                "creation_content", Map.of("type", "m.space"))).expect(200).str("room_id");
        String open = a.post("/_matrix/client/v3/createRoom", alice.accessToken(), Map.of("preset", "public_chat"))
                .expect(200).str("room_id");
        String closed = a.post("/_matrix/client/v3/createRoom", alice.accessToken(), Map.of("preset", "private_chat"))
                .expect(200).str("room_id");
        for (String child : List.of(open, closed)) {
            a.put("/_matrix/client/v3/rooms/" + space + "/state/m.space.child/" + child, alice.accessToken(),
                    Map.of("via", List.of(TwoServers.a().serverName()))).expect(200);
        }
        Resp walk = b.get("/_matrix/client/v1/rooms/" + space + "/hierarchy", bob.accessToken()).expect(200);
        assertEquals(List.of(space, open), walk.list("rooms").stream().map(r -> ((Map<?, ?>) r).get("room_id")).toList(),
                "the space and the room bob could join, not the private one");
    }
}
