package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weft.core.json.Json;

/**
 * Another server asks about Weft's aliases and users: {@code /_matrix/federation/v1/query/directory}
 * and {@code /query/profile} (server-server API, "Query Types"), signed by a {@link FakeHomeserver}.
 */
class FederationQueryIT extends WeftIT {

    private FakeHomeserver remote;
    private String weftName;

    @BeforeEach
    void start() throws Exception {
        ServerSettings.set("weft.federation.verify_tls", "false");
        remote = new FakeHomeserver();
        weftName = matrix.get("/_matrix/key/v2/server", null).expect(200).str("server_name");
    }

    @AfterEach
    void stop() throws Exception {
        remote.close();
        ServerSettings.set("weft.federation.verify_tls", "true");
    }

    private Map<?, ?> signedGet(String target, int status) {
        HttpResponse<byte[]> response = matrix.bytes("GET", target, null, null, "Authorization",
                remote.authorization("GET", target, weftName, null));
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertEquals(status, response.statusCode(), text);
        return (Map<?, ?>) Json.parse(text);
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void anAliasOfOursGivesItsRoomAndUsAsResident() {
        MatrixClient.Session alice = matrix.registerUnique("fedq");
        String roomId = matrix.post("/_matrix/client/v3/createRoom", alice.accessToken(), Map.of("preset", "public_chat"))
                .expect(200).str("room_id");
        String alias = "#" + MatrixClient.uniqueName("fq") + ":" + weftName;
        matrix.put("/_matrix/client/v3/directory/room/" + encode(alias), alice.accessToken(), Map.of("room_id", roomId))
                .expect(200);

        Map<?, ?> answer = signedGet("/_matrix/federation/v1/query/directory?room_alias=" + encode(alias), 200);
        assertEquals(roomId, answer.get("room_id"));
        assertEquals(List.of(weftName), answer.get("servers"));

        assertEquals("M_NOT_FOUND", signedGet("/_matrix/federation/v1/query/directory?room_alias="
                + encode("#nosuchalias:" + weftName), 404).get("errcode"));
        assertEquals("M_NOT_FOUND", signedGet("/_matrix/federation/v1/query/directory?room_alias="
                + encode("#elsewhere:other.example"), 404).get("errcode"));
        assertEquals("M_MISSING_PARAM", signedGet("/_matrix/federation/v1/query/directory", 400).get("errcode"));
        assertEquals("M_INVALID_PARAM", signedGet("/_matrix/federation/v1/query/directory?room_alias=nohash", 400)
                .get("errcode"));
    }

    @Test
    void aProfileOfOursWholeOrOneField() {
        MatrixClient.Session bob = matrix.registerUnique("fedp");
        matrix.put("/_matrix/client/v3/profile/" + encode(bob.userId()) + "/displayname", bob.accessToken(),
                Map.of("displayname", "Bob Federated")).expect(200);
        String base = "/_matrix/federation/v1/query/profile?user_id=" + encode(bob.userId());

        assertEquals(Map.of("displayname", "Bob Federated"), signedGet(base, 200));
        assertEquals(Map.of("displayname", "Bob Federated"), signedGet(base + "&field=displayname", 200));
        assertEquals("M_NOT_FOUND", signedGet(base + "&field=avatar_url", 404).get("errcode"));
        assertEquals("M_NOT_FOUND", signedGet("/_matrix/federation/v1/query/profile?user_id="
                + encode("@nobody:" + weftName), 404).get("errcode"));
        assertEquals("M_NOT_FOUND", signedGet("/_matrix/federation/v1/query/profile?user_id="
                + encode("@someone:other.example"), 404).get("errcode"));
        assertEquals("M_MISSING_PARAM", signedGet("/_matrix/federation/v1/query/profile", 400).get("errcode"));
    }
}
