package org.weft.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weft.core.crypto.JsonSigning;
import org.weft.core.crypto.SigningKey;
import org.weft.core.crypto.UnpaddedBase64;
import org.weft.core.event.Pdu;

class SignedThirdPartyInvitesTest {

    private static final SigningKey IDENTITY_SERVER = SigningKey.generate("0");
    private static final SigningKey OTHER = SigningKey.generate("1");

    private static Map<String, Object> signed(SigningKey key) {
        Map<String, Object> signed = new LinkedHashMap<>();
        signed.put("mxid", "@gina:c.example");
        signed.put("token", "tok123");
        return JsonSigning.sign(signed, "id.example", key);
    }

    private static Pdu invite(Map<String, Object> content) {
        return Pdu.of("$tpi", Map.of("type", "m.room.third_party_invite", "state_key", "tok123", "sender", "@alice:a.example",
                "content", content));
    }

    private static String encoded(SigningKey key) {
        return UnpaddedBase64.encode(key.publicKey());
    }

    @Test
    void aSignatureByTheEventsPublicKeyOrOneOfItsPublicKeysMatches() {
        assertTrue(SignedThirdPartyInvites.INSTANCE.anySignatureMatches(signed(IDENTITY_SERVER),
                invite(Map.of("public_key", encoded(IDENTITY_SERVER)))));
        assertTrue(SignedThirdPartyInvites.INSTANCE.anySignatureMatches(signed(IDENTITY_SERVER),
                invite(Map.of("public_key", encoded(OTHER), "public_keys", List.of(Map.of("public_key", encoded(OTHER)),
                        Map.of("public_key", UnpaddedBase64.encodeUrlSafe(IDENTITY_SERVER.publicKey())))))));
    }

    @Test
    void anotherKeyATamperedObjectOrNoSignatureDoesNot() {
        Pdu event = invite(Map.of("public_key", encoded(IDENTITY_SERVER)));
        assertFalse(SignedThirdPartyInvites.INSTANCE.anySignatureMatches(signed(OTHER), event));
        Map<String, Object> tampered = new LinkedHashMap<>(signed(IDENTITY_SERVER));
        tampered.put("mxid", "@mallory:c.example");
        assertFalse(SignedThirdPartyInvites.INSTANCE.anySignatureMatches(tampered, event));
        Map<String, Object> unsigned = new LinkedHashMap<>(signed(IDENTITY_SERVER));
        unsigned.remove("signatures");
        assertFalse(SignedThirdPartyInvites.INSTANCE.anySignatureMatches(unsigned, event));
        assertFalse(SignedThirdPartyInvites.INSTANCE.anySignatureMatches(signed(IDENTITY_SERVER),
                invite(Map.of("public_key", "not base64!", "public_keys", "not a list"))));
    }

    @Test
    void keysThatDoNotDecodeToThirtyTwoBytesAreSkipped() {
        assertEquals(1, SignedThirdPartyInvites.publicKeys(Map.of("public_key", encoded(OTHER),
                "public_keys", List.of(Map.of("public_key", "AAAA"), "junk"))).size());
    }
}
