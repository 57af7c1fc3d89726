package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Profiles: reading, changing, and the member events a change sends into the user's rooms. */
class ProfileIT extends SyncSupport {

    @Test
    void aNewUserShowsTheLocalpartAndJoinsWithIt() {
        MatrixClient.Session alice = matrix.registerUnique("prof");
        String localpart = alice.userId().substring(1, alice.userId().indexOf(':'));
        assertEquals(Map.of("displayname", localpart),
                matrix.get("/_matrix/client/v3/profile/" + alice.userId(), null).expect(200).json());
        String roomId = createRoom(alice.accessToken(), Map.of());
        Map<?, ?> member = matrix.get("/_matrix/client/v3/rooms/" + roomId + "/state/m.room.member/" + alice.userId(),
                alice.accessToken()).expect(200).json();
        assertEquals(localpart, member.get("displayname"));
    }

    @Test
    void aChangeIsSentIntoEveryJoinedRoomAndSyncShowsIt() {
        MatrixClient.Session alice = matrix.registerUnique("rename");
        String first = createRoom(alice.accessToken(), Map.of());
        String second = createRoom(alice.accessToken(), Map.of());
        String since = sync(alice.accessToken(), null, null).expect(200).str("next_batch");
        String base = "/_matrix/client/v3/profile/" + alice.userId();

        matrix.put(base + "/displayname", alice.accessToken(), Map.of("displayname", "Alice A.")).expect(200);
        matrix.put(base + "/avatar_url", alice.accessToken(), Map.of("avatar_url", "mxc://localhost/abc")).expect(200);
        assertEquals(Map.of("displayname", "Alice A."), matrix.get(base + "/displayname", null).expect(200).json());
        assertEquals(Map.of("displayname", "Alice A.", "avatar_url", "mxc://localhost/abc"),
                matrix.get(base, null).expect(200).json());

        Resp sync = sync(alice.accessToken(), since, null).expect(200);
        for (String roomId : List.of(first, second)) {
            List<Map<String, Object>> timeline = events(section(sync, "join", roomId), "timeline");
            Map<?, ?> last = (Map<?, ?>) timeline.get(timeline.size() - 1).get("content");
            assertEquals("join", last.get("membership"));
            assertEquals("Alice A.", last.get("displayname"));
            assertEquals("mxc://localhost/abc", last.get("avatar_url"));
        }
    }

    @Test
    void profilesRefuseOthersAndNonsense() {
        MatrixClient.Session alice = matrix.registerUnique("pa");
        MatrixClient.Session bob = matrix.registerUnique("pb");
        String base = "/_matrix/client/v3/profile/" + alice.userId();
        matrix.put(base + "/displayname", bob.accessToken(), Map.of("displayname", "x")).expectError(403, "M_FORBIDDEN");
        matrix.put(base + "/displayname", null, Map.of("displayname", "x")).expectError(401, "M_MISSING_TOKEN");
        matrix.put(base + "/displayname", alice.accessToken(), Map.of("displayname", 5)).expectError(400, "M_BAD_JSON");
        matrix.put(base + "/avatar_url", alice.accessToken(), Map.of("avatar_url", "http://x/y"))
                .expectError(400, "M_INVALID_PARAM");
        matrix.put(base + "/displayname", alice.accessToken(), Map.of("displayname", "y".repeat(2000)))
                .expectError(400, "M_INVALID_PARAM");
        matrix.get(base + "/avatar_url", null).expectError(404, "M_NOT_FOUND");
        String us = (String) matrix.get("/_matrix/key/v2/server", null).expect(200).json().get("server_name");
        matrix.get("/_matrix/client/v3/profile/@nobody-here:" + us, null).expectError(404, "M_NOT_FOUND");
        matrix.get("/_matrix/client/v3/profile/nobody", null).expectError(400, "M_INVALID_PARAM");
        matrix.get(base + "/shoe_size", null).expectError(404, "M_NOT_FOUND");
        assertTrue(matrix.get(base, null).expect(200).json().containsKey("displayname"));
    }
}
