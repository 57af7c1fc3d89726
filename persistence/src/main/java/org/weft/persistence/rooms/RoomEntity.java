package org.weft.persistence.rooms;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A room this server takes part in (spec "Room structure"): its version, creator, directory
 * visibility, and pointers that make the next event cheap to build (current state group, depth).
 */
@Entity
@Table(name = "rooms")
@NamedQuery(name = RoomEntity.FIND_PUBLIC, query = "select r from RoomEntity r where r.published = true order by r.roomId")
public class RoomEntity {

    public static final String FIND_PUBLIC = "RoomEntity.findPublic";

    @Id
    @Column(name = "room_id", length = 255)
    private String roomId;

    @Column(name = "room_version", nullable = false, length = 32)
    private String roomVersion;

    @Column(name = "creator", nullable = false, length = 255)
    private String creator;

    @Column(name = "is_public", nullable = false)
    private boolean published;

    @Column(name = "created_ts", nullable = false)
    private long createdTs;

    // The next three change with every event and are written with the event's own rows in one
    // statement batch (ejb EventRows.addRoomAdvance), never by a JPA flush: hence not updatable.
    @Column(name = "current_state_group", updatable = false)
    private Long currentStateGroup;

    @Column(name = "max_depth", nullable = false, updatable = false)
    private long maxDepth;

    @Column(name = "forward_extremities", nullable = false, length = 20000, updatable = false)
    private String forwardExtremities = "";

    protected RoomEntity() {
        // for JPA
    }

    public RoomEntity(String roomId, String roomVersion, String creator, boolean published, long createdTs) {
        this.roomId = roomId;
        this.roomVersion = roomVersion;
        this.creator = creator;
        this.published = published;
        this.createdTs = createdTs;
    }

    public String getRoomId() {
        return roomId;
    }

    /**
     * Sets the version of a room known only from an invite that named none (a {@code /v1/invite}),
     * once the join says which it is; never for a room with state.
     */
    public void correctRoomVersion(String roomVersion) {
        this.roomVersion = roomVersion;
    }

    public String getRoomVersion() {
        return roomVersion;
    }

    public String getCreator() {
        return creator;
    }

    public boolean isPublished() {
        return published;
    }

    public void setPublished(boolean published) {
        this.published = published;
    }

    public long getCreatedTs() {
        return createdTs;
    }

    public Long getCurrentStateGroup() {
        return currentStateGroup;
    }

    public long getMaxDepth() {
        return maxDepth;
    }

    /** The events the next event will reference as prev_events, sorted. */
    public java.util.List<String> getForwardExtremities() {
        return forwardExtremities.isEmpty() ? java.util.List.of()
                : java.util.Arrays.stream(forwardExtremities.split(" ")).sorted().toList();
    }

    /**
     * Records a newly appended local event: it references every former extremity, so it becomes
     * the only one. Changes this object only: the caller writes the columns (they are not
     * updatable through JPA).
     */
    public void advance(String eventId, long depth, long stateGroup) {
        this.maxDepth = Math.max(maxDepth, depth);
        this.currentStateGroup = stateGroup;
        this.forwardExtremities = eventId;
    }

    /**
     * Records an event received from another server: its extremities are the former ones it does
     * not reference, plus itself, and the current state may be a resolution of several. Changes
     * this object only, as {@link #advance} does.
     */
    public void setHead(java.util.List<String> extremities, long depth, long stateGroup) {
        this.maxDepth = Math.max(maxDepth, depth);
        this.currentStateGroup = stateGroup;
        this.forwardExtremities = String.join(" ", extremities);
    }
}
