package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /account/password and /account/deactivate, both behind m.login.password UIA. */
class AccountIT extends WeftIT {

    private static final String PASSWORD = "/_matrix/client/v3/account/password";
    private static final String DEACTIVATE = "/_matrix/client/v3/account/deactivate";
    private static final String WHOAMI = "/_matrix/client/v3/account/whoami";

    @Test
    void changingThePasswordTakesTheOldPasswordAndLogsOutOtherDevices() {
        MatrixClient.Session alice = matrix.registerUnique("chpw");
        String otherDevice = matrix.login(alice.userId(), alice.password(), Map.of()).expect(200).str("access_token");

        Map<String, Object> request = new LinkedHashMap<>();
        request.put("new_password", "a brand new password");
        Resp challenge = matrix.post(PASSWORD, alice.accessToken(), request).expect(401);
        assertEquals(List.of("m.login.password"), MatrixClient.stagesOfFirstFlow(challenge));
        assertFalse(challenge.json().containsKey("errcode"));
        String session = challenge.str("session");

        request.put("auth", MatrixClient.passwordAuth(session, alice.userId(), "wrong password"));
        Resp wrong = matrix.post(PASSWORD, alice.accessToken(), request).expectError(401, "M_FORBIDDEN");
        assertEquals(session, wrong.str("session"));

        request.put("auth", MatrixClient.passwordAuth(session, alice.userId(), alice.password()));
        matrix.post(PASSWORD, alice.accessToken(), request).expect(200);

        matrix.login(alice.userId(), alice.password(), Map.of()).expectError(403, "M_FORBIDDEN");
        matrix.login(alice.userId(), "a brand new password", Map.of()).expect(200);
        matrix.get(WHOAMI, otherDevice).expectError(401, "M_UNKNOWN_TOKEN");
        matrix.get(WHOAMI, alice.accessToken()).expect(200);
    }

    @Test
    void passwordChangeCanKeepOtherDevicesAndRefusesWeakPasswords() {
        MatrixClient.Session bob = matrix.registerUnique("keepdev");
        String otherDevice = matrix.login(bob.userId(), bob.password(), Map.of()).expect(200).str("access_token");
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("new_password", "short");
        request.put("auth", MatrixClient.passwordAuth(null, bob.userId(), bob.password()));
        matrix.post(PASSWORD, bob.accessToken(), request).expectError(400, "M_WEAK_PASSWORD");

        request.put("new_password", "another fine password");
        request.put("logout_devices", false);
        matrix.post(PASSWORD, bob.accessToken(), request).expect(200);
        matrix.get(WHOAMI, otherDevice).expect(200);
        matrix.post(PASSWORD, bob.accessToken(), Map.of()).expectError(400, "M_MISSING_PARAM");
        matrix.post(PASSWORD, null, request).expectError(401, "M_MISSING_TOKEN");
    }

    @Test
    void anotherUsersPasswordDoesNotAuthenticate() {
        MatrixClient.Session carol = matrix.registerUnique("victim");
        MatrixClient.Session mallory = matrix.registerUnique("mallory");
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("new_password", "pwned password");
        request.put("auth", MatrixClient.passwordAuth(null, mallory.userId(), mallory.password()));
        matrix.post(PASSWORD, carol.accessToken(), request).expectError(401, "M_FORBIDDEN");
        matrix.login(carol.userId(), carol.password(), Map.of()).expect(200);
    }

    @Test
    void deactivationEndsTheAccountForGood() {
        MatrixClient.Session dave = matrix.registerUnique("deact");
        String localpart = dave.userId().substring(1, dave.userId().indexOf(':'));
        Resp challenge = matrix.post(DEACTIVATE, dave.accessToken(), Map.of()).expect(401);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("auth", MatrixClient.passwordAuth(challenge.str("session"), dave.userId(), dave.password()));
        Resp done = matrix.post(DEACTIVATE, dave.accessToken(), request).expect(200);
        assertEquals("no-support", done.str("id_server_unbind_result"));

        matrix.get(WHOAMI, dave.accessToken()).expectError(401, "M_UNKNOWN_TOKEN");
        matrix.login(dave.userId(), dave.password(), Map.of()).expectError(403, "M_USER_DEACTIVATED");
        Map<String, Object> again = new LinkedHashMap<>();
        again.put("username", localpart);
        again.put("password", "long enough pw");
        matrix.post("/_matrix/client/v3/register", null, again).expectError(400, "M_USER_IN_USE");
    }

    @Test
    void uiaSessionOfOneEndpointCannotAuthoriseAnother() {
        MatrixClient.Session erin = matrix.registerUnique("crossuia");
        String session = matrix.post(DEACTIVATE, erin.accessToken(), Map.of()).expect(401).str("session");
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("new_password", "yet another password");
        request.put("auth", MatrixClient.passwordAuth(session, erin.userId(), erin.password()));
        matrix.post(PASSWORD, erin.accessToken(), request).expectError(403, "M_FORBIDDEN");
    }
}
