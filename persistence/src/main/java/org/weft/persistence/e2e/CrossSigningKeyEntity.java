package org.weft.persistence.e2e;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** One of a user's cross-signing keys: {@code master}, {@code self_signing} or {@code user_signing}. */
@Entity
@Table(name = "e2e_cross_signing_keys")
@IdClass(CrossSigningKeyEntity.Key.class)
public class CrossSigningKeyEntity {

    @Id
    @Column(name = "user_id", length = 255)
    private String userId;

    @Id
    @Column(name = "key_type", length = 32)
    private String keyType;

    @Column(name = "key_json", nullable = false, length = 100000)
    private String json;

    @Column(name = "stream_pos", nullable = false)
    private long streamPos;

    protected CrossSigningKeyEntity() {
        // for JPA
    }

    public CrossSigningKeyEntity(String userId, String keyType, String json, long streamPos) {
        this.userId = userId;
        this.keyType = keyType;
        update(json, streamPos);
    }

    public final void update(String json, long streamPos) {
        this.json = json;
        this.streamPos = streamPos;
    }

    public String getUserId() {
        return userId;
    }

    public String getKeyType() {
        return keyType;
    }

    public String getJson() {
        return json;
    }

    public long getStreamPos() {
        return streamPos;
    }

    /** The composite key. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String userId;
        private String keyType;

        public Key() {
            // for JPA
        }

        public Key(String userId, String keyType) {
            this.userId = userId;
            this.keyType = keyType;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(userId, k.userId) && Objects.equals(keyType, k.keyType);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, keyType);
        }
    }
}
