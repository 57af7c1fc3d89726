package org.weft.persistence.rooms;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A room alias of this server and the room it points to (client-server API "Room aliases"). */
@Entity
@Table(name = "room_aliases")
@NamedQuery(name = RoomAliasEntity.FIND_BY_ROOM, query = "select a from RoomAliasEntity a where a.roomId = :roomId order by a.roomAlias")
public class RoomAliasEntity {

    public static final String FIND_BY_ROOM = "RoomAliasEntity.findByRoom";

    @Id
    @Column(name = "room_alias", length = 255)
    private String roomAlias;

    @Column(name = "room_id", nullable = false, length = 255)
    private String roomId;

    @Column(name = "creator", nullable = false, length = 255)
    private String creator;

    @Column(name = "created_ts", nullable = false)
    private long createdTs;

    protected RoomAliasEntity() {
        // for JPA
    }

    public RoomAliasEntity(String roomAlias, String roomId, String creator, long createdTs) {
        this.roomAlias = roomAlias;
        this.roomId = roomId;
        this.creator = creator;
        this.createdTs = createdTs;
    }

    public String getRoomAlias() {
        return roomAlias;
    }

    public String getRoomId() {
        return roomId;
    }

    public String getCreator() {
        return creator;
    }

    public long getCreatedTs() {
        return createdTs;
    }

}
