package org.weft.persistence.rooms;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A client transaction ID and the event it created (client-server API "Transaction identifiers"). */
@Entity
@Table(name = "event_txn_ids")
@IdClass(EventTxnEntity.EventTxnKey.class)
public class EventTxnEntity {

    @Id
    @Column(name = "user_id", length = 255)
    private String userId;

    @Id
    @Column(name = "device_id", length = 255)
    private String deviceId;

    @Id
    @Column(name = "scope", length = 1024)
    private String scope;

    @Id
    @Column(name = "txn_id", length = 255)
    private String txnId;

    @Column(name = "event_id", nullable = false, length = 255)
    private String eventId;

    @Column(name = "created_ts", nullable = false)
    private long createdTs;

    /** The event's stream position (V007: how an event's transaction ID is found); null for to-device. */
    @Column(name = "event_stream")
    private Long eventStream;

    protected EventTxnEntity() {
        // for JPA
    }

    public EventTxnEntity(String userId, String deviceId, String scope, String txnId, String eventId, Long eventStream,
                          long createdTs) {
        this.userId = userId;
        this.eventStream = eventStream;
        this.deviceId = deviceId;
        this.scope = scope;
        this.txnId = txnId;
        this.eventId = eventId;
        this.createdTs = createdTs;
    }

    public String getUserId() {
        return userId;
    }

    public String getDeviceId() {
        return deviceId;
    }

    public String getScope() {
        return scope;
    }

    public String getTxnId() {
        return txnId;
    }

    public String getEventId() {
        return eventId;
    }

    public Long getEventStream() {
        return eventStream;
    }

    public long getCreatedTs() {
        return createdTs;
    }

    /** The composite key. */
    public static class EventTxnKey implements Serializable {

        private static final long serialVersionUID = 1L;

        private String userId;
        private String deviceId;
        private String scope;
        private String txnId;

        public EventTxnKey() {
            // for JPA
        }

        public EventTxnKey(String userId, String deviceId, String scope, String txnId) {
            this.userId = userId;
            this.deviceId = deviceId;
            this.scope = scope;
            this.txnId = txnId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof EventTxnKey k && Objects.equals(userId, k.userId) && Objects.equals(deviceId, k.deviceId) && Objects.equals(scope, k.scope) && Objects.equals(txnId, k.txnId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, deviceId, scope, txnId);
        }
    }
}
