package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weft.core.crypto.EventSigner;
import org.weft.core.crypto.JsonSigning;
import org.weft.core.crypto.SigningKey;
import org.weft.core.crypto.UnpaddedBase64;
import org.weft.core.event.RoomVersion;
import org.weft.core.json.Json;

/**
 * Third-party invites once the identifier is bound (server-server API, "Third-party invites"): an
 * identity server (this test, with a key of its own) tells Weft of the binding
 * ({@code /3pid/onbind}) and Weft issues the invite; another server (a {@link FakeHomeserver})
 * asks Weft to issue one for its user ({@code /exchange_third_party_invite}). The identity
 * server's signature is checked against the room's {@code m.room.third_party_invite}: a forged one
 * issues nothing.
 */
class ThirdPartyInvitesIT extends WeftIT {

    private static final SigningKey IDENTITY_SERVER = SigningKey.generate("0");
    private static final SigningKey FORGER = SigningKey.generate("1");

    private FakeHomeserver remote;
    private String weftName;
    private MatrixClient.Session alice;
    private String roomId;

    @BeforeEach
    void start() throws Exception {
        ServerSettings.set("weft.federation.verify_tls", "false");
        remote = new FakeHomeserver();
        weftName = (String) matrix.get("/_matrix/key/v2/server", null).expect(200).json().get("server_name");
        alice = matrix.registerUnique("tpinviter");
        roomId = matrix.post("/_matrix/client/v3/createRoom", alice.accessToken(), Map.of("preset", "private_chat"))
                .expect(200).str("room_id");
    }

    @AfterEach
    void stop() throws Exception {
        remote.close();
        ServerSettings.set("weft.federation.verify_tls", "true");
    }

    @Test
    void aBindingTurnsTheStoredInviteIntoAnInviteOfTheUser() {
        MatrixClient.Session bob = matrix.registerUnique("tpbound");
        storeInvite("tok-bob");
        onBind(bob.userId(), signed(bob.userId(), "tok-bob", FORGER));
        matrix.get(memberPath(bob.userId()), alice.accessToken()).expectError(404, "M_NOT_FOUND");

        onBind(bob.userId(), signed(bob.userId(), "tok-bob", IDENTITY_SERVER));
        Map<String, Object> member = matrix.get(memberPath(bob.userId()), alice.accessToken()).expect(200).json();
        assertEquals("invite", member.get("membership"));
        assertEquals("tok-bob", ((Map<?, ?>) ((Map<?, ?>) member.get("third_party_invite")).get("signed")).get("token"));
        matrix.post("/_matrix/client/v3/join/" + roomId, bob.accessToken(), Map.of()).expect(200);

        matrix.put("/_matrix/federation/v1/3pid/onbind", null, Map.of("mxid", "@x:elsewhere.example", "invites", List.of()))
                .expectError(400, "M_INVALID_PARAM");
        matrix.put("/_matrix/federation/v1/3pid/onbind", null, Map.of("invites", "no")).expectError(400, "M_BAD_JSON");
    }

    @Test
    void anotherServerHasWeftIssueTheInviteForItsUser() {
        remote.route("/_matrix/federation/v2/invite/*", exchange -> {
            Map<?, ?> body = (Map<?, ?>) Json.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            @SuppressWarnings("unchecked")
            Map<String, Object> event = (Map<String, Object>) body.get("event");
            RoomVersion version = RoomVersion.of((String) body.get("room_version")).orElseThrow();
            FakeHomeserver.json(exchange, 200, Map.of("event", EventSigner.hashAndSign(event, version, remote.serverName(),
                    remote.key())));
        });
        String carol = "@carol:" + remote.serverName();
        storeInvite("tok-carol");
        String path = "/_matrix/federation/v1/exchange_third_party_invite/" + roomId;

        Map<?, ?> forged = remote.signedRequest(matrix, weftName, "PUT", path,
                partial(alice.userId(), carol, signed(carol, "tok-carol", FORGER)), 403);
        assertEquals("M_FORBIDDEN", forged.get("errcode"));
        remote.signedRequest(matrix, weftName, "PUT", path,
                partial("@someone:" + remote.serverName(), carol, signed(carol, "tok-carol", IDENTITY_SERVER)), 403);
        remote.signedRequest(matrix, weftName, "PUT", path,
                partial(alice.userId(), "@dave:elsewhere.example", signed("@dave:elsewhere.example", "tok-carol", IDENTITY_SERVER)), 403);
        remote.signedRequest(matrix, weftName, "PUT", path, Map.of("type", "m.room.message"), 400);

        assertEquals(Map.of(), remote.signedRequest(matrix, weftName, "PUT", path,
                partial(alice.userId(), carol, signed(carol, "tok-carol", IDENTITY_SERVER)), 200));
        assertEquals("invite", matrix.get(memberPath(carol), alice.accessToken()).expect(200).str("membership"));
    }

    /** Alice's m.room.third_party_invite for a token, with the identity server's public key. */
    private void storeInvite(String token) {
        matrix.put("/_matrix/client/v3/rooms/" + roomId + "/state/m.room.third_party_invite/" + token, alice.accessToken(),
                Map.of("display_name", "b...@example.org", "key_validity_url", "https://id.example/_matrix/identity/v2/pubkey/isvalid",
                        "public_key", UnpaddedBase64.encode(IDENTITY_SERVER.publicKey()))).expect(200);
    }

    private static Map<String, Object> signed(String mxid, String token, SigningKey key) {
        Map<String, Object> signed = new LinkedHashMap<>();
        signed.put("mxid", mxid);
        signed.put("token", token);
        return JsonSigning.sign(signed, "id.example", key);
    }

    private void onBind(String mxid, Map<String, Object> signed) {
        Map<String, Object> invite = Map.of("medium", "email", "address", "bob@example.org", "mxid", mxid, "room_id", roomId,
                "sender", alice.userId(), "signed", signed);
        matrix.put("/_matrix/federation/v1/3pid/onbind", null, Map.of("medium", "email", "address", "bob@example.org",
                "mxid", mxid, "invites", List.of(invite))).expect(200);
    }

    private Map<String, Object> partial(String sender, String target, Map<String, Object> signed) {
        return Map.of("type", "m.room.member", "room_id", roomId, "sender", sender, "state_key", target,
                "content", Map.of("membership", "invite", "third_party_invite", Map.of("display_name", "c...@example.org",
                        "signed", signed)));
    }

    private String memberPath(String userId) {
        return "/_matrix/client/v3/rooms/" + roomId + "/state/m.room.member/" + userId;
    }
}
