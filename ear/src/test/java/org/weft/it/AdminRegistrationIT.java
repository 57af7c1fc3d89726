package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Shared-secret admin registration, registration tokens (admin API, validity endpoint and the
 * m.login.registration_token stage) and closed registration.
 */
class AdminRegistrationIT extends WeftIT {

    private static final String SECRET = "it-shared-secret"; // the test servers' settings, ear/pom.xml
    private static final String ADMIN_REGISTER = "/_synapse/admin/v1/register";
    private static final String TOKENS = "/_synapse/admin/v1/registration_tokens";
    private static final String VALIDITY = "/_matrix/client/v1/register/m.login.registration_token/validity?token=";

    static String mac(String nonce, String user, String password, boolean admin) throws Exception {
        Mac hmac = Mac.getInstance("HmacSHA1");
        hmac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String message = nonce + "\0" + user + "\0" + password + "\0" + (admin ? "admin" : "notadmin");
        return HexFormat.of().formatHex(hmac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    private Resp adminRegister(String user, String password, boolean admin, String mac, String nonce) {
        return adminRegister(matrix, user, password, admin, mac, nonce);
    }

    private static Resp adminRegister(MatrixClient matrix, String user, String password, boolean admin, String mac,
                                      String nonce) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("nonce", nonce);
        body.put("username", user);
        body.put("password", password);
        body.put("admin", admin);
        body.put("mac", mac);
        return matrix.post(ADMIN_REGISTER, null, body);
    }

    private String newAdmin() throws Exception {
        return newAdmin(matrix);
    }

    /** A new server admin's access token (shared-secret registration), for any test needing one. */
    static String newAdmin(MatrixClient matrix) throws Exception {
        String name = MatrixClient.uniqueName("admin");
        String nonce = matrix.get(ADMIN_REGISTER, null).expect(200).str("nonce");
        return adminRegister(matrix, name, "admin password", true, mac(nonce, name, "admin password", true), nonce)
                .expect(200).str("access_token");
    }

    @Test
    void sharedSecretRegistrationNeedsAFreshNonceAndTheRightMac() throws Exception {
        String name = MatrixClient.uniqueName("ops");
        String nonce = matrix.get(ADMIN_REGISTER, null).expect(200).str("nonce");
        adminRegister(name, "ops password", false, "00" + mac(nonce, name, "ops password", false).substring(2), nonce)
                .expectError(403, "M_FORBIDDEN");
        // The nonce was spent by the failed attempt.
        adminRegister(name, "ops password", false, mac(nonce, name, "ops password", false), nonce)
                .expectError(400, "M_INVALID_PARAM");
        String fresh = matrix.get(ADMIN_REGISTER, null).expect(200).str("nonce");
        Resp done = adminRegister(name, "ops password", false, mac(fresh, name, "ops password", false), fresh).expect(200);
        assertEquals("@" + name + ":localhost:8008", done.str("user_id"));
        assertNotNull(done.str("device_id"));
        matrix.get("/_matrix/client/v3/account/whoami", done.str("access_token")).expect(200);
        matrix.post(ADMIN_REGISTER, null, Map.of("nonce", fresh)).expectError(400, "M_MISSING_PARAM");

        // The password policy applies to operators too (bcrypt would silently cut at 72 bytes).
        String longPw = "p".repeat(80);
        String third = matrix.get(ADMIN_REGISTER, null).expect(200).str("nonce");
        String other = MatrixClient.uniqueName("ops");
        adminRegister(other, longPw, false, mac(third, other, longPw, false), third).expectError(400, "M_WEAK_PASSWORD");
    }

    @Test
    void registrationTokensGateRegistrationWhenRequired() throws Exception {
        String admin = newAdmin();
        Resp created = matrix.post(TOKENS + "/new", admin, Map.of("uses_allowed", 1)).expect(200);
        String token = created.str("token");
        assertEquals(16, token.length());
        assertEquals(1L, created.get("uses_allowed"));
        assertEquals(Boolean.TRUE, matrix.get(VALIDITY + token, null).expect(200).get("valid"));
        assertEquals(Boolean.FALSE, matrix.get(VALIDITY + "nosuchtoken", null).expect(200).get("valid"));
        matrix.get("/_matrix/client/v1/register/m.login.registration_token/validity", null)
                .expectError(400, "M_MISSING_PARAM");

        ServerSettings.set("weft.registration.requires_token", "true");
        try {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("username", MatrixClient.uniqueName("invited"));
            request.put("password", "long enough pw");
            Resp challenge = matrix.post("/_matrix/client/v3/register", null, request).expect(401);
            assertEquals(List.of("m.login.registration_token"), MatrixClient.stagesOfFirstFlow(challenge));
            String session = challenge.str("session");

            request.put("auth", Map.of("type", "m.login.dummy", "session", session));
            matrix.post("/_matrix/client/v3/register", null, request).expectError(401, "M_FORBIDDEN");
            request.put("auth", Map.of("type", "m.login.registration_token", "token", "wrong", "session", session));
            matrix.post("/_matrix/client/v3/register", null, request).expectError(401, "M_UNAUTHORIZED");
            request.put("auth", Map.of("type", "m.login.registration_token", "token", token, "session", session));
            matrix.post("/_matrix/client/v3/register", null, request).expect(200);

            // One use allowed: now it is spent.
            assertEquals(Boolean.FALSE, matrix.get(VALIDITY + token, null).expect(200).get("valid"));
            Resp listed = matrix.get(TOKENS + "/" + token, admin).expect(200);
            assertEquals(1L, listed.get("completed"));
        } finally {
            ServerSettings.set("weft.registration.requires_token", "false");
        }
    }

    @Test
    void adminTokenApiManagesTokensAndRefusesNonAdmins() throws Exception {
        String admin = newAdmin();
        String name = "tok" + Long.toString(System.nanoTime(), 36);
        Resp created = matrix.post(TOKENS + "/new", admin, Map.of("token", name)).expect(200);
        assertEquals(name, created.str("token"));
        matrix.post(TOKENS + "/new", admin, Map.of("token", name)).expectError(400, "M_INVALID_PARAM");
        matrix.post(TOKENS + "/new", admin, Map.of("token", "not valid!")).expectError(400, "M_INVALID_PARAM");
        matrix.post(TOKENS + "/new", admin, Map.of("uses_allowed", -1)).expectError(400, "M_INVALID_PARAM");

        Map<String, Object> update = new LinkedHashMap<>();
        update.put("uses_allowed", 0);
        assertEquals(0L, matrix.put(TOKENS + "/" + name, admin, update).expect(200).get("uses_allowed"));
        assertEquals(Boolean.FALSE, matrix.get(VALIDITY + name, null).expect(200).get("valid"));
        List<Object> invalid = matrix.get(TOKENS + "?valid=false", admin).expect(200).list("registration_tokens");
        assertTrue(invalid.stream().anyMatch(t -> name.equals(((Map<?, ?>) t).get("token"))));

        matrix.delete(TOKENS + "/" + name, admin, null).expect(200);
        matrix.get(TOKENS + "/" + name, admin).expectError(404, "M_NOT_FOUND");

        MatrixClient.Session user = matrix.registerUnique("notadmin");
        matrix.get(TOKENS, user.accessToken()).expectError(403, "M_FORBIDDEN");
        matrix.get(TOKENS, null).expectError(401, "M_MISSING_TOKEN");
    }

    @Test
    void closedRegistrationIsForbidden() {
        ServerSettings.set("weft.registration.enabled", "false");
        try {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("username", MatrixClient.uniqueName("closed"));
            request.put("password", "long enough pw");
            Resp refused = matrix.post("/_matrix/client/v3/register", null, request).expectError(403, "M_FORBIDDEN");
            assertFalse(refused.json().containsKey("flows"));
            matrix.get(VALIDITY + "anything", null).expectError(403, "M_FORBIDDEN");
        } finally {
            ServerSettings.set("weft.registration.enabled", "true");
        }
    }
}
