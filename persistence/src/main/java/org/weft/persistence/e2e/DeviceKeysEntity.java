package org.weft.persistence.e2e;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A device's signed identity keys, as the device uploaded them. */
@Entity
@Table(name = "e2e_device_keys")
@IdClass(DeviceKeysEntity.Key.class)
public class DeviceKeysEntity {

    @Id
    @Column(name = "user_id", length = 255)
    private String userId;

    @Id
    @Column(name = "device_id", length = 255)
    private String deviceId;

    @Column(name = "key_json", nullable = false, length = 100000)
    private String json;

    @Column(name = "stream_pos", nullable = false)
    private long streamPos;

    protected DeviceKeysEntity() {
        // for JPA
    }

    public DeviceKeysEntity(String userId, String deviceId, String json, long streamPos) {
        this.userId = userId;
        this.deviceId = deviceId;
        update(json, streamPos);
    }

    public final void update(String json, long streamPos) {
        this.json = json;
        this.streamPos = streamPos;
    }

    public String getUserId() {
        return userId;
    }

    public String getDeviceId() {
        return deviceId;
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
        private String deviceId;

        public Key() {
            // for JPA
        }

        public Key(String userId, String deviceId) {
            this.userId = userId;
            this.deviceId = deviceId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(userId, k.userId) && Objects.equals(deviceId, k.deviceId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, deviceId);
        }
    }
}
