package org.weft.persistence.federation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * One signing key of another server: current (no {@code expiredTs}) with the latest validity seen,
 * or old, with the time the server stopped using it. Kept for good: old events stay checkable.
 */
@Entity
@Table(name = "server_verify_keys")
@IdClass(ServerVerifyKeyEntity.Key.class)
public class ServerVerifyKeyEntity {

    /** The composite primary key: server and key ID. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String serverName;
        private String keyId;

        public Key() {
        }

        public static Key of(String serverName, String keyId) {
            Key key = new Key();
            key.serverName = serverName;
            key.keyId = keyId;
            return key;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(serverName, k.serverName) && Objects.equals(keyId, k.keyId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(serverName, keyId);
        }
    }

    @Id
    @Column(name = "server_name", length = 255)
    private String serverName;

    @Id
    @Column(name = "key_id", length = 255)
    private String keyId;

    @Column(name = "public_key", nullable = false, length = 64)
    private String publicKey;

    @Column(name = "valid_until_ts", nullable = false)
    private long validUntilTs;

    @Column(name = "expired_ts")
    private Long expiredTs;

    protected ServerVerifyKeyEntity() {
    }

    public ServerVerifyKeyEntity(String serverName, String keyId, String publicKey, long validUntilTs, Long expiredTs) {
        this.serverName = serverName;
        this.keyId = keyId;
        this.publicKey = publicKey;
        this.validUntilTs = validUntilTs;
        this.expiredTs = expiredTs;
    }

    /** Seen again as a current key: valid at least until {@code validUntil}. */
    public void seenCurrent(long validUntil) {
        this.validUntilTs = Math.max(validUntilTs, validUntil);
    }

    /** Seen as an old key: the server stopped using it at {@code expired}. */
    public void seenOld(long expired) {
        this.expiredTs = expired;
    }

    public String getServerName() {
        return serverName;
    }

    public String getKeyId() {
        return keyId;
    }

    public String getPublicKey() {
        return publicKey;
    }

    public long getValidUntilTs() {
        return validUntilTs;
    }

    public Long getExpiredTs() {
        return expiredTs;
    }
}
