package org.weft.persistence.rooms;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A room a user has forgotten (POST /rooms/{roomId}/forget). */
@Entity
@Table(name = "room_forgotten")
@IdClass(ForgottenRoomEntity.ForgottenRoomKey.class)
public class ForgottenRoomEntity {

    @Id
    @Column(name = "user_id", length = 255)
    private String userId;

    @Id
    @Column(name = "room_id", length = 255)
    private String roomId;

    protected ForgottenRoomEntity() {
        // for JPA
    }

    public ForgottenRoomEntity(String userId, String roomId) {
        this.userId = userId;
        this.roomId = roomId;
    }

    public String getUserId() {
        return userId;
    }

    public String getRoomId() {
        return roomId;
    }

    /** The composite key. */
    public static class ForgottenRoomKey implements Serializable {

        private static final long serialVersionUID = 1L;

        private String userId;
        private String roomId;

        public ForgottenRoomKey() {
            // for JPA
        }

        public ForgottenRoomKey(String userId, String roomId) {
            this.userId = userId;
            this.roomId = roomId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ForgottenRoomKey k && Objects.equals(userId, k.userId) && Objects.equals(roomId, k.roomId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, roomId);
        }
    }
}
