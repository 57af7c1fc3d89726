package org.weft.persistence.rooms;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * An edge of the event graph (server-server API "PDUs"): one of an event's prev_events or
 * auth_events. Keyed by the referencing event's stream position, so new edges append (V007).
 * Rows are written by the send path with plain JDBC ({@code EventRows}); this maps them for reads.
 */
@Entity
@Table(name = "event_graph_edges")
@IdClass(EventEdgeEntity.EventEdgeKey.class)
public class EventEdgeEntity {

    /** {@link #getKind()} of a prev_events edge. */
    public static final String PREV = "p";
    /** {@link #getKind()} of an auth_events edge. */
    public static final String AUTH = "a";

    @Id
    @Column(name = "event_stream")
    private long eventStream;

    @Id
    @Column(name = "kind", length = 1)
    private String kind;

    @Id
    @Column(name = "target_event_id", length = 255)
    private String targetEventId;

    protected EventEdgeEntity() {
        // for JPA
    }

    /** The stream position of the event that holds the edge. */
    public long getEventStream() {
        return eventStream;
    }

    /** {@link #PREV} or {@link #AUTH}. */
    public String getKind() {
        return kind;
    }

    public String getTargetEventId() {
        return targetEventId;
    }

    /** The composite key. */
    public static class EventEdgeKey implements Serializable {

        private static final long serialVersionUID = 1L;

        private long eventStream;
        private String kind;
        private String targetEventId;

        public EventEdgeKey() {
            // for JPA
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof EventEdgeKey k && eventStream == k.eventStream && Objects.equals(kind, k.kind)
                    && Objects.equals(targetEventId, k.targetEventId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(eventStream, kind, targetEventId);
        }
    }
}
