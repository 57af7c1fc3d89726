package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weft.core.crypto.JsonSigning;
import org.weft.core.federation.PublishedKeys;

/**
 * Weft as a notary: {@code GET} and {@code POST /_matrix/key/v2/query} (server-server API,
 * "Querying Keys Through Another Server"), with a {@link FakeHomeserver} as the server asked about.
 * The answers come from the database table of other servers' keys, so they are checked on H2 and on
 * PostgreSQL.
 */
class KeyQueryIT extends WeftIT {

    private FakeHomeserver remote;
    private String weftName;
    private String weftKeyId;
    private byte[] weftKey;

    @BeforeEach
    void startRemote() throws Exception {
        ServerSettings.set("weft.federation.verify_tls", "false");
        remote = new FakeHomeserver();
        Map<String, Object> keys = matrix.get("/_matrix/key/v2/server", null).expect(200).json();
        weftName = (String) keys.get("server_name");
        PublishedKeys published = PublishedKeys.verify(keys, weftName, System.currentTimeMillis());
        weftKeyId = published.verifyKeys().keySet().iterator().next();
        weftKey = published.verifyKeys().get(weftKeyId);
    }

    @AfterEach
    void stopRemote() throws Exception {
        remote.close();
        ServerSettings.set("weft.federation.verify_tls", "true");
        ServerSettings.set("weft.federation.key_query_max_servers", "100");
        ServerSettings.set("weft.federation.trusted_key_servers", "");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> serverKeys(Resp resp) {
        return (List<Map<String, Object>>) resp.expect(200).get("server_keys");
    }

    @Test
    void ourOwnKeysAreAnsweredAsWePublishThem() {
        List<Map<String, Object>> answer = serverKeys(matrix.get("/_matrix/key/v2/query/" + weftName, null));
        assertEquals(1, answer.size());
        PublishedKeys.verify(answer.get(0), weftName, System.currentTimeMillis());
    }

    /** The older forms with a key ID in the path, which Synapse 1.67 still uses to fetch a server's keys. */
    @Test
    void theOlderFormsWithAKeyIdInThePathGetTheSameAnswers() {
        Map<String, Object> published = matrix.get("/_matrix/key/v2/server", null).expect(200).json();
        String keyId = ((Map<?, ?>) published.get("verify_keys")).keySet().iterator().next().toString();
        Map<String, Object> byKeyId = matrix.get("/_matrix/key/v2/server/" + keyId, null).expect(200).json();
        assertEquals(published.get("verify_keys"), byKeyId.get("verify_keys"));
        PublishedKeys.verify(byKeyId, weftName, System.currentTimeMillis());
        PublishedKeys.verify(serverKeys(matrix.get("/_matrix/key/v2/query/" + weftName + "/" + keyId, null)).get(0),
                weftName, System.currentTimeMillis());
    }

    @Test
    void anotherServersKeysComeAsItSignedThemWithOurSignatureAdded() throws Exception {
        List<Map<String, Object>> answer = serverKeys(matrix.post("/_matrix/key/v2/query", null,
                Map.of("server_keys", Map.of(remote.serverName(), Map.of(remote.key().keyId(), Map.of())))));
        assertEquals(1, answer.size());
        Map<String, Object> response = answer.get(0);
        PublishedKeys keys = PublishedKeys.verify(response, remote.serverName(), System.currentTimeMillis());
        assertTrue(keys.verifyKeys().containsKey(remote.key().keyId()));
        assertTrue(JsonSigning.verify(response, weftName, weftKeyId, weftKey), "countersigned by Weft");

        // Stored: still answered once the server is gone.
        remote.close();
        List<Map<String, Object>> later = serverKeys(matrix.get("/_matrix/key/v2/query/" + remote.serverName(), null));
        assertEquals(1, later.size());
        PublishedKeys.verify(later.get(0), remote.serverName(), System.currentTimeMillis());
    }

    @Test
    void serversThatCannotBeNamedOrReachedAreLeftOut() {
        assertEquals(List.of(), serverKeys(matrix.post("/_matrix/key/v2/query", null, Map.of("server_keys",
                Map.of("unreachable.invalid", Map.of(), "not a server name!", Map.of())))));
        assertEquals(List.of(), serverKeys(matrix.post("/_matrix/key/v2/query", null, Map.of("server_keys", Map.of()))));
    }

    @Test
    void badQueriesGetTheSpecsErrors() {
        matrix.post("/_matrix/key/v2/query", null, Map.of("server_keys", List.of())).expectError(400, "M_BAD_JSON");
        matrix.post("/_matrix/key/v2/query", null, Map.of()).expectError(400, "M_MISSING_PARAM");
        matrix.post("/_matrix/key/v2/query", null, Map.of("server_keys", Map.of("a.example",
                Map.of("ed25519:x", Map.of("minimum_valid_until_ts", "soon"))))).expectError(400, "M_BAD_JSON");
        matrix.get("/_matrix/key/v2/query/a.example?minimum_valid_until_ts=soon", null)
                .expectError(400, "M_INVALID_PARAM");
        ServerSettings.set("weft.federation.key_query_max_servers", "2");
        matrix.post("/_matrix/key/v2/query", null, Map.of("server_keys", Map.of("a.example", Map.of(),
                "b.example", Map.of(), "c.example", Map.of()))).expectError(413, "M_TOO_LARGE");
    }

    /** An origin server's signed key response, then the origin goes away. */
    private static Map<String, Object> vanishedOrigin(String[] name) throws Exception {
        FakeHomeserver origin = new FakeHomeserver();
        name[0] = origin.serverName();
        Map<String, Object> response = PublishedKeys.publish(origin.serverName(), origin.key(),
                System.currentTimeMillis() + 3_600_000);
        origin.close();
        return response;
    }

    @Test
    void aServerThatCannotBeReachedIsAskedOfTheTrustedNotary() throws Exception {
        String[] originName = new String[1];
        Map<String, Object> originResponse = vanishedOrigin(originName);
        remote.route("/_matrix/key/v2/query", exchange -> FakeHomeserver.json(exchange, 200, Map.of("server_keys",
                List.of(PublishedKeys.countersign(originResponse, remote.serverName(), remote.key())))));
        ServerSettings.set("weft.federation.trusted_key_servers", remote.serverName());

        List<Map<String, Object>> answer = serverKeys(matrix.get("/_matrix/key/v2/query/" + originName[0], null));
        assertEquals(1, answer.size());
        PublishedKeys.verify(answer.get(0), originName[0], System.currentTimeMillis());
        assertTrue(JsonSigning.verify(answer.get(0), weftName, weftKeyId, weftKey));
        assertEquals(1, remote.received("/_matrix/key/v2/query").size(), "the notary was asked once");
    }

    @Test
    void aNotarysAnswerWithoutItsOwnSignatureIsNotTrusted() throws Exception {
        String[] originName = new String[1];
        Map<String, Object> originResponse = vanishedOrigin(originName);
        remote.route("/_matrix/key/v2/query", exchange -> FakeHomeserver.json(exchange, 200,
                Map.of("server_keys", List.of(originResponse))));
        ServerSettings.set("weft.federation.trusted_key_servers", remote.serverName());

        assertEquals(List.of(), serverKeys(matrix.get("/_matrix/key/v2/query/" + originName[0], null)));
        assertEquals(1, remote.received("/_matrix/key/v2/query").size());
    }
}
