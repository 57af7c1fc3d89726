package org.weft.ejb.federation;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Map;
import java.util.Optional;
import org.weft.core.crypto.UnpaddedBase64;
import org.weft.core.federation.PublishedKeys;
import org.weft.core.json.Json;
import org.weft.persistence.federation.ServerKeyResponseEntity;
import org.weft.persistence.federation.ServerVerifyKeyEntity;

/**
 * Storage of other servers' keys (tables {@code server_key_responses}, {@code server_verify_keys}):
 * every key a server has published, current or old, and its last signed response, so that events
 * stay checkable across restarts and after key changes, and so that Weft can answer for a server
 * as a notary.
 */
@Stateless
public class ServerKeyStore {

    /**
     * A stored key.
     *
     * @param validUntilTs the latest validity seen while it was current
     * @param expiredTs    when the server stopped using it, or null while it is current
     */
    public record StoredKey(byte[] publicKey, long validUntilTs, Long expiredTs) {

        /**
         * Whether it may verify something signed at {@code atMillis}: an old key up to its expiry;
         * a current key up to its validity when {@code enforceValidity} (room versions 5 and later,
         * and requests), at any time otherwise.
         */
        public boolean validAt(long atMillis, boolean enforceValidity) {
            if (expiredTs != null) {
                return atMillis < expiredTs;
            }
            return !enforceValidity || atMillis <= validUntilTs;
        }
    }

    /** A server's last signed response and its validity. */
    public record StoredResponse(Map<String, Object> json, long validUntilTs) {
    }

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    /** Records a verified response: its own transaction, so a failed caller does not lose it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void save(PublishedKeys keys, Map<String, Object> response, long fetchedTs) {
        String server = keys.serverName();
        String json = Json.write(response);
        ServerKeyResponseEntity stored = em.find(ServerKeyResponseEntity.class, server);
        if (stored == null) {
            em.persist(new ServerKeyResponseEntity(server, json, keys.validUntilTs(), fetchedTs));
        } else {
            stored.replace(json, keys.validUntilTs(), fetchedTs);
        }
        keys.verifyKeys().forEach((keyId, key) -> {
            ServerVerifyKeyEntity row = em.find(ServerVerifyKeyEntity.class, ServerVerifyKeyEntity.Key.of(server, keyId));
            if (row == null) {
                em.persist(new ServerVerifyKeyEntity(server, keyId, UnpaddedBase64.encode(key), keys.validUntilTs(), null));
            } else {
                row.seenCurrent(keys.validUntilTs());
            }
        });
        keys.oldVerifyKeys().forEach((keyId, old) -> {
            ServerVerifyKeyEntity row = em.find(ServerVerifyKeyEntity.class, ServerVerifyKeyEntity.Key.of(server, keyId));
            if (row == null) {
                em.persist(new ServerVerifyKeyEntity(server, keyId, UnpaddedBase64.encode(old.key()), old.expiredTs(),
                        old.expiredTs()));
            } else {
                row.seenOld(old.expiredTs());
            }
        });
    }

    public Optional<StoredKey> key(String server, String keyId) {
        ServerVerifyKeyEntity row = em.find(ServerVerifyKeyEntity.class, ServerVerifyKeyEntity.Key.of(server, keyId));
        return row == null ? Optional.empty()
                : Optional.of(new StoredKey(UnpaddedBase64.decode(row.getPublicKey()), row.getValidUntilTs(),
                        row.getExpiredTs()));
    }

    @SuppressWarnings("unchecked")
    public Optional<StoredResponse> response(String server) {
        ServerKeyResponseEntity row = em.find(ServerKeyResponseEntity.class, server);
        return row == null ? Optional.empty()
                : Optional.of(new StoredResponse((Map<String, Object>) Json.parse(row.getResponseJson()),
                        row.getValidUntilTs()));
    }
}
