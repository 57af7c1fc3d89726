package org.weft.core.federation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weft.core.crypto.JsonSigning;
import org.weft.core.crypto.SigningKey;

/** Server-server API, "Publishing Keys": our response, and the checks on a fetched one. */
class PublishedKeysTest {

    private static final SigningKey KEY = SigningKey.generate("a_test");
    private static final long NOW = 1_700_000_000_000L;

    @Test
    void ourResponseVerifiesAsAnotherServerWouldCheckIt() {
        Map<String, Object> published = PublishedKeys.publish("example.org", KEY, NOW + 3_600_000);
        PublishedKeys keys = PublishedKeys.verify(published, "example.org", NOW);
        assertArrayEquals(KEY.publicKey(), keys.verifyKeys().get(KEY.keyId()));
        assertEquals(NOW + 3_600_000, keys.validUntilTs());
        assertEquals(Map.of(), published.get("old_verify_keys"));
    }

    @Test
    void validityIsCappedAtSevenDays() {
        Map<String, Object> published = PublishedKeys.publish("example.org", KEY, NOW + 30L * 86_400_000);
        assertEquals(NOW + PublishedKeys.MAX_VALIDITY_MS, PublishedKeys.verify(published, "example.org", NOW).validUntilTs());
    }

    @Test
    void aResponseForAnotherServerIsRefused() {
        Map<String, Object> published = PublishedKeys.publish("evil.example", KEY, NOW + 3_600_000);
        assertThrows(IllegalArgumentException.class, () -> PublishedKeys.verify(published, "example.org", NOW));
    }

    @Test
    void aKeyTheResponseIsNotSignedWithIsRefused() {
        SigningKey smuggled = SigningKey.generate("smuggled");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("server_name", "example.org");
        body.put("verify_keys", Map.of(KEY.keyId(), Map.of("key", KEY.publicKeyBase64()),
                smuggled.keyId(), Map.of("key", smuggled.publicKeyBase64())));
        body.put("valid_until_ts", NOW + 3_600_000);
        Map<String, Object> signedByOne = JsonSigning.sign(body, "example.org", KEY);
        assertThrows(IllegalArgumentException.class, () -> PublishedKeys.verify(signedByOne, "example.org", NOW));
    }

    @Test
    void aTamperedResponseIsRefused() {
        Map<String, Object> published = new LinkedHashMap<>(PublishedKeys.publish("example.org", KEY, NOW + 3_600_000));
        published.put("valid_until_ts", NOW + 7_200_000);
        assertThrows(IllegalArgumentException.class, () -> PublishedKeys.verify(published, "example.org", NOW));
        published.remove("valid_until_ts");
        assertThrows(IllegalArgumentException.class, () -> PublishedKeys.verify(published, "example.org", NOW));
    }

    @Test
    void oldKeysAreReadWithTheirExpiryAndNeedNotSign() {
        SigningKey old = SigningKey.generate("old");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("server_name", "example.org");
        body.put("verify_keys", Map.of(KEY.keyId(), Map.of("key", KEY.publicKeyBase64())));
        body.put("old_verify_keys", Map.of(old.keyId(), Map.of("key", old.publicKeyBase64(), "expired_ts", NOW - 5),
                "ed25519:broken", Map.of("key", "!!")));
        body.put("valid_until_ts", NOW + 3_600_000);
        PublishedKeys keys = PublishedKeys.verify(org.weft.core.crypto.JsonSigning.sign(body, "example.org", KEY),
                "example.org", NOW);
        assertEquals(java.util.Set.of(old.keyId()), keys.oldVerifyKeys().keySet());
        assertEquals(NOW - 5, keys.oldVerifyKeys().get(old.keyId()).expiredTs());
    }

    @Test
    void aNotaryAddsItsSignatureBesideTheServers() {
        SigningKey notary = SigningKey.generate("n");
        Map<String, Object> countersigned = PublishedKeys.countersign(
                PublishedKeys.publish("example.org", KEY, NOW + 3_600_000), "notary.example", notary);
        PublishedKeys.verify(countersigned, "example.org", NOW);
        org.junit.jupiter.api.Assertions.assertTrue(org.weft.core.crypto.JsonSigning.verify(countersigned,
                "notary.example", notary.keyId(), notary.publicKey()));
    }
}
