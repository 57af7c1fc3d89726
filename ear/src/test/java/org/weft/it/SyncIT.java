package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** GET /sync: initial and incremental, limited timelines, memberships, long-polling, filters. */
class SyncIT extends SyncSupport {

    @Test
    void initialSyncHasTheTimelineAndTheStateBeforeIt() {
        MatrixClient.Session alice = matrix.registerUnique("sync");
        String roomId = createRoom(alice.accessToken(), Map.of("name", "Garden"));
        send(alice.accessToken(), roomId, "one");
        send(alice.accessToken(), roomId, "two");
        send(alice.accessToken(), roomId, "three");

        Resp sync = sync(alice.accessToken(), null, filter("{\"room\":{\"timeline\":{\"limit\":2}}}")).expect(200);
        assertNotNull(sync.str("next_batch"));
        assertEquals(List.of("two", "three"), bodies(sync, roomId));
        Map<String, Object> timeline = timeline(sync, roomId);
        assertEquals(true, timeline.get("limited"));
        List<String> stateTypes = types(events(section(sync, "join", roomId), "state"));
        assertTrue(stateTypes.containsAll(List.of("m.room.create", "m.room.name", "m.room.member", "m.room.power_levels")),
                "state before the timeline: " + stateTypes);

        // prev_batch continues backwards with /messages exactly where the timeline starts.
        Resp older = matrix.get("/_matrix/client/v3/rooms/" + roomId + "/messages?dir=b&limit=1&from="
                + timeline.get("prev_batch"), alice.accessToken()).expect(200);
        assertEquals("one", ((Map<?, ?>) ((Map<?, ?>) older.list("chunk").get(0)).get("content")).get("body"));

        Map<?, ?> summary = (Map<?, ?>) section(sync, "join", roomId).get("summary");
        assertEquals(1, ((Number) summary.get("m.joined_member_count")).intValue());
    }

    @Test
    void incrementalSyncReturnsOnlyWhatChangedAndMarksGapsLimited() {
        MatrixClient.Session alice = matrix.registerUnique("incr");
        String roomId = createRoom(alice.accessToken(), Map.of());
        String since = sync(alice.accessToken(), null, null).expect(200).str("next_batch");

        Resp nothing = sync(alice.accessToken(), since, null).expect(200);
        assertNull(section(nothing, "join", roomId), "no change, no room section");

        send(alice.accessToken(), roomId, "new");
        Resp one = sync(alice.accessToken(), since, null).expect(200);
        assertEquals(List.of("new"), bodies(one, roomId));
        assertEquals(false, timeline(one, roomId).get("limited"));
        assertTrue(events(section(one, "join", roomId), "state").isEmpty(), "no state change");

        since = one.str("next_batch");
        matrix.put("/_matrix/client/v3/rooms/" + roomId + "/state/m.room.topic", alice.accessToken(),
                Map.of("topic", "changed")).expect(200);
        for (int i = 1; i <= 4; i++) {
            send(alice.accessToken(), roomId, "gap " + i);
        }
        Resp gap = sync(alice.accessToken(), since, filter("{\"room\":{\"timeline\":{\"limit\":2}}}")).expect(200);
        assertEquals(List.of("gap 3", "gap 4"), bodies(gap, roomId));
        assertEquals(true, timeline(gap, roomId).get("limited"));
        assertEquals(List.of("m.room.topic"), types(events(section(gap, "join", roomId), "state")),
                "the skipped topic change arrives as state");
    }

    @Test
    void invitesJoinsAndLeavesMoveRoomsBetweenSections() {
        MatrixClient.Session alice = matrix.registerUnique("host");
        MatrixClient.Session bob = matrix.registerUnique("guest");
        String roomId = createRoom(alice.accessToken(), Map.of("name", "Invite only"));
        String since = sync(bob.accessToken(), null, null).expect(200).str("next_batch");

        matrix.post("/_matrix/client/v3/rooms/" + roomId + "/invite", alice.accessToken(), Map.of("user_id", bob.userId()))
                .expect(200);
        Resp invited = sync(bob.accessToken(), since, null).expect(200);
        List<Map<String, Object>> inviteState = events(section(invited, "invite", roomId), "invite_state");
        assertTrue(types(inviteState).containsAll(List.of("m.room.name", "m.room.member", "m.room.create")), "" + inviteState);

        matrix.post("/_matrix/client/v3/rooms/" + roomId + "/join", bob.accessToken(), Map.of()).expect(200);
        Resp joined = sync(bob.accessToken(), invited.str("next_batch"), null).expect(200);
        assertNotNull(section(joined, "join", roomId));
        List<String> known = new java.util.ArrayList<>(types(events(section(joined, "join", roomId), "state")));
        known.addAll(types(events(section(joined, "join", roomId), "timeline")));
        assertTrue(known.containsAll(List.of("m.room.create", "m.room.name")),
                "a room joined since the token comes whole, from its creation: " + known);

        matrix.post("/_matrix/client/v3/rooms/" + roomId + "/leave", bob.accessToken(), Map.of()).expect(200);
        Resp left = sync(bob.accessToken(), joined.str("next_batch"), null).expect(200);
        assertNotNull(section(left, "leave", roomId));
        assertNull(section(left, "join", roomId));
        assertNull(section(sync(bob.accessToken(), null, null).expect(200), "leave", roomId),
                "an initial sync lists left rooms only with include_leave");
        assertNotNull(section(sync(bob.accessToken(), null, filter("{\"room\":{\"include_leave\":true}}")).expect(200),
                "leave", roomId));
    }

    @Test
    void aWaitingSyncReturnsWhenAMessageArrives() throws Exception {
        MatrixClient.Session alice = matrix.registerUnique("wait");
        MatrixClient.Session bob = matrix.registerUnique("waker");
        String roomId = createRoom(alice.accessToken(), Map.of("preset", "public_chat"));
        matrix.post("/_matrix/client/v3/rooms/" + roomId + "/join", bob.accessToken(), Map.of()).expect(200);
        String since = sync(alice.accessToken(), null, null).expect(200).str("next_batch");

        CompletableFuture<Resp> waiting = waitingSync(alice.accessToken(), since, 25_000);
        send(bob.accessToken(), roomId, "wake up");
        // Answered by the message, not by its 25 s timeout.
        Resp woke = waiting.get(20, TimeUnit.SECONDS).expect(200);
        assertEquals(List.of("wake up"), bodies(woke, roomId));
    }

    @Test
    void aWaitingSyncWithNothingToReportTimesOutWithAFreshToken() {
        MatrixClient.Session alice = matrix.registerUnique("quiet");
        String since = sync(alice.accessToken(), null, null).expect(200).str("next_batch");
        Resp quiet = matrix.get("/_matrix/client/v3/sync?timeout=300&since=" + since, alice.accessToken()).expect(200);
        assertTrue(((Map<?, ?>) ((Map<?, ?>) quiet.get("rooms")).get("join")).isEmpty());
        assertNotNull(quiet.str("next_batch"));
    }

    @Test
    void storedFiltersRoundTripAndApply() {
        MatrixClient.Session alice = matrix.registerUnique("filter");
        MatrixClient.Session bob = matrix.registerUnique("nosy");
        Map<String, Object> definition = Map.of("room", Map.of("timeline", Map.of("limit", 1)));
        String filterId = matrix.post("/_matrix/client/v3/user/" + alice.userId() + "/filter", alice.accessToken(),
                definition).expect(200).str("filter_id");
        assertEquals(definition.toString(), matrix.get("/_matrix/client/v3/user/" + alice.userId() + "/filter/" + filterId,
                alice.accessToken()).expect(200).json().toString());
        matrix.get("/_matrix/client/v3/user/" + alice.userId() + "/filter/" + filterId, bob.accessToken())
                .expectError(403, "M_FORBIDDEN");
        matrix.get("/_matrix/client/v3/user/" + alice.userId() + "/filter/nope", alice.accessToken())
                .expectError(404, "M_NOT_FOUND");
        matrix.post("/_matrix/client/v3/user/" + bob.userId() + "/filter", alice.accessToken(), definition)
                .expectError(403, "M_FORBIDDEN");

        String roomId = createRoom(alice.accessToken(), Map.of());
        send(alice.accessToken(), roomId, "a");
        send(alice.accessToken(), roomId, "b");
        assertEquals(List.of("b"), bodies(sync(alice.accessToken(), null, "filter=" + filterId).expect(200), roomId));
    }

    @Test
    @SuppressWarnings("unchecked")
    void stateFiltersEventFieldsAndEventFormatShapeRoomEvents() {
        MatrixClient.Session alice = matrix.registerUnique("shape");
        String roomId = createRoom(alice.accessToken(), Map.of("preset", "private_chat", "name", "Shapes"));
        send(alice.accessToken(), roomId, "shaped");

        Resp stateFiltered = sync(alice.accessToken(), null, filter("{\"room\":{\"timeline\":{\"limit\":1},"
                + "\"state\":{\"types\":[\"m.room.n*\"]}}}")).expect(200);
        List<Object> state = (List<Object>) ((Map<String, Object>) section(stateFiltered, "join", roomId).get("state"))
                .get("events");
        assertEquals(List.of("m.room.name"), state.stream().map(e -> ((Map<String, Object>) e).get("type")).toList());

        Resp fields = sync(alice.accessToken(), null, filter("{\"event_fields\":[\"type\",\"content.body\"],"
                + "\"room\":{\"timeline\":{\"limit\":1}}}")).expect(200);
        assertEquals(List.of(Map.of("type", "m.room.message", "content", Map.of("body", "shaped"))),
                timeline(fields, roomId).get("events"));

        Resp federation = sync(alice.accessToken(), null, filter("{\"event_format\":\"federation\","
                + "\"room\":{\"timeline\":{\"limit\":1}}}")).expect(200);
        Map<String, Object> pdu = (Map<String, Object>) ((List<Object>) timeline(federation, roomId).get("events")).get(0);
        assertTrue(pdu.keySet().containsAll(List.of("auth_events", "prev_events", "depth", "hashes", "signatures")),
                "the event as federation sees it: " + pdu.keySet());
        assertEquals("shaped", ((Map<String, Object>) pdu.get("content")).get("body"));

        matrix.post("/_matrix/client/v3/user/" + alice.userId() + "/filter", alice.accessToken(),
                Map.of("event_format", "xml")).expectError(400, "M_BAD_JSON");
    }

    @Test
    void badSyncRequestsGetMatrixErrors() {
        MatrixClient.Session alice = matrix.registerUnique("badsync");
        sync(alice.accessToken(), "garbage", null).expectError(400, "M_INVALID_PARAM");
        sync(alice.accessToken(), null, "filter=unknownfilter").expectError(400, "M_INVALID_PARAM");
        sync(alice.accessToken(), null, "filter=%7Bnot%20json").expectError(400, "M_INVALID_PARAM");
        sync(alice.accessToken(), null, "set_presence=busy").expectError(400, "M_INVALID_PARAM");
        matrix.get("/_matrix/client/v3/sync?timeout=soon", alice.accessToken()).expectError(400, "M_INVALID_PARAM");
        matrix.get("/_matrix/client/v3/sync", null).expectError(401, "M_MISSING_TOKEN");
        assertFalse(sync(alice.accessToken(), null, null).expect(200).json().containsKey("errcode"));
    }

    @Test
    void ignoredUsersMessagesAndInvitesAreNotSentButTheirStateIs() throws Exception {
        MatrixClient.Session alice = matrix.registerUnique("ignorer");
        MatrixClient.Session bob = matrix.registerUnique("ignored");
        MatrixClient.Session carol = matrix.registerUnique("heard");
        String roomId = createRoom(alice.accessToken(), Map.of("preset", "public_chat"));
        matrix.post("/_matrix/client/v3/rooms/" + roomId + "/join", bob.accessToken(), Map.of()).expect(200);
        matrix.post("/_matrix/client/v3/rooms/" + roomId + "/join", carol.accessToken(), Map.of()).expect(200);
        String ignoreList = "/_matrix/client/v3/user/" + alice.userId() + "/account_data/m.ignored_user_list";
        matrix.put(ignoreList, alice.accessToken(), Map.of("ignored_users", Map.of(bob.userId(), Map.of()))).expect(200);
        String since = sync(alice.accessToken(), null, null).expect(200).str("next_batch");

        // A waiting sync: bob's message does not answer it, carol's does.
        CompletableFuture<Resp> waiting = waitingSync(alice.accessToken(), since, 25_000);
        send(bob.accessToken(), roomId, "from bob");
        send(carol.accessToken(), roomId, "from carol");
        assertEquals(List.of("from carol"), bodies(waiting.get(20, TimeUnit.SECONDS).expect(200), roomId));
        assertFalse(bodies(sync(alice.accessToken(), null, null).expect(200), roomId).contains("from bob"));
        assertEquals(List.of("from carol"), matrix.get("/_matrix/client/v3/rooms/" + roomId + "/messages?dir=b&limit=50",
                alice.accessToken()).expect(200).messageBodies("chunk"));

        // Bob's state events still reach alice; his invites do not.
        String beforeInvite = sync(alice.accessToken(), null, null).expect(200).str("next_batch");
        String bobsRoom = createRoom(bob.accessToken(), Map.of("preset", "private_chat"));
        matrix.post("/_matrix/client/v3/rooms/" + bobsRoom + "/invite", bob.accessToken(),
                Map.of("user_id", alice.userId())).expect(200);
        matrix.put("/_matrix/client/v3/rooms/" + roomId + "/state/m.room.member/" + bob.userId(), bob.accessToken(),
                Map.of("membership", "join", "displayname", "Bob Renamed")).expect(200);
        send(carol.accessToken(), roomId, "after the invite");
        Resp after = sync(alice.accessToken(), beforeInvite, null).expect(200);
        assertEquals(List.of("after the invite"), bodies(after, roomId));
        assertTrue(types(events(section(after, "join", roomId), "timeline")).contains("m.room.member"),
                "bob's state event is sent: " + after.text());
        assertFalse(((Map<?, ?>) ((Map<?, ?>) after.get("rooms")).get("invite")).containsKey(bobsRoom), after.text());

        // Not ignored any more: bob's new messages come again.
        matrix.put(ignoreList, alice.accessToken(), Map.of("ignored_users", Map.of())).expect(200);
        String now = sync(alice.accessToken(), null, null).expect(200).str("next_batch");
        send(bob.accessToken(), roomId, "bob again");
        assertEquals(List.of("bob again"), bodies(syncUntil(alice.accessToken(), now,
                r -> !bodies(r, roomId).isEmpty()), roomId));
    }

    @Test
    void aNewDisplayNameIsNoNewJoin() {
        MatrixClient.Session alice = matrix.registerUnique("renamer");
        String roomId = createRoom(alice.accessToken(), Map.of("preset", "public_chat", "name", "Big room"));
        String since = sync(alice.accessToken(), null, null).expect(200).str("next_batch");
        matrix.put("/_matrix/client/v3/profile/" + alice.userId() + "/displayname", alice.accessToken(),
                Map.of("displayname", "Alice Renamed")).expect(200);
        Map<String, Object> room = section(sync(alice.accessToken(), since, null).expect(200), "join", roomId);
        assertEquals(List.of("m.room.member"), types(events(room, "timeline")), room.toString());
        // The room's state is not sent again as for a join.
        assertEquals(List.of(), types(events(room, "state")), room.toString());
    }
}
