package org.weft.persistence.sync;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A stored sync filter: the JSON its owner uploaded, under a server-chosen ID. */
@Entity
@Table(name = "sync_filters")
public class FilterEntity {

    @Id
    @Column(name = "filter_id", length = 64)
    private String filterId;

    @Column(name = "user_id", nullable = false, length = 255)
    private String userId;

    @Column(name = "definition", nullable = false, length = 100000)
    private String definition;

    protected FilterEntity() {
        // for JPA
    }

    public FilterEntity(String filterId, String userId, String definition) {
        this.filterId = filterId;
        this.userId = userId;
        this.definition = definition;
    }

    public String getFilterId() {
        return filterId;
    }

    public String getUserId() {
        return userId;
    }

    public String getDefinition() {
        return definition;
    }
}
