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

/** One (type, state_key) -> event_id entry of a state group (or of its delta). */
@Entity
@Table(name = "state_group_entries")
@IdClass(StateGroupEntryEntity.StateGroupEntryKey.class)
@NamedQuery(name = StateGroupEntryEntity.FIND_BY_GROUP, query = "select e from StateGroupEntryEntity e where e.groupId = :groupId")
public class StateGroupEntryEntity {

    public static final String FIND_BY_GROUP = "StateGroupEntryEntity.findByGroup";

    @Id
    @Column(name = "group_id")
    private long groupId;

    @Id
    @Column(name = "type", length = 255)
    private String type;

    @Id
    @Column(name = "state_key", length = 255)
    private String stateKey;

    @Column(name = "event_id", nullable = false, length = 255)
    private String eventId;

    protected StateGroupEntryEntity() {
        // for JPA
    }

    public StateGroupEntryEntity(long groupId, String type, String stateKey, String eventId) {
        this.groupId = groupId;
        this.type = type;
        this.stateKey = stateKey;
        this.eventId = eventId;
    }

    public long getGroupId() {
        return groupId;
    }

    public String getType() {
        return type;
    }

    public String getStateKey() {
        return stateKey;
    }

    public String getEventId() {
        return eventId;
    }

    /** The composite key. */
    public static class StateGroupEntryKey implements Serializable {

        private static final long serialVersionUID = 1L;

        private long groupId;
        private String type;
        private String stateKey;

        public StateGroupEntryKey() {
            // for JPA
        }

        public StateGroupEntryKey(long groupId, String type, String stateKey) {
            this.groupId = groupId;
            this.type = type;
            this.stateKey = stateKey;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof StateGroupEntryKey k && Objects.equals(groupId, k.groupId) && Objects.equals(type, k.type) && Objects.equals(stateKey, k.stateKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(groupId, type, stateKey);
        }
    }
}
