package org.weft.persistence.sync;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A user's latest receipt of one type in a room and thread (thread '' when unthreaded). */
@Entity
@Table(name = "receipts")
@IdClass(ReceiptEntity.Key.class)
@NamedQuery(name = ReceiptEntity.SINCE, query = "select r from ReceiptEntity r where r.roomId in :rooms"
        + " and r.streamPos > :since and r.streamPos <= :upTo")
public class ReceiptEntity {

    public static final String SINCE = "ReceiptEntity.since";

    @Id
    @Column(name = "room_id", length = 255)
    private String roomId;

    @Id
    @Column(name = "user_id", length = 255)
    private String userId;

    @Id
    @Column(name = "receipt_type", length = 255)
    private String receiptType;

    @Id
    @Column(name = "thread_id", length = 255)
    private String threadId;

    @Column(name = "event_id", nullable = false, length = 255)
    private String eventId;

    @Column(name = "ts", nullable = false)
    private long ts;

    @Column(name = "stream_pos", nullable = false)
    private long streamPos;

    protected ReceiptEntity() {
        // for JPA
    }

    public ReceiptEntity(String roomId, String userId, String receiptType, String threadId) {
        this.roomId = roomId;
        this.userId = userId;
        this.receiptType = receiptType;
        this.threadId = threadId;
    }

    public void update(String eventId, long ts, long streamPos) {
        this.eventId = eventId;
        this.ts = ts;
        this.streamPos = streamPos;
    }

    public String getRoomId() {
        return roomId;
    }

    public String getUserId() {
        return userId;
    }

    public String getReceiptType() {
        return receiptType;
    }

    public String getThreadId() {
        return threadId;
    }

    public String getEventId() {
        return eventId;
    }

    public long getTs() {
        return ts;
    }

    public long getStreamPos() {
        return streamPos;
    }

    /** The composite key. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String roomId;
        private String userId;
        private String receiptType;
        private String threadId;

        public Key() {
            // for JPA
        }

        public Key(String roomId, String userId, String receiptType, String threadId) {
            this.roomId = roomId;
            this.userId = userId;
            this.receiptType = receiptType;
            this.threadId = threadId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(roomId, k.roomId) && Objects.equals(userId, k.userId)
                    && Objects.equals(receiptType, k.receiptType) && Objects.equals(threadId, k.threadId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(roomId, userId, receiptType, threadId);
        }
    }
}
