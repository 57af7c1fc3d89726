package org.weft.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.core.event.StateKey;
import org.weft.core.json.Json;

/** Server-server API "Auth events selection" and auth rule 2 on an auth events list. */
class AuthEventSelectionTest {

    private static final StateKey CREATE = StateKey.of("m.room.create", "");
    private static final StateKey PL = StateKey.of("m.room.power_levels", "");
    private static final StateKey JR = StateKey.of("m.room.join_rules", "");

    private static StateKey member(String user) {
        return StateKey.of("m.room.member", user);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        return (Map<String, Object>) Json.parse(text);
    }

    private static Pdu event(String id, String text) {
        return Pdu.of(id, json(text));
    }

    @Test
    void createHasNoAuthEvents() {
        assertEquals(List.of(), AuthEventSelection.required("m.room.create", "", "@a:x", Map.of(), RoomVersion.V10));
    }

    @Test
    void messageNeedsCreatePowerLevelsAndSender() {
        assertEquals(List.of(CREATE, PL, member("@a:x")),
                AuthEventSelection.required("m.room.message", null, "@a:x", Map.of(), RoomVersion.V1));
    }

    @Test
    void version12NeverSelectsTheCreateEvent() {
        assertEquals(List.of(PL, member("@a:x"), JR),
                AuthEventSelection.required("m.room.member", "@a:x", "@a:x", json("{\"membership\":\"join\"}"),
                        RoomVersion.V12));
    }

    @Test
    void version12TakesTheCreateEventFromTheCallerAndRejectsItAmongAuthEvents() {
        Pdu create = event("$c12", "{\"type\":\"m.room.create\",\"state_key\":\"\",\"sender\":\"@a:x\","
                + "\"content\":{}}");
        Pdu join = event("$j", "{\"type\":\"m.room.member\",\"state_key\":\"@a:x\",\"sender\":\"@a:x\","
                + "\"room_id\":\"!c12\",\"content\":{\"membership\":\"join\"}}");
        Pdu message = event("$m", "{\"type\":\"m.room.message\",\"sender\":\"@a:x\",\"room_id\":\"!c12\","
                + "\"content\":{}}");

        AuthEvents auth = AuthEventSelection.checkAuthEvents(message, List.of(join), create, RoomVersion.V12);
        assertEquals(create, auth.get("m.room.create", ""));
        assertTrue(assertThrows(AuthorizationException.class, () -> AuthEventSelection.checkAuthEvents(message,
                List.of(create, join), create, RoomVersion.V12)).getMessage().contains("auth events selection"));
        assertTrue(assertThrows(AuthorizationException.class, () -> AuthEventSelection.checkAuthEvents(message,
                List.of(join), null, RoomVersion.V12)).getMessage().contains("create event is not known"));
    }

    @Test
    void ownJoinNeedsJoinRulesOnce() {
        assertEquals(List.of(CREATE, PL, member("@a:x"), JR),
                AuthEventSelection.required("m.room.member", "@a:x", "@a:x", json("{\"membership\":\"join\"}"),
                        RoomVersion.V6));
    }

    @Test
    void kickNeedsTargetButNoJoinRules() {
        assertEquals(List.of(CREATE, PL, member("@a:x"), member("@b:y")),
                AuthEventSelection.required("m.room.member", "@b:y", "@a:x", json("{\"membership\":\"leave\"}"),
                        RoomVersion.V6));
    }

    @Test
    void knockNeedsJoinRules() {
        assertTrue(AuthEventSelection.required("m.room.member", "@a:x", "@a:x", json("{\"membership\":\"knock\"}"),
                RoomVersion.V7).contains(JR));
    }

    @Test
    void thirdPartyInviteNeedsTokenEvent() {
        assertEquals(List.of(CREATE, PL, member("@a:x"), member("@b:y"), JR,
                        StateKey.of("m.room.third_party_invite", "tok")),
                AuthEventSelection.required("m.room.member", "@b:y", "@a:x", json("""
                        {"membership":"invite","third_party_invite":{"signed":{"mxid":"@b:y","token":"tok"}}}"""),
                        RoomVersion.V11));
    }

    @Test
    void restrictedJoinNeedsAuthorisingMemberFromV8() {
        Map<String, Object> content = json("{\"membership\":\"join\",\"join_authorised_via_users_server\":\"@c:z\"}");
        assertEquals(List.of(CREATE, PL, member("@a:x"), JR, member("@c:z")),
                AuthEventSelection.required("m.room.member", "@a:x", "@a:x", content, RoomVersion.V8));
        assertEquals(List.of(CREATE, PL, member("@a:x"), JR),
                AuthEventSelection.required("m.room.member", "@a:x", "@a:x", content, RoomVersion.V7));
    }

    private static final Pdu CREATE_EVENT = event("$c", """
            {"type":"m.room.create","state_key":"","sender":"@a:x","room_id":"!r:x","content":{"creator":"@a:x"}}""");
    private static final Pdu PL_EVENT = event("$p", """
            {"type":"m.room.power_levels","state_key":"","sender":"@a:x","room_id":"!r:x","content":{}}""");
    private static final Pdu A_JOIN = event("$j", """
            {"type":"m.room.member","state_key":"@a:x","sender":"@a:x","room_id":"!r:x","content":{"membership":"join"}}""");
    private static final Pdu JR_EVENT = event("$jr", """
            {"type":"m.room.join_rules","state_key":"","sender":"@a:x","room_id":"!r:x","content":{"join_rule":"public"}}""");
    private static final Pdu MESSAGE = event("$m", """
            {"type":"m.room.message","sender":"@a:x","room_id":"!r:x","content":{"body":"hi"}}""");

    @Test
    void validAuthEventsBecomeALookup() {
        AuthEvents auth = AuthEventSelection.checkAuthEvents(MESSAGE, List.of(CREATE_EVENT, PL_EVENT, A_JOIN),
                RoomVersion.V10);
        assertNotNull(auth.get("m.room.create", ""));
        assertNull(auth.get("m.room.join_rules", ""));
        EventAuthRules.check(MESSAGE, RoomVersion.V10, auth);
    }

    @Test
    void duplicateEntriesAreRejected() {
        Pdu otherPl = event("$p2", """
                {"type":"m.room.power_levels","state_key":"","sender":"@a:x","room_id":"!r:x","content":{}}""");
        AuthorizationException e = assertThrows(AuthorizationException.class, () ->
                AuthEventSelection.checkAuthEvents(MESSAGE, List.of(CREATE_EVENT, PL_EVENT, otherPl), RoomVersion.V10));
        assertTrue(e.getMessage().contains("duplicate"), e.getMessage());
    }

    @Test
    void entriesOutsideTheSelectionAreRejected() {
        AuthorizationException e = assertThrows(AuthorizationException.class, () ->
                AuthEventSelection.checkAuthEvents(MESSAGE, List.of(CREATE_EVENT, A_JOIN, JR_EVENT), RoomVersion.V1));
        assertTrue(e.getMessage().contains("not one the auth events selection chooses"), e.getMessage());
    }

    @Test
    void missingCreateIsRejected() {
        AuthorizationException e = assertThrows(AuthorizationException.class, () ->
                AuthEventSelection.checkAuthEvents(MESSAGE, List.of(PL_EVENT, A_JOIN), RoomVersion.V11));
        assertTrue(e.getMessage().contains("no m.room.create"), e.getMessage());
    }

    @Test
    void otherRoomIsRejected() {
        Pdu foreign = event("$p9", """
                {"type":"m.room.power_levels","state_key":"","sender":"@a:x","room_id":"!elsewhere:x","content":{}}""");
        AuthorizationException e = assertThrows(AuthorizationException.class, () ->
                AuthEventSelection.checkAuthEvents(MESSAGE, List.of(CREATE_EVENT, foreign), RoomVersion.V11));
        assertTrue(e.getMessage().contains("belongs to room !elsewhere:x"), e.getMessage());
    }

    @Test
    void selectPicksPresentStateInOrder() {
        Map<StateKey, Pdu> state = Map.of(CREATE, CREATE_EVENT, member("@a:x"), A_JOIN, JR, JR_EVENT);
        AuthEvents lookup = (type, key) -> state.get(StateKey.of(type, key));
        assertEquals(List.of(CREATE_EVENT, A_JOIN), AuthEventSelection.select(MESSAGE, RoomVersion.V10, lookup));
    }
}
