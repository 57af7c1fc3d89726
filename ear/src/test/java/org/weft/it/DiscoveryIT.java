package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Versions, .well-known discovery, capabilities, CORS and the generic error answers. */
class DiscoveryIT extends WeftIT {

    @Test
    void versionsListsStableVersionsWithoutAuthentication() {
        Resp versions = matrix.get("/_matrix/client/versions", null).expect(200);
        List<Object> list = versions.list("versions");
        assertTrue(list.contains("v1.19"), "advertises v1.19: " + list);
        assertTrue(list.stream().noneMatch(v -> ((String) v).startsWith("r0")), "no r0 versions: " + list);
        assertEquals(Map.of(), versions.get("unstable_features"));
        assertEquals("application/json", versions.header("Content-Type"));
    }

    @Test
    void wellKnownDocumentsPointAtThisServer() {
        Resp client = matrix.get("/.well-known/matrix/client", null).expect(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> homeserver = (Map<String, Object>) client.get("m.homeserver");
        assertEquals("http://localhost:8008", homeserver.get("base_url"));
        Resp server = matrix.get("/.well-known/matrix/server", null).expect(200);
        assertEquals("localhost:8448", server.str("m.server"));
        assertEquals("*", client.header("Access-Control-Allow-Origin"));
    }

    @Test
    void capabilitiesNeedATokenAndTellWhatWorks() {
        matrix.get("/_matrix/client/v3/capabilities", null).expectError(401, "M_MISSING_TOKEN");
        MatrixClient.Session alice = matrix.registerUnique("caps");
        Resp caps = matrix.get("/_matrix/client/v3/capabilities", alice.accessToken()).expect(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> capabilities = (Map<String, Object>) caps.get("capabilities");
        assertEquals(Map.of("enabled", true), capabilities.get("m.change_password"));
        assertEquals(Map.of("enabled", false), capabilities.get("m.3pid_changes"));
        assertEquals(Map.of("enabled", true), capabilities.get("m.set_displayname"));
    }

    @Test
    void everyResponseCarriesCorsHeadersAndPreflightIsAnswered() {
        Resp preflight = matrix.send("OPTIONS", "/_matrix/client/v3/login", null, null).expect(200);
        assertEquals("*", preflight.header("Access-Control-Allow-Origin"));
        assertTrue(preflight.header("Access-Control-Allow-Methods").contains("POST"));
        assertTrue(preflight.header("Access-Control-Allow-Headers").contains("Authorization"));
        // Even for endpoints that do not exist, and without running any endpoint logic.
        Resp unknown = matrix.send("OPTIONS", "/_matrix/client/v3/no/such/thing", null, null).expect(200);
        assertEquals("*", unknown.header("Access-Control-Allow-Origin"));
        Resp error = matrix.get("/_matrix/client/v3/account/whoami", null);
        assertEquals("*", error.header("Access-Control-Allow-Origin"));
    }

    @Test
    void unknownEndpointIs404Unrecognized() {
        matrix.get("/_matrix/client/v3/no/such/endpoint", null).expectError(404, "M_UNRECOGNIZED");
        matrix.get("/not/matrix/at/all", null).expectError(404, "M_UNRECOGNIZED");
    }

    @Test
    void wrongMethodIs405Unrecognized() {
        matrix.delete("/_matrix/client/v3/login", null, null).expectError(405, "M_UNRECOGNIZED");
        matrix.post("/_matrix/client/versions", null, Map.of()).expectError(405, "M_UNRECOGNIZED");
    }

    @Test
    void malformedJsonIsNotJsonAndWrongShapeIsBadJson() {
        matrix.send("POST", "/_matrix/client/v3/login", null, "{\"type\": ").expectError(400, "M_NOT_JSON");
        matrix.send("POST", "/_matrix/client/v3/login", null, "").expectError(400, "M_NOT_JSON");
        matrix.send("POST", "/_matrix/client/v3/login", null, "[1, 2]").expectError(400, "M_BAD_JSON");
        matrix.send("POST", "/_matrix/client/v3/login", null, "{\"type\": 5}").expectError(400, "M_BAD_JSON");
        matrix.send("POST", "/_matrix/client/v3/login", null, "{}").expectError(400, "M_MISSING_PARAM");
    }

    @Test
    void oversizedBodyIsTooLarge() {
        String huge = "{\"type\":\"m.login.password\",\"padding\":\"" + "x".repeat(1_100_000) + "\"}";
        matrix.send("POST", "/_matrix/client/v3/login", null, huge).expectError(413, "M_TOO_LARGE");
    }
}
