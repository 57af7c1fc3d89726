package org.weft.persistence.rooms;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** One entry of a room's current state, with the membership of m.room.member entries for membership queries. */
@Entity
@Table(name = "room_current_state")
@IdClass(CurrentStateEntity.CurrentStateKey.class)
@NamedQueries({
    @NamedQuery(name = CurrentStateEntity.FIND_BY_ROOM, query = "select s from CurrentStateEntity s where s.roomId = :roomId"),
    @NamedQuery(name = CurrentStateEntity.ROOMS_OF_USER, query = "select s.roomId from CurrentStateEntity s where s.type = 'm.room.member' and s.stateKey = :userId and s.membership = :membership"),
    @NamedQuery(name = CurrentStateEntity.MEMBERS, query = "select s from CurrentStateEntity s where s.roomId = :roomId and s.type = 'm.room.member'")
})
public class CurrentStateEntity {

    public static final String FIND_BY_ROOM = "CurrentStateEntity.findByRoom";
    public static final String ROOMS_OF_USER = "CurrentStateEntity.roomsOfUser";
    public static final String MEMBERS = "CurrentStateEntity.members";

    @Id
    @Column(name = "room_id", length = 255)
    private String roomId;

    @Id
    @Column(name = "type", length = 255)
    private String type;

    @Id
    @Column(name = "state_key", length = 255)
    private String stateKey;

    @Column(name = "event_id", nullable = false, length = 255)
    private String eventId;

    @Column(name = "membership", length = 255)
    private String membership;

    protected CurrentStateEntity() {
        // for JPA
    }

    public CurrentStateEntity(String roomId, String type, String stateKey, String eventId, String membership) {
        this.roomId = roomId;
        this.type = type;
        this.stateKey = stateKey;
        this.eventId = eventId;
        this.membership = membership;
    }

    public String getRoomId() {
        return roomId;
    }

    public String getType() {
        return type;
    }

    public String getStateKey() {
        return stateKey;
    }

    /** Points this state entry at a newer event. */
    public void update(String eventId, String membership) {
        this.eventId = eventId;
        this.membership = membership;
    }

    public String getEventId() {
        return eventId;
    }

    public String getMembership() {
        return membership;
    }

    /** The composite key. */
    public static class CurrentStateKey implements Serializable {

        private static final long serialVersionUID = 1L;

        private String roomId;
        private String type;
        private String stateKey;

        public CurrentStateKey() {
            // for JPA
        }

        public CurrentStateKey(String roomId, String type, String stateKey) {
            this.roomId = roomId;
            this.type = type;
            this.stateKey = stateKey;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CurrentStateKey k && Objects.equals(roomId, k.roomId) && Objects.equals(type, k.type) && Objects.equals(stateKey, k.stateKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(roomId, type, stateKey);
        }
    }
}
