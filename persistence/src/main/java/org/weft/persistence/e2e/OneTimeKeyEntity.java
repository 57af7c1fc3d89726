package org.weft.persistence.e2e;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A device's one-time key (claimed once, then deleted) or fallback key (reused, marked used). */
@Entity
@Table(name = "e2e_one_time_keys")
@IdClass(OneTimeKeyEntity.Key.class)
public class OneTimeKeyEntity {

    @Id
    @Column(name = "user_id", length = 255)
    private String userId;

    @Id
    @Column(name = "device_id", length = 255)
    private String deviceId;

    /** {@code <algorithm>:<key id>}, as uploaded. */
    @Id
    @Column(name = "key_id", length = 255)
    private String keyId;

    @Id
    @Column(name = "fallback")
    private boolean fallback;

    @Column(name = "algorithm", nullable = false, length = 255)
    private String algorithm;

    @Column(name = "key_json", nullable = false, length = 100000)
    private String json;

    @Column(name = "used", nullable = false)
    private boolean used;

    protected OneTimeKeyEntity() {
        // for JPA
    }

    public OneTimeKeyEntity(String userId, String deviceId, String keyId, boolean fallback, String json) {
        this.userId = userId;
        this.deviceId = deviceId;
        this.keyId = keyId;
        this.fallback = fallback;
        int colon = keyId.indexOf(':');
        this.algorithm = colon < 0 ? keyId : keyId.substring(0, colon);
        this.json = json;
    }

    public String getUserId() {
        return userId;
    }

    public String getDeviceId() {
        return deviceId;
    }

    public String getKeyId() {
        return keyId;
    }

    public boolean isFallback() {
        return fallback;
    }

    public String getAlgorithm() {
        return algorithm;
    }

    public String getJson() {
        return json;
    }

    public boolean isUsed() {
        return used;
    }

    public void markUsed() {
        this.used = true;
    }

    /** The composite key. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String userId;
        private String deviceId;
        private String keyId;
        private boolean fallback;

        public Key() {
            // for JPA
        }

        public Key(String userId, String deviceId, String keyId, boolean fallback) {
            this.userId = userId;
            this.deviceId = deviceId;
            this.keyId = keyId;
            this.fallback = fallback;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(userId, k.userId) && Objects.equals(deviceId, k.deviceId)
                    && Objects.equals(keyId, k.keyId) && fallback == k.fallback;
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, deviceId, keyId, fallback);
        }
    }
}
