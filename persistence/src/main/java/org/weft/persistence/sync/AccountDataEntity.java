package org.weft.persistence.sync;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** One account data object of a user: global when {@code roomId} is '', else for that room. */
@Entity
@Table(name = "account_data")
@IdClass(AccountDataEntity.Key.class)
@NamedQuery(name = AccountDataEntity.SINCE, query = "select a from AccountDataEntity a where a.userId = :userId"
        + " and a.streamPos > :since and a.streamPos <= :upTo")
public class AccountDataEntity {

    public static final String SINCE = "AccountDataEntity.since";

    /** The room ID column's value for global account data. */
    public static final String GLOBAL = "";

    @Id
    @Column(name = "user_id", length = 255)
    private String userId;

    @Id
    @Column(name = "room_id", length = 255)
    private String roomId;

    @Id
    @Column(name = "data_type", length = 255)
    private String type;

    @Column(name = "content", nullable = false, length = 100000)
    private String content;

    @Column(name = "stream_pos", nullable = false)
    private long streamPos;

    protected AccountDataEntity() {
        // for JPA
    }

    public AccountDataEntity(String userId, String roomId, String type) {
        this.userId = userId;
        this.roomId = roomId;
        this.type = type;
    }

    public void update(String content, long streamPos) {
        this.content = content;
        this.streamPos = streamPos;
    }

    public String getUserId() {
        return userId;
    }

    public String getRoomId() {
        return roomId;
    }

    public String getType() {
        return type;
    }

    public String getContent() {
        return content;
    }

    public long getStreamPos() {
        return streamPos;
    }

    /** The composite key. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String userId;
        private String roomId;
        private String type;

        public Key() {
            // for JPA
        }

        public Key(String userId, String roomId, String type) {
            this.userId = userId;
            this.roomId = roomId;
            this.type = type;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(userId, k.userId) && Objects.equals(roomId, k.roomId)
                    && Objects.equals(type, k.type);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, roomId, type);
        }
    }
}
