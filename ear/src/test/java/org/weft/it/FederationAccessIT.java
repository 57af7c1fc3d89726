package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weft.core.json.Json;

/**
 * The operator's federation settings (weft.federation.enabled, allowed_servers, denied_servers):
 * requests from a server Weft does not federate with are refused before anything else, and Weft
 * makes no request to such a server. A {@link FakeHomeserver} plays the other server.
 */
class FederationAccessIT extends WeftIT {

    private FakeHomeserver remote;
    private String weftName;

    @BeforeEach
    void startRemote() throws Exception {
        ServerSettings.set("weft.federation.verify_tls", "false");
        remote = new FakeHomeserver();
        weftName = matrix.get("/_matrix/key/v2/server", null).expect(200).str("server_name");
    }

    @AfterEach
    void reset() throws Exception {
        remote.close();
        ServerSettings.set("weft.federation.verify_tls", "true");
        ServerSettings.set("weft.federation.enabled", "true");
        ServerSettings.set("weft.federation.allowed_servers", "");
        ServerSettings.set("weft.federation.denied_servers", "");
        ServerSettings.set("weft.federation.denied_ranges", "");
    }

    private HttpResponse<byte[]> fromRemote() {
        String target = "/_matrix/federation/v1/media/download/noSuchMedia";
        return matrix.bytes("GET", target, null, null, "Authorization",
                remote.authorization("GET", target, weftName, null));
    }

    private static Map<?, ?> error(int status, HttpResponse<byte[]> response) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertEquals(status, response.statusCode(), body);
        return (Map<?, ?>) Json.parse(body);
    }

    @Test
    void aServerWeFederateWithGetsThrough() {
        assertEquals("M_NOT_FOUND", error(404, fromRemote()).get("errcode"), "authenticated; the media does not exist");
    }

    @Test
    void aDeniedServerIsRefusedWhateverItsPort() {
        ServerSettings.set("weft.federation.denied_servers", "localhost");
        Map<?, ?> refused = error(403, fromRemote());
        assertEquals("M_FORBIDDEN", refused.get("errcode"));
        assertTrue(((String) refused.get("error")).contains("does not federate with"));
    }

    @Test
    void withAnAllowListOnlyTheListedServersGetThrough() {
        ServerSettings.set("weft.federation.allowed_servers", "partner.example,*.corp.example");
        assertEquals("M_FORBIDDEN", error(403, fromRemote()).get("errcode"));
        ServerSettings.set("weft.federation.allowed_servers", "partner.example,local*");
        assertEquals("M_NOT_FOUND", error(404, fromRemote()).get("errcode"));
    }

    @Test
    void withFederationOffNobodyGetsThroughAndWeAskNobody() {
        ServerSettings.set("weft.federation.enabled", "false");
        Map<?, ?> refused = error(403, fromRemote());
        assertTrue(((String) refused.get("error")).contains("disabled"));

        MatrixClient.Session alice = matrix.registerUnique("nofed");
        HttpResponse<byte[]> download = matrix.bytes("GET", "/_matrix/client/v1/media/download/" + remote.serverName()
                + "/someMedia", alice.accessToken(), null);
        assertEquals("M_FORBIDDEN", error(403, download).get("errcode"));
        assertEquals(0, remote.received("/").size(), "no request reached the other server");
    }

    @Test
    void weftReachesNoAddressInTheDeniedRanges() {
        // The other server listens on 127.0.0.1.
        ServerSettings.set("weft.federation.denied_ranges", "127.0.0.0/8, ::1/128");
        MatrixClient.Session alice = matrix.registerUnique("ranges");
        HttpResponse<byte[]> download = matrix.bytes("GET", "/_matrix/client/v1/media/download/" + remote.serverName()
                + "/someMedia", alice.accessToken(), null);
        Map<?, ?> refused = error(403, download);
        assertTrue(((String) refused.get("error")).contains("weft.federation.denied_ranges"));
        // Its keys cannot be fetched either, so its own requests cannot be authenticated.
        assertEquals("M_UNAUTHORIZED", error(401, fromRemote()).get("errcode"));
        assertEquals(0, remote.received("/").size(), "no request reached the other server");
    }
}
