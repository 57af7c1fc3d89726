package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET/POST /login, /logout, /logout/all, whoami, access tokens and the login rate limit. */
class LoginIT extends WeftIT {

    private static final String WHOAMI = "/_matrix/client/v3/account/whoami";

    @Test
    void loginFlowsOfferPassword() {
        Resp flows = matrix.get("/_matrix/client/v3/login", null).expect(200);
        assertEquals(List.of(Map.of("type", "m.login.password")), flows.get("flows"));
    }

    @Test
    void passwordLoginWithLocalpartFullIdAndDeprecatedUserField() {
        MatrixClient.Session alice = matrix.registerUnique("login");
        String localpart = alice.userId().substring(1, alice.userId().indexOf(':'));

        Resp byLocalpart = matrix.login(localpart, alice.password(), Map.of()).expect(200);
        assertEquals(alice.userId(), byLocalpart.str("user_id"));
        assertNotNull(byLocalpart.str("device_id"));
        assertNotEquals(alice.deviceId(), byLocalpart.str("device_id"), "a new device per login");

        matrix.login(alice.userId(), alice.password(), Map.of()).expect(200);

        Map<String, Object> legacy = new LinkedHashMap<>();
        legacy.put("type", "m.login.password");
        legacy.put("user", localpart);
        legacy.put("password", alice.password());
        Resp viaUser = matrix.post("/_matrix/client/v3/login", null, legacy).expect(200);
        Resp whoami = matrix.get(WHOAMI, viaUser.str("access_token")).expect(200);
        assertEquals(alice.userId(), whoami.str("user_id"));
        assertEquals(viaUser.str("device_id"), whoami.str("device_id"));
        assertEquals(Boolean.FALSE, whoami.get("is_guest"));
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameForbidden() {
        MatrixClient.Session bob = matrix.registerUnique("wrongpw");
        Resp wrong = matrix.login(bob.userId(), "not the password", Map.of()).expectError(403, "M_FORBIDDEN");
        Resp unknown = matrix.login(MatrixClient.uniqueName("ghost"), "whatever", Map.of()).expectError(403, "M_FORBIDDEN");
        assertEquals(wrong.str("error"), unknown.str("error"));
        matrix.login("@someone:other.example", "whatever", Map.of()).expectError(403, "M_FORBIDDEN");
    }

    @Test
    void malformedLoginsAreClientErrors() {
        matrix.post("/_matrix/client/v3/login", null, Map.of("type", "m.login.fancy")).expectError(400, "M_UNKNOWN");
        matrix.post("/_matrix/client/v3/login", null, Map.of("type", "m.login.password", "user", "x"))
                .expectError(400, "M_MISSING_PARAM");
        matrix.post("/_matrix/client/v3/login", null, Map.of("type", "m.login.password", "password", "x"))
                .expectError(400, "M_MISSING_PARAM");
        matrix.post("/_matrix/client/v3/login", null,
                Map.of("type", "m.login.password", "identifier", Map.of("type", "m.id.thirdparty"), "password", "x"))
                .expectError(400, "M_MISSING_PARAM");
        matrix.post("/_matrix/client/v3/login", null, Map.of("type", "m.login.password", "identifier",
                Map.of("type", "m.id.phone", "country", "GB", "phone", "123"), "password", "x")).expectError(400, "M_UNKNOWN");
        // An address nobody has: the spec's 403, as for a wrong password.
        matrix.post("/_matrix/client/v3/login", null, Map.of("type", "m.login.password", "identifier",
                Map.of("type", "m.id.thirdparty", "medium", "email", "address", "nobody@nowhere.example"), "password", "x"))
                .expectError(403, "M_FORBIDDEN");
    }

    @Test
    void loggingInAgainOnADeviceReplacesItsToken() {
        MatrixClient.Session carol = matrix.registerUnique("samedevice");
        String first = matrix.login(carol.userId(), carol.password(), Map.of("device_id", "LAPTOP")).expect(200)
                .str("access_token");
        String second = matrix.login(carol.userId(), carol.password(), Map.of("device_id", "LAPTOP")).expect(200)
                .str("access_token");
        matrix.get(WHOAMI, first).expectError(401, "M_UNKNOWN_TOKEN");
        assertEquals("LAPTOP", matrix.get(WHOAMI, second).expect(200).str("device_id"));
    }

    @Test
    void tokensAreAcceptedInTheHeaderAndTheDeprecatedQueryParameter() {
        MatrixClient.Session dave = matrix.registerUnique("query");
        Resp viaQuery = matrix.get(WHOAMI + "?access_token=" + dave.accessToken(), null).expect(200);
        assertEquals(dave.userId(), viaQuery.str("user_id"));
        Resp bad = matrix.get(WHOAMI, "wfa_not_a_real_token").expectError(401, "M_UNKNOWN_TOKEN");
        assertEquals(Boolean.FALSE, bad.get("soft_logout"));
        matrix.get(WHOAMI, null).expectError(401, "M_MISSING_TOKEN");
    }

    @Test
    void logoutEndsOneSessionAndLogoutAllEndsEvery() {
        MatrixClient.Session erin = matrix.registerUnique("logout");
        String second = matrix.login(erin.userId(), erin.password(), Map.of()).expect(200).str("access_token");
        String third = matrix.login(erin.userId(), erin.password(), Map.of()).expect(200).str("access_token");

        matrix.post("/_matrix/client/v3/logout", erin.accessToken(), Map.of()).expect(200);
        matrix.get(WHOAMI, erin.accessToken()).expectError(401, "M_UNKNOWN_TOKEN");
        List<Object> devices = matrix.get("/_matrix/client/v3/devices", second).expect(200).list("devices");
        assertEquals(2, devices.size(), "logout deletes the device too: " + devices);

        matrix.post("/_matrix/client/v3/logout/all", second, Map.of()).expect(200);
        matrix.get(WHOAMI, second).expectError(401, "M_UNKNOWN_TOKEN");
        matrix.get(WHOAMI, third).expectError(401, "M_UNKNOWN_TOKEN");
        matrix.post("/_matrix/client/v3/logout", null, Map.of()).expectError(401, "M_MISSING_TOKEN");
    }

    @Test
    void repeatedLoginsOnOneAccountAreRateLimited() {
        // the test servers' settings, ear/pom.xml: login_account burst 6, refilling one token per 100 s.
        MatrixClient.Session frank = matrix.registerUnique("ratelimit");
        Resp limited = null;
        for (int attempt = 0; attempt < 10 && limited == null; attempt++) {
            Resp r = matrix.login(frank.userId(), "wrong password", Map.of());
            if (r.status() == 429) {
                limited = r;
            } else {
                r.expectError(403, "M_FORBIDDEN");
            }
        }
        assertNotNull(limited, "login attempts were never limited");
        limited.expectError(429, "M_LIMIT_EXCEEDED");
        long retryAfterMs = ((Number) limited.get("retry_after_ms")).longValue();
        assertTrue(retryAfterMs > 0, "retry_after_ms: " + retryAfterMs);
        assertTrue(Long.parseLong(limited.header("Retry-After")) >= 1);
        // Even the right password waits: the limit counts attempts, not failures.
        matrix.login(frank.userId(), frank.password(), Map.of()).expectError(429, "M_LIMIT_EXCEEDED");
        // Another account is not affected.
        MatrixClient.Session grace = matrix.registerUnique("notlimited");
        matrix.login(grace.userId(), grace.password(), Map.of()).expect(200);
    }

    @Test
    void aSignedInDeviceMakesALoginTokenForAnotherAfterAskingForThePassword() {
        MatrixClient.Session grace = matrix.registerUnique("qrlogin");
        String path = "/_matrix/client/v1/login/get_token";
        // Off by default: an optional endpoint this server does not offer.
        matrix.post(path, grace.accessToken(), Map.of()).expectError(404, "M_UNRECOGNIZED");
        assertEquals(Map.of("enabled", false), capability(grace.accessToken(), "m.get_login_token"));
        ServerSettings.set("weft.login.get_token.enabled", "true");
        try {
            assertEquals(Map.of("enabled", true), capability(grace.accessToken(), "m.get_login_token"));
            assertTrue(matrix.get("/_matrix/client/v3/login", null).expect(200).list("flows")
                    .contains(Map.of("type", "m.login.token", "get_login_token", true)));

            Resp challenge = matrix.post(path, grace.accessToken(), Map.of()).expect(401);
            assertEquals(List.of(Map.of("stages", List.of("m.login.password"))), challenge.get("flows"));
            Map<String, Object> identifier = Map.of("type", "m.id.user", "user", grace.userId());
            matrix.post(path, grace.accessToken(), Map.of("auth", Map.of("type", "m.login.password", "identifier",
                    identifier, "password", "not it", "session", challenge.str("session")))).expectError(401, "M_FORBIDDEN");
            Resp issued = matrix.post(path, grace.accessToken(), Map.of("auth", Map.of("type", "m.login.password",
                    "identifier", identifier, "password", grace.password(), "session", challenge.str("session"))))
                    .expect(200);
            assertEquals(120_000L, ((Number) issued.get("expires_in_ms")).longValue());
            // Each token needs the password again: the session that served is gone.
            matrix.post(path, grace.accessToken(), Map.of("auth", Map.of("session", challenge.str("session"))))
                    .expectError(400, "M_INVALID_PARAM");

            // The new device signs in with it, once.
            Map<String, Object> tokenLogin = Map.of("type", "m.login.token", "token", issued.str("login_token"));
            Resp other = matrix.post("/_matrix/client/v3/login", null, tokenLogin).expect(200);
            assertEquals(grace.userId(), other.str("user_id"));
            assertNotEquals(grace.deviceId(), other.str("device_id"));
            matrix.post("/_matrix/client/v3/login", null, tokenLogin).expectError(403, "M_FORBIDDEN");

            // One a minute (weft.ratelimit.get_login_token): the next, straight after, waits.
            Resp again = matrix.post(path, grace.accessToken(), Map.of()).expect(401);
            matrix.post(path, grace.accessToken(), Map.of("auth", Map.of("type", "m.login.password", "identifier",
                    identifier, "password", grace.password(), "session", again.str("session"))))
                    .expectError(429, "M_LIMIT_EXCEEDED");
        } finally {
            ServerSettings.set("weft.login.get_token.enabled", "false");
        }
    }

    private Object capability(String token, String name) {
        return ((Map<?, ?>) matrix.get("/_matrix/client/v3/capabilities", token).expect(200).get("capabilities")).get(name);
    }
}
