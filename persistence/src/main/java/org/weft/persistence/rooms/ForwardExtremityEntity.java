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

/** An event of a room no other event references yet: a prev_event of the next event. */
@Entity
@Table(name = "room_forward_extremities")
@IdClass(ForwardExtremityEntity.ForwardExtremityKey.class)
@NamedQueries({
    @NamedQuery(name = ForwardExtremityEntity.FIND_BY_ROOM, query = "select f from ForwardExtremityEntity f where f.roomId = :roomId"),
    @NamedQuery(name = ForwardExtremityEntity.DELETE_BY_ROOM, query = "delete from ForwardExtremityEntity f where f.roomId = :roomId")
})
public class ForwardExtremityEntity {

    public static final String FIND_BY_ROOM = "ForwardExtremityEntity.findByRoom";
    public static final String DELETE_BY_ROOM = "ForwardExtremityEntity.deleteByRoom";

    @Id
    @Column(name = "room_id", length = 255)
    private String roomId;

    @Id
    @Column(name = "event_id", length = 255)
    private String eventId;

    protected ForwardExtremityEntity() {
        // for JPA
    }

    public ForwardExtremityEntity(String roomId, String eventId) {
        this.roomId = roomId;
        this.eventId = eventId;
    }

    public String getRoomId() {
        return roomId;
    }

    public String getEventId() {
        return eventId;
    }

    /** The composite key. */
    public static class ForwardExtremityKey implements Serializable {

        private static final long serialVersionUID = 1L;

        private String roomId;
        private String eventId;

        public ForwardExtremityKey() {
            // for JPA
        }

        public ForwardExtremityKey(String roomId, String eventId) {
            this.roomId = roomId;
            this.eventId = eventId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ForwardExtremityKey k && Objects.equals(roomId, k.roomId) && Objects.equals(eventId, k.eventId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(roomId, eventId);
        }
    }
}
