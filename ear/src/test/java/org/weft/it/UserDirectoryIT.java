package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /user_directory/search: room mates by ID or display name, limit and limited. */
class UserDirectoryIT extends SyncSupport {

    @Test
    void findsRoomMatesOnly() {
        String tag = MatrixClient.uniqueName("dir");
        MatrixClient.Session alice = matrix.registerUnique(tag + "a");
        MatrixClient.Session bob = matrix.registerUnique(tag + "b");
        MatrixClient.Session carol = matrix.registerUnique(tag + "c");
        String roomId = createRoom(alice.accessToken(), Map.of("preset", "public_chat"));
        matrix.post("/_matrix/client/v3/rooms/" + roomId + "/join", bob.accessToken(), Map.of()).expect(200);
        matrix.put("/_matrix/client/v3/profile/" + bob.userId() + "/displayname", bob.accessToken(),
                Map.of("displayname", "Robert Tables")).expect(200);

        Resp byId = matrix.post("/_matrix/client/v3/user_directory/search", alice.accessToken(),
                Map.of("search_term", tag)).expect(200);
        List<String> found = byId.list("results").stream().map(r -> (String) ((Map<?, ?>) r).get("user_id")).toList();
        assertTrue(found.contains(bob.userId()), "" + found);
        assertTrue(!found.contains(carol.userId()), "carol shares no room with alice: " + found);

        Resp byName = matrix.post("/_matrix/client/v3/user_directory/search", alice.accessToken(),
                Map.of("search_term", "robert tab")).expect(200);
        assertEquals("Robert Tables", ((Map<?, ?>) byName.list("results").get(0)).get("display_name"));

        Resp limited = matrix.post("/_matrix/client/v3/user_directory/search", alice.accessToken(),
                Map.of("search_term", tag, "limit", 1)).expect(200);
        assertEquals(1, limited.list("results").size());
        assertEquals(true, limited.get("limited"));

        matrix.post("/_matrix/client/v3/user_directory/search", alice.accessToken(), Map.of())
                .expectError(400, "M_MISSING_PARAM");
    }
}
