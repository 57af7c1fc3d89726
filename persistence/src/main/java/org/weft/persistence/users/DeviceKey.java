package org.weft.persistence.users;

import java.io.Serializable;
import java.util.Objects;

/** Composite key of {@link DeviceEntity}: device IDs are only unique per user. */
public class DeviceKey implements Serializable {

    private static final long serialVersionUID = 1L;

    private String userId;
    private String deviceId;

    public DeviceKey() {
        // for JPA
    }

    public DeviceKey(String userId, String deviceId) {
        this.userId = userId;
        this.deviceId = deviceId;
    }

    public String getUserId() {
        return userId;
    }

    public String getDeviceId() {
        return deviceId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceKey k && Objects.equals(userId, k.userId)
                && Objects.equals(deviceId, k.deviceId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(userId, deviceId);
    }
}
