package org.weft.persistence.e2e;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A local user's device list version: the stream position of its last change. Other servers know
 * it as the {@code stream_id} of the user's device list (server-server API, "Device Management").
 */
@Entity
@Table(name = "device_list_versions")
public class DeviceListVersionEntity {

    @Id
    @Column(name = "user_id", length = 255)
    private String userId;

    @Column(name = "stream_pos", nullable = false)
    private long streamPos;

    protected DeviceListVersionEntity() {
        // for JPA
    }

    public DeviceListVersionEntity(String userId, long streamPos) {
        this.userId = userId;
        this.streamPos = streamPos;
    }

    public String getUserId() {
        return userId;
    }

    public long getStreamPos() {
        return streamPos;
    }

    public void setStreamPos(long streamPos) {
        this.streamPos = streamPos;
    }
}
