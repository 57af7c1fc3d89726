package org.weft.persistence.sync;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A send-to-device message waiting in its device's inbox, keyed by its stream position. */
@Entity
@Table(name = "device_inbox")
public class DeviceMessageEntity {

    @Id
    @Column(name = "stream_pos")
    private long streamPos;

    @Column(name = "user_id", nullable = false, length = 255)
    private String userId;

    @Column(name = "device_id", nullable = false, length = 255)
    private String deviceId;

    @Column(name = "sender", nullable = false, length = 255)
    private String sender;

    @Column(name = "event_type", nullable = false, length = 255)
    private String type;

    @Column(name = "content", nullable = false, length = 100000)
    private String content;

    protected DeviceMessageEntity() {
        // for JPA
    }

    public DeviceMessageEntity(long streamPos, String userId, String deviceId, String sender, String type, String content) {
        this.streamPos = streamPos;
        this.userId = userId;
        this.deviceId = deviceId;
        this.sender = sender;
        this.type = type;
        this.content = content;
    }

    public long getStreamPos() {
        return streamPos;
    }

    public String getUserId() {
        return userId;
    }

    public String getDeviceId() {
        return deviceId;
    }

    public String getSender() {
        return sender;
    }

    public String getType() {
        return type;
    }

    public String getContent() {
        return content;
    }
}
