package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Push rules at work (client-server API, "Push Notifications"): unread counts in /sync from each
 * member's own rules, reset by read receipts, per thread when asked; GET /notifications.
 */
class PushNotificationsIT extends SyncSupport {

    private record Room(String id, MatrixClient.Session alice, MatrixClient.Session bob, MatrixClient.Session carol) {
    }

    private Room threeMembers() {
        MatrixClient.Session alice = matrix.registerUnique("pusha");
        MatrixClient.Session bob = matrix.registerUnique("pushb");
        MatrixClient.Session carol = matrix.registerUnique("pushc");
        String roomId = createRoom(alice.accessToken(), Map.of("preset", "public_chat"));
        matrix.post("/_matrix/client/v3/rooms/" + roomId + "/join", bob.accessToken(), Map.of()).expect(200);
        matrix.post("/_matrix/client/v3/rooms/" + roomId + "/join", carol.accessToken(), Map.of()).expect(200);
        return new Room(roomId, alice, bob, carol);
    }

    @Test
    void countsFollowEachMembersRulesAndReceiptsResetThem() {
        Room room = threeMembers();
        send(room.alice().accessToken(), room.id(), "hello all");
        String mention = matrix.put("/_matrix/client/v3/rooms/" + room.id() + "/send/m.room.message/" + MatrixClient.uniqueName("t"),
                room.alice().accessToken(), Map.of("msgtype", "m.text", "body", "bob, look",
                        "m.mentions", Map.of("user_ids", List.of(room.bob().userId())))).expect(200).str("event_id");
        matrix.put("/_matrix/client/v3/rooms/" + room.id() + "/send/m.room.message/" + MatrixClient.uniqueName("t"),
                room.alice().accessToken(), Map.of("msgtype", "m.notice", "body", "a bot speaks")).expect(200);

        assertEquals(List.of(2, 1), counts(room.bob(), room.id()));
        assertEquals(List.of(2, 0), counts(room.carol(), room.id()));
        assertEquals(List.of(0, 0), counts(room.alice(), room.id()),
                "own messages never count");

        // A read receipt on the mention covers it and everything before.
        matrix.post("/_matrix/client/v3/rooms/" + room.id() + "/receipt/m.read/" + mention, room.bob().accessToken(),
                Map.of()).expect(200);
        assertEquals(List.of(0, 0), counts(room.bob(), room.id()));
        assertEquals(2, counts(room.carol(), room.id()).get(0));

        // A room rule with no actions mutes the room for carol alone.
        matrix.put("/_matrix/client/v3/pushrules/global/room/" + room.id(), room.carol().accessToken(),
                Map.of("actions", List.of())).expect(200);
        send(room.alice().accessToken(), room.id(), "carol will not hear this");
        assertEquals(2, counts(room.carol(), room.id()).get(0));
        assertEquals(1, counts(room.bob(), room.id()).get(0));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aProfileChangeKeepsCountsAndAnInviteeSeesOnlyTheInvite() {
        Room room = threeMembers();
        send(room.alice().accessToken(), room.id(), "before the rename");
        // A display name change is a new join event of bob's in the room: his counts must survive it.
        matrix.put("/_matrix/client/v3/profile/" + room.bob().userId() + "/displayname", room.bob().accessToken(),
                Map.of("displayname", "Robert")).expect(200);
        assertEquals(List.of(1, 0), counts(room.bob(), room.id()));

        MatrixClient.Session dave = matrix.registerUnique("pushd");
        matrix.post("/_matrix/client/v3/rooms/" + room.id() + "/invite", room.alice().accessToken(),
                Map.of("user_id", dave.userId())).expect(200);
        send(room.alice().accessToken(), room.id(), "not for the invitee's eyes");
        List<Map<String, Object>> daves = (List<Map<String, Object>>) matrix.get("/_matrix/client/v3/notifications",
                dave.accessToken()).expect(200).get("notifications");
        assertEquals(List.of("m.room.member"), daves.stream().map(n -> ((Map<?, ?>) n.get("event")).get("type")).toList(),
                "the invite, and none of the room's messages");
    }

    @Test
    void threadsAreCountedApartWhenTheFilterAsks() {
        Room room = threeMembers();
        String root = send(room.alice().accessToken(), room.id(), "thread root");
        matrix.post("/_matrix/client/v3/rooms/" + room.id() + "/receipt/m.read/" + root, room.bob().accessToken(),
                Map.of()).expect(200);
        matrix.put("/_matrix/client/v3/rooms/" + room.id() + "/send/m.room.message/" + MatrixClient.uniqueName("t"),
                room.alice().accessToken(), Map.of("msgtype", "m.text", "body", "in the thread",
                        "m.relates_to", Map.of("rel_type", "m.thread", "event_id", root))).expect(200);

        assertEquals(List.of(1, 0), counts(room.bob(), room.id()));
        Map<String, Object> threaded = section(sync(room.bob().accessToken(), null,
                filter("{\"room\":{\"timeline\":{\"unread_thread_notifications\":true}}}")).expect(200), "join", room.id());
        assertEquals(List.of(0, 0), pair(threaded.get("unread_notifications")));
        Map<?, ?> threads = (Map<?, ?>) threaded.get("unread_thread_notifications");
        assertEquals(List.of(root), List.copyOf(threads.keySet()));
        assertEquals(List.of(1, 0), pair(threads.get(root)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void notificationsAreListedNewestFirstWithTheirActionsAndReadState() {
        Room room = threeMembers();
        String first = send(room.alice().accessToken(), room.id(), "one");
        matrix.post("/_matrix/client/v3/rooms/" + room.id() + "/receipt/m.read/" + first, room.bob().accessToken(),
                Map.of()).expect(200);
        String second = matrix.put("/_matrix/client/v3/rooms/" + room.id() + "/send/m.room.message/" + MatrixClient.uniqueName("t"),
                room.alice().accessToken(), Map.of("msgtype", "m.text", "body", "two",
                        "m.mentions", Map.of("user_ids", List.of(room.bob().userId())))).expect(200).str("event_id");

        String bob = room.bob().accessToken();
        List<Map<String, Object>> all = (List<Map<String, Object>>) matrix.get("/_matrix/client/v3/notifications", bob)
                .expect(200).get("notifications");
        assertEquals(List.of(second, first), all.stream().map(n -> ((Map<?, ?>) n.get("event")).get("event_id")).toList());
        assertEquals(false, all.get(0).get("read"));
        assertEquals(true, all.get(1).get("read"));
        assertEquals(room.id(), all.get(0).get("room_id"));
        assertTrue(((List<?>) all.get(0).get("actions")).contains("notify"));
        assertTrue(all.get(0).get("ts") instanceof Number);

        Resp page = matrix.get("/_matrix/client/v3/notifications?limit=1", bob).expect(200);
        assertEquals(1, page.list("notifications").size());
        Resp rest = matrix.get("/_matrix/client/v3/notifications?limit=1&from=" + page.str("next_token"), bob).expect(200);
        assertEquals(first, ((Map<?, ?>) ((Map<?, ?>) rest.list("notifications").get(0)).get("event")).get("event_id"));

        List<Object> highlights = matrix.get("/_matrix/client/v3/notifications?only=highlight", bob).expect(200)
                .list("notifications");
        assertEquals(1, highlights.size());
        assertFalse(matrix.get("/_matrix/client/v3/notifications", room.alice().accessToken()).expect(200)
                .list("notifications").stream().anyMatch(n -> first.equals(((Map<?, ?>) ((Map<?, ?>) n).get("event")).get("event_id"))));
        assertNull(matrix.get("/_matrix/client/v3/notifications?limit=50", room.carol().accessToken()).expect(200)
                .get("next_token"));
        matrix.get("/_matrix/client/v3/notifications?from=nonsense", bob).expectError(400, "M_INVALID_PARAM");
        matrix.get("/_matrix/client/v3/notifications?limit=0", bob).expectError(400, "M_INVALID_PARAM");
        matrix.get("/_matrix/client/v3/notifications", null).expectError(401, "M_MISSING_TOKEN");
    }

    @Test
    void nothingAnIgnoredUserSendsNotifies() {
        Room room = threeMembers();
        matrix.put("/_matrix/client/v3/user/" + room.carol().userId() + "/account_data/m.ignored_user_list",
                room.carol().accessToken(), Map.of("ignored_users", Map.of(room.alice().userId(), Map.of()))).expect(200);
        matrix.put("/_matrix/client/v3/rooms/" + room.id() + "/send/m.room.message/" + MatrixClient.uniqueName("t"),
                room.alice().accessToken(), Map.of("msgtype", "m.text", "body", "carol, look",
                        "m.mentions", Map.of("user_ids", List.of(room.carol().userId())))).expect(200);
        send(room.bob().accessToken(), room.id(), "bob speaks");
        assertEquals(List.of(1, 0), counts(room.carol(), room.id()), "only bob's message counts for carol");
        assertEquals(List.of(1, 0), counts(room.bob(), room.id()), "bob ignores nobody: alice's message counts");
        // Not ignored any more: alice's next message counts again.
        matrix.put("/_matrix/client/v3/user/" + room.carol().userId() + "/account_data/m.ignored_user_list",
                room.carol().accessToken(), Map.of("ignored_users", Map.of())).expect(200);
        send(room.alice().accessToken(), room.id(), "heard again");
        assertEquals(2, counts(room.carol(), room.id()).get(0));
    }

    /** [notification_count, highlight_count] of the room in a fresh sync. */
    private List<Integer> counts(MatrixClient.Session user, String roomId) {
        return pair(section(sync(user.accessToken(), null, null).expect(200), "join", roomId).get("unread_notifications"));
    }

    private static List<Integer> pair(Object counts) {
        Map<?, ?> map = (Map<?, ?>) counts;
        return List.of(((Number) map.get("notification_count")).intValue(), ((Number) map.get("highlight_count")).intValue());
    }
}
