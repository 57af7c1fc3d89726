package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /register with user-interactive auth, and GET /register/available. */
class RegistrationIT extends WeftIT {

    private static final String REGISTER = "/_matrix/client/v3/register";

    private static Map<String, Object> body(String username, String password) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("password", password);
        return body;
    }

    @Test
    void firstRequestGetsTheSpecs401WithFlowsParamsAndSession() {
        Resp challenge = matrix.post(REGISTER, null, body(MatrixClient.uniqueName("uia"), "long enough pw")).expect(401);
        Map<String, Object> json = challenge.json();
        assertEquals(List.of(Map.of("stages", List.of("m.login.dummy"))), json.get("flows"));
        assertEquals(Map.of(), json.get("params"));
        assertNotNull(json.get("session"));
        assertFalse(json.containsKey("errcode"), "no errcode before any stage was attempted: " + json);
        assertFalse(json.containsKey("completed"));
        // An empty first request (how clients learn the flows) gets the same 401.
        assertEquals(json.get("flows"), matrix.post(REGISTER, null, Map.of()).expect(401).get("flows"));
    }

    @Test
    void completingTheDummyStageRegistersAndLogsIn() {
        String name = MatrixClient.uniqueName("reg");
        Map<String, Object> request = body(name, "long enough pw");
        request.put("device_id", "MYPHONE");
        request.put("initial_device_display_name", "Jungle Phone");
        String session = matrix.post(REGISTER, null, request).expect(401).str("session");
        request.put("auth", Map.of("type", "m.login.dummy", "session", session));
        Resp done = matrix.post(REGISTER, null, request).expect(200);
        assertEquals("@" + name + ":localhost:8008", done.str("user_id"));
        assertEquals("MYPHONE", done.str("device_id"));
        assertNull(done.get("refresh_token"), "no refresh token unless asked for");
        Resp whoami = matrix.get("/_matrix/client/v3/account/whoami", done.str("access_token")).expect(200);
        assertEquals(done.str("user_id"), whoami.str("user_id"));
        Resp device = matrix.get("/_matrix/client/v3/devices/MYPHONE", done.str("access_token")).expect(200);
        assertEquals("Jungle Phone", device.str("display_name"));
        // The session is spent: replaying it does not register anyone else.
        Map<String, Object> replay = body(MatrixClient.uniqueName("replay"), "long enough pw");
        replay.put("auth", Map.of("type", "m.login.dummy", "session", session));
        matrix.post(REGISTER, null, replay).expectError(400, "M_INVALID_PARAM");
    }

    @Test
    void upperCaseUsernameIsMappedToLowerCase() {
        String name = MatrixClient.uniqueName("Mixed");
        MatrixClient.Session session = matrix.register(name, "long enough pw");
        assertEquals("@" + name.toLowerCase() + ":localhost:8008", session.userId());
    }

    @Test
    void inhibitLoginReturnsOnlyTheUser() {
        Map<String, Object> request = body(MatrixClient.uniqueName("inhibit"), "long enough pw");
        request.put("inhibit_login", true);
        request.put("auth", Map.of("type", "m.login.dummy"));
        Resp done = matrix.post(REGISTER, null, request).expect(200);
        assertNotNull(done.str("user_id"));
        assertNull(done.get("access_token"));
        assertNull(done.get("device_id"));
    }

    @Test
    void withoutUsernameTheServerGeneratesOne() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("password", "long enough pw");
        request.put("auth", Map.of("type", "m.login.dummy"));
        Resp done = matrix.post(REGISTER, null, request).expect(200);
        assertTrue(done.str("user_id").matches("@[a-z0-9._=\\-/+]+:localhost:8008"), done.str("user_id"));
    }

    @Test
    void takenUsernameIsRefusedBeforeAuthentication() {
        MatrixClient.Session taken = matrix.registerUnique("taken");
        String localpart = taken.userId().substring(1, taken.userId().indexOf(':'));
        matrix.post(REGISTER, null, body(localpart, "long enough pw")).expectError(400, "M_USER_IN_USE");
        matrix.post(REGISTER, null, body(localpart.toUpperCase(), "long enough pw")).expectError(400, "M_USER_IN_USE");
    }

    @Test
    void invalidReservedAndNumericUsernamesAreRefused() {
        matrix.post(REGISTER, null, body("bad name!", "long enough pw")).expectError(400, "M_INVALID_USERNAME");
        matrix.post(REGISTER, null, body("1234567", "long enough pw")).expectError(400, "M_INVALID_USERNAME");
        matrix.post(REGISTER, null, body("x".repeat(300), "long enough pw")).expectError(400, "M_INVALID_USERNAME");
        matrix.post(REGISTER, null, body("_reserved_bot", "long enough pw")).expectError(400, "M_EXCLUSIVE");
    }

    @Test
    void weakOrMissingPasswordIsRefused() {
        matrix.post(REGISTER, null, body(MatrixClient.uniqueName("weak"), "short")).expectError(400, "M_WEAK_PASSWORD");
        Map<String, Object> noPassword = new LinkedHashMap<>();
        noPassword.put("username", MatrixClient.uniqueName("nopw"));
        // The flows first; a finished flow without a password is refused, and nobody is registered.
        String session = matrix.post(REGISTER, null, noPassword).expect(401).str("session");
        noPassword.put("auth", Map.of("type", "m.login.dummy", "session", session));
        matrix.post(REGISTER, null, noPassword).expectError(400, "M_MISSING_PARAM");
        matrix.get("/_matrix/client/v3/register/available?username=" + noPassword.get("username"), null).expect(200);
    }

    @Test
    void wrongTypesAndBadJsonAreRefused() {
        matrix.send("POST", REGISTER, null, "{\"username\": ").expectError(400, "M_NOT_JSON");
        Map<String, Object> wrongType = new LinkedHashMap<>();
        wrongType.put("username", 42);
        matrix.post(REGISTER, null, wrongType).expectError(400, "M_BAD_JSON");
        matrix.post(REGISTER + "?kind=robot", null, body("x", "long enough pw")).expectError(400, "M_INVALID_PARAM");
    }

    @Test
    void guestRegistrationIsForbidden() {
        matrix.post(REGISTER + "?kind=guest", null, Map.of()).expectError(403, "M_GUEST_ACCESS_FORBIDDEN");
    }

    @Test
    void unexpectedStageAndUnknownSessionAreRefused() {
        Map<String, Object> request = body(MatrixClient.uniqueName("stage"), "long enough pw");
        String session = matrix.post(REGISTER, null, request).expect(401).str("session");
        request.put("auth", Map.of("type", "m.login.password", "session", session, "password", "x"));
        Resp refused = matrix.post(REGISTER, null, request).expectError(401, "M_FORBIDDEN");
        assertEquals(session, refused.str("session"));
        assertNotNull(refused.get("flows"));
        request.put("auth", Map.of("type", "m.login.dummy", "session", "no-such-session"));
        matrix.post(REGISTER, null, request).expectError(400, "M_INVALID_PARAM");
    }

    @Test
    void availabilityCheck() {
        String free = MatrixClient.uniqueName("free");
        Resp available = matrix.get("/_matrix/client/v3/register/available?username=" + free, null).expect(200);
        assertEquals(Boolean.TRUE, available.get("available"));
        MatrixClient.Session taken = matrix.registerUnique("avail");
        String localpart = taken.userId().substring(1, taken.userId().indexOf(':'));
        matrix.get("/_matrix/client/v3/register/available?username=" + localpart, null).expectError(400, "M_USER_IN_USE");
        matrix.get("/_matrix/client/v3/register/available?username=bad%20name", null).expectError(400, "M_INVALID_USERNAME");
        matrix.get("/_matrix/client/v3/register/available?username=_reserved_x", null).expectError(400, "M_EXCLUSIVE");
        matrix.get("/_matrix/client/v3/register/available", null).expectError(400, "M_MISSING_PARAM");
    }
}
