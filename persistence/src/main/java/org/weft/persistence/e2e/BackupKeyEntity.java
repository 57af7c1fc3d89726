package org.weft.persistence.e2e;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** One backed-up Megolm session key (KeyBackupData, as the client encrypted it). */
@Entity
@Table(name = "e2e_backup_keys")
@IdClass(BackupKeyEntity.Key.class)
public class BackupKeyEntity {

    @Id
    @Column(name = "user_id", length = 255)
    private String userId;

    @Id
    @Column(name = "version")
    private long version;

    @Id
    @Column(name = "room_id", length = 255)
    private String roomId;

    @Id
    @Column(name = "session_id", length = 255)
    private String sessionId;

    @Column(name = "key_json", nullable = false, length = 100000)
    private String json;

    protected BackupKeyEntity() {
        // for JPA
    }

    public BackupKeyEntity(String userId, long version, String roomId, String sessionId, String json) {
        this.userId = userId;
        this.version = version;
        this.roomId = roomId;
        this.sessionId = sessionId;
        this.json = json;
    }

    public String getRoomId() {
        return roomId;
    }

    public String getSessionId() {
        return sessionId;
    }

    public String getJson() {
        return json;
    }

    public void setJson(String json) {
        this.json = json;
    }

    /** The composite key. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String userId;
        private long version;
        private String roomId;
        private String sessionId;

        public Key() {
            // for JPA
        }

        public Key(String userId, long version, String roomId, String sessionId) {
            this.userId = userId;
            this.version = version;
            this.roomId = roomId;
            this.sessionId = sessionId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(userId, k.userId) && version == k.version
                    && Objects.equals(roomId, k.roomId) && Objects.equals(sessionId, k.sessionId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, version, roomId, sessionId);
        }
    }
}
