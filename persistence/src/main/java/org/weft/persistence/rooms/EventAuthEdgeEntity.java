package org.weft.persistence.rooms;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** An auth_events edge of the event graph (server-server API "Authorization rules"). */
@Entity
@Table(name = "event_auth")
@IdClass(EventAuthEdgeEntity.EventAuthEdgeKey.class)
public class EventAuthEdgeEntity {

    @Id
    @Column(name = "event_id", length = 255)
    private String eventId;

    @Id
    @Column(name = "auth_event_id", length = 255)
    private String authEventId;

    protected EventAuthEdgeEntity() {
        // for JPA
    }

    public EventAuthEdgeEntity(String eventId, String authEventId) {
        this.eventId = eventId;
        this.authEventId = authEventId;
    }

    public String getEventId() {
        return eventId;
    }

    public String getAuthEventId() {
        return authEventId;
    }

    /** The composite key. */
    public static class EventAuthEdgeKey implements Serializable {

        private static final long serialVersionUID = 1L;

        private String eventId;
        private String authEventId;

        public EventAuthEdgeKey() {
            // for JPA
        }

        public EventAuthEdgeKey(String eventId, String authEventId) {
            this.eventId = eventId;
            this.authEventId = authEventId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof EventAuthEdgeKey k && Objects.equals(eventId, k.eventId) && Objects.equals(authEventId, k.authEventId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(eventId, authEventId);
        }
    }
}
