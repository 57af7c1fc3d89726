package org.weft.persistence.rooms;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One room event (server-server API "PDUs"): its JSON exactly as hashed and signed, plus indexed
 * columns. {@code streamOrdering} is the global position tokens refer to.
 */
@Entity
@Table(name = "events")
@NamedQueries({
    @NamedQuery(name = EventEntity.FIND_BY_EVENT_ID, query = "select e from EventEntity e where e.eventId = :eventId"),
    @NamedQuery(name = EventEntity.ROOM_FORWARD,
            query = "select e from EventEntity e where e.roomId = :roomId and e.streamOrdering > :from"
                    + " and e.streamOrdering <= :to order by e.streamOrdering asc"),
    @NamedQuery(name = EventEntity.ROOM_BACKWARD,
            query = "select e from EventEntity e where e.roomId = :roomId and e.streamOrdering <= :from"
                    + " and e.streamOrdering > :to order by e.streamOrdering desc"),
    @NamedQuery(name = EventEntity.MAX_STREAM, query = "select max(e.streamOrdering) from EventEntity e")
})
public class EventEntity {

    public static final String FIND_BY_EVENT_ID = "EventEntity.findByEventId";
    public static final String ROOM_FORWARD = "EventEntity.roomForward";
    public static final String ROOM_BACKWARD = "EventEntity.roomBackward";
    public static final String MAX_STREAM = "EventEntity.maxStream";

    @Id
    @Column(name = "stream_ordering")
    private long streamOrdering;

    @Column(name = "event_id", nullable = false, length = 255)
    private String eventId;

    @Column(name = "room_id", nullable = false, length = 255)
    private String roomId;

    @Column(name = "type", nullable = false, length = 255)
    private String type;

    @Column(name = "state_key", length = 255)
    private String stateKey;

    @Column(name = "sender", nullable = false, length = 255)
    private String sender;

    @Column(name = "depth", nullable = false)
    private long depth;

    @Column(name = "origin_server_ts", nullable = false)
    private long originServerTs;

    @Column(name = "state_group", nullable = false)
    private long stateGroup;

    @Column(name = "redacted_by", length = 255)
    private String redactedBy;

    @Column(name = "json", nullable = false, length = 100000)
    private String json;

    protected EventEntity() {
        // for JPA
    }

    public long getStreamOrdering() {
        return streamOrdering;
    }

    public String getEventId() {
        return eventId;
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

    public String getSender() {
        return sender;
    }

    public long getDepth() {
        return depth;
    }

    public long getOriginServerTs() {
        return originServerTs;
    }

    public long getStateGroup() {
        return stateGroup;
    }

    public String getRedactedBy() {
        return redactedBy;
    }

    public void setRedactedBy(String redactedBy) {
        this.redactedBy = redactedBy;
    }

    public String getJson() {
        return json;
    }
}
