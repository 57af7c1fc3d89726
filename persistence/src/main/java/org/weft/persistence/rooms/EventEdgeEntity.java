package org.weft.persistence.rooms;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A prev_events edge of the event graph (server-server API "PDUs"). */
@Entity
@Table(name = "event_edges")
@IdClass(EventEdgeEntity.EventEdgeKey.class)
public class EventEdgeEntity {

    @Id
    @Column(name = "event_id", length = 255)
    private String eventId;

    @Id
    @Column(name = "prev_event_id", length = 255)
    private String prevEventId;

    protected EventEdgeEntity() {
        // for JPA
    }

    public EventEdgeEntity(String eventId, String prevEventId) {
        this.eventId = eventId;
        this.prevEventId = prevEventId;
    }

    public String getEventId() {
        return eventId;
    }

    public String getPrevEventId() {
        return prevEventId;
    }

    /** The composite key. */
    public static class EventEdgeKey implements Serializable {

        private static final long serialVersionUID = 1L;

        private String eventId;
        private String prevEventId;

        public EventEdgeKey() {
            // for JPA
        }

        public EventEdgeKey(String eventId, String prevEventId) {
            this.eventId = eventId;
            this.prevEventId = prevEventId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof EventEdgeKey k && Objects.equals(eventId, k.eventId) && Objects.equals(prevEventId, k.prevEventId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(eventId, prevEventId);
        }
    }
}
