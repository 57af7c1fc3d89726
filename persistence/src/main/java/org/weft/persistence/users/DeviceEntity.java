package org.weft.persistence.users;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A user's device (client-server API, "Device management"). */
@Entity
@Table(name = "devices")
@IdClass(DeviceKey.class)
@NamedQuery(name = DeviceEntity.FIND_BY_USER,
        query = "select d from DeviceEntity d where d.userId = :userId order by d.deviceId")
public class DeviceEntity {

    public static final String FIND_BY_USER = "DeviceEntity.findByUser";

    @Id
    @Column(name = "user_id", length = 255)
    private String userId;

    @Id
    @Column(name = "device_id", length = 255)
    private String deviceId;

    @Column(name = "display_name", length = 1024)
    private String displayName;

    @Column(name = "created_ts", nullable = false)
    private long createdTs;

    @Column(name = "last_seen_ts")
    private Long lastSeenTs;

    @Column(name = "last_seen_ip", length = 64)
    private String lastSeenIp;

    protected DeviceEntity() {
        // for JPA
    }

    public DeviceEntity(String userId, String deviceId, String displayName, long createdTs) {
        this.userId = userId;
        this.deviceId = deviceId;
        this.displayName = displayName;
        this.createdTs = createdTs;
    }

    public String getUserId() {
        return userId;
    }

    public String getDeviceId() {
        return deviceId;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public long getCreatedTs() {
        return createdTs;
    }

    public Long getLastSeenTs() {
        return lastSeenTs;
    }

    public String getLastSeenIp() {
        return lastSeenIp;
    }

    public void seen(long ts, String ip) {
        this.lastSeenTs = ts;
        this.lastSeenIp = ip;
    }
}
