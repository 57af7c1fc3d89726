package org.weft.persistence.rooms;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An immutable state group: whole when prevGroup is null, else a delta over prevGroup. */
@Entity
@Table(name = "state_groups")
public class StateGroupEntity {

    @Id
    @Column(name = "id")
    private long id;

    @Column(name = "room_id", nullable = false, length = 255)
    private String roomId;

    @Column(name = "prev_group")
    private Long prevGroup;

    @Column(name = "chain_length", nullable = false)
    private int chainLength;

    protected StateGroupEntity() {
        // for JPA
    }

    public StateGroupEntity(long id, String roomId, Long prevGroup, int chainLength) {
        this.id = id;
        this.roomId = roomId;
        this.prevGroup = prevGroup;
        this.chainLength = chainLength;
    }

    public long getId() {
        return id;
    }

    public String getRoomId() {
        return roomId;
    }

    public Long getPrevGroup() {
        return prevGroup;
    }

    public int getChainLength() {
        return chainLength;
    }

}
