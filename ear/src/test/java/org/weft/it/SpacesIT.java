package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Space hierarchies (client-server API, "Spaces", {@code GET /rooms/{roomId}/hierarchy}; server-server
 * API, {@code GET /hierarchy/{roomId}}): a space with public, private and nested children, walked
 * depth-first in the spec's order as each user may see it, paged, and answered to another server.
 */
class SpacesIT extends WeftIT {

    private String server;
    private MatrixClient.Session owner;
    private MatrixClient.Session visitor;
    private String space;
    private String general;
    private String secret;
    private String subspace;
    private String nested;

    /**
     * space: general (order "a", suggested), secret (private, order "b"), subspace (order "c") holding nested.
     */
    @BeforeEach
    void buildASpace() {
        server = (String) matrix.get("/_matrix/key/v2/server", null).expect(200).json().get("server_name");
        owner = matrix.registerUnique("spaceowner");
        visitor = matrix.registerUnique("spacevisitor");
        space = room("public_chat", true);
        general = room("public_chat", false);
        secret = room("private_chat", false);
        subspace = room("public_chat", true);
        nested = room("public_chat", false);
        child(space, secret, "b", false);
        child(space, general, "a", true);
        child(space, subspace, "c", false);
        child(subspace, nested, null, false);
    }

    @Test
    void theTreeIsWalkedDepthFirstInTheSpecsOrderAsEachUserMaySeeIt() {
        assertEquals(List.of(space, general, secret, subspace, nested), roomIds(owner, space, ""), "the owner sees everything");
        assertEquals(List.of(space, general, subspace, nested), roomIds(visitor, space, ""), "a private room is hidden from others");

        Map<?, ?> first = (Map<?, ?>) hierarchy(owner, space, "").expect(200).list("rooms").get(0);
        assertEquals("m.space", first.get("room_type"));
        assertEquals(3, ((List<?>) first.get("children_state")).size());
        assertEquals(List.of(space, general), roomIds(visitor, space, "&suggested_only=true"));
        assertEquals(List.of(space, general, secret, subspace), roomIds(owner, space, "&max_depth=1"));
    }

    @Test
    void pagesFollowOneAnotherAndAPageTokenKeepsItsWalksParameters() {
        Resp page = hierarchy(owner, space, "&limit=2").expect(200);
        List<Object> all = new ArrayList<>(ids(page));
        while (page.json().containsKey("next_batch")) {
            page = hierarchy(owner, space, "&limit=2&from=" + page.str("next_batch")).expect(200);
            all.addAll(ids(page));
        }
        assertEquals(List.of(space, general, secret, subspace, nested), all);

        String token = hierarchy(owner, space, "&limit=2").expect(200).str("next_batch");
        hierarchy(owner, space, "&limit=2&max_depth=1&from=" + token).expectError(400, "M_INVALID_PARAM");
        hierarchy(owner, space, "&from=nonsense").expectError(400, "M_INVALID_PARAM");
        hierarchy(owner, space, "&limit=0").expectError(400, "M_INVALID_PARAM");
        hierarchy(owner, space, "&max_depth=-1").expectError(400, "M_INVALID_PARAM");
        hierarchy(owner, space, "&suggested_only=maybe").expectError(400, "M_INVALID_PARAM");
    }

    @Test
    void aRoomTheUserMayNotSeeIs403() {
        hierarchy(visitor, secret, "").expectError(403, "M_FORBIDDEN");
        hierarchy(visitor, "!unknown:" + server, "").expectError(403, "M_FORBIDDEN");
    }

    private String room(String preset, boolean isSpace) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("preset", preset);
        if (isSpace) {
            body.put("creation_content", Map.of("type", "m.space"));
        }
        return matrix.post("/_matrix/client/v3/createRoom", owner.accessToken(), body).expect(200).str("room_id");
    }

    private void child(String parent, String child, String order, boolean suggested) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("via", List.of(server));
        if (order != null) {
            content.put("order", order);
        }
        if (suggested) {
            content.put("suggested", true);
        }
        matrix.put("/_matrix/client/v3/rooms/" + parent + "/state/m.space.child/" + child, owner.accessToken(), content)
                .expect(200);
    }

    private Resp hierarchy(MatrixClient.Session user, String roomId, String query) {
        return matrix.get("/_matrix/client/v1/rooms/" + roomId + "/hierarchy?" + query.replaceFirst("^&", ""),
                user.accessToken());
    }

    private List<Object> roomIds(MatrixClient.Session user, String roomId, String query) {
        Resp answer = hierarchy(user, roomId, query).expect(200);
        assertFalse(answer.json().containsKey("next_batch"), "one page holds it all");
        return ids(answer);
    }

    private static List<Object> ids(Resp page) {
        return page.list("rooms").stream().map(r -> ((Map<?, ?>) r).get("room_id")).map(o -> (Object) o).toList();
    }
}
