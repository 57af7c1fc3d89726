package org.weft.core.federation;

import java.util.LinkedHashMap;
import java.util.Map;
import org.weft.core.crypto.JsonSigning;
import org.weft.core.crypto.SigningKey;
import org.weft.core.crypto.UnpaddedBase64;

/**
 * A server's published keys (server-server API, "Publishing Keys", {@code GET /_matrix/key/v2/server}):
 * building our own signed response, and checking a response fetched from another server.
 *
 * @param serverName   whose keys these are
 * @param verifyKeys   key ID to raw 32-byte ed25519 public key, valid for requests and events
 * @param validUntilTs when the keys must be fetched again, already capped at 7 days from fetching
 * @param oldVerifyKeys keys the server no longer uses, each with the time it stopped using it: still
 *                     valid for events sent before then ("old_verify_keys")
 */
public record PublishedKeys(String serverName, Map<String, byte[]> verifyKeys, long validUntilTs,
                            Map<String, OldVerifyKey> oldVerifyKeys) {

    /** A key the server no longer uses: {@code expired_ts} is when it stopped. */
    public record OldVerifyKey(byte[] key, long expiredTs) {
    }

    /** Spec: "Servers MUST use the lesser of this field and 7 days into the future". */
    public static final long MAX_VALIDITY_MS = 7L * 24 * 60 * 60 * 1000;

    public PublishedKeys {
        verifyKeys = Map.copyOf(verifyKeys);
        oldVerifyKeys = Map.copyOf(oldVerifyKeys);
    }

    /**
     * A notary's answer (server-server API, "Querying Keys Through Another Server"): the server's
     * own response, unchanged, with the notary's signature added beside the server's.
     */
    public static Map<String, Object> countersign(Map<String, Object> response, String notaryName, SigningKey key) {
        return JsonSigning.sign(response, notaryName, key);
    }

    /** Our response: the current key, no old keys, signed with the current key. */
    public static Map<String, Object> publish(String serverName, SigningKey key, long validUntilTs) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("server_name", serverName);
        body.put("verify_keys", Map.of(key.keyId(), Map.of("key", key.publicKeyBase64())));
        body.put("old_verify_keys", Map.of());
        body.put("valid_until_ts", validUntilTs);
        return JsonSigning.sign(body, serverName, key);
    }

    /**
     * Checks a response fetched from {@code expectedServer} itself: it names that server, its keys
     * are well-formed, and it is signed by every key it lists (a response signed by only some
     * of them could smuggle in a key its owner never held).
     *
     * @param now the fetch time, for capping validity at 7 days
     * @throws IllegalArgumentException naming what is wrong
     */
    public static PublishedKeys verify(Map<String, Object> response, String expectedServer, long now) {
        if (!expectedServer.equals(response.get("server_name"))) {
            throw new IllegalArgumentException("Key response names " + response.get("server_name") + ", not "
                    + expectedServer);
        }
        if (!(response.get("verify_keys") instanceof Map<?, ?> listed) || listed.isEmpty()) {
            throw new IllegalArgumentException("Key response has no verify_keys");
        }
        if (!(response.get("valid_until_ts") instanceof Number validUntil)) {
            throw new IllegalArgumentException("Key response has no valid_until_ts");
        }
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : listed.entrySet()) {
            String keyId = String.valueOf(entry.getKey());
            if (!keyId.startsWith(SigningKey.ALGORITHM_PREFIX)) {
                continue; // other algorithms: not ours to check or use
            }
            if (!(entry.getValue() instanceof Map<?, ?> verifyKey) || !(verifyKey.get("key") instanceof String encoded)) {
                throw new IllegalArgumentException("Key " + keyId + " has no key");
            }
            byte[] publicKey;
            try {
                publicKey = UnpaddedBase64.decode(encoded);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Key " + keyId + " is not unpadded Base64");
            }
            if (publicKey.length != 32 || !JsonSigning.verify(response, expectedServer, keyId, publicKey)) {
                throw new IllegalArgumentException("Key response is not signed by its key " + keyId);
            }
            keys.put(keyId, publicKey);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("Key response lists no ed25519 key");
        }
        return new PublishedKeys(expectedServer, keys, Math.min(validUntil.longValue(), now + MAX_VALIDITY_MS),
                oldKeys(response));
    }

    /**
     * {@code old_verify_keys}: "The public keys that the server used to use and when it stopped
     * using them". They need not sign the response (the server no longer holds them); malformed
     * entries are left out rather than failing the current keys.
     */
    private static Map<String, OldVerifyKey> oldKeys(Map<String, Object> response) {
        Map<String, OldVerifyKey> old = new LinkedHashMap<>();
        if (response.get("old_verify_keys") instanceof Map<?, ?> listed) {
            for (Map.Entry<?, ?> entry : listed.entrySet()) {
                String keyId = String.valueOf(entry.getKey());
                if (keyId.startsWith(SigningKey.ALGORITHM_PREFIX) && entry.getValue() instanceof Map<?, ?> item
                        && item.get("key") instanceof String encoded && item.get("expired_ts") instanceof Number expired) {
                    try {
                        byte[] key = UnpaddedBase64.decode(encoded);
                        if (key.length == 32) {
                            old.put(keyId, new OldVerifyKey(key, expired.longValue()));
                        }
                    } catch (IllegalArgumentException notBase64) {
                        // left out
                    }
                }
            }
        }
        return old;
    }
}
