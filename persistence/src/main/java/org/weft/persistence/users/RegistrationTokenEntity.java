package org.weft.persistence.users;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A registration token (client-server API, "Token-authenticated registration"), managed by
 * admins through the Synapse-compatible admin API.
 */
@Entity
@Table(name = "registration_tokens")
@NamedQuery(name = RegistrationTokenEntity.FIND_ALL,
        query = "select t from RegistrationTokenEntity t order by t.token")
public class RegistrationTokenEntity {

    public static final String FIND_ALL = "RegistrationTokenEntity.findAll";

    @Id
    @Column(name = "token", length = 64)
    private String token;

    @Column(name = "uses_allowed")
    private Integer usesAllowed;

    /** Kept for admin-API compatibility; Weft counts uses when a registration completes. */
    @Column(name = "pending", nullable = false)
    private int pending;

    @Column(name = "completed", nullable = false)
    private int completed;

    @Column(name = "expiry_ts")
    private Long expiryTs;

    protected RegistrationTokenEntity() {
        // for JPA
    }

    public RegistrationTokenEntity(String token, Integer usesAllowed, Long expiryTs) {
        this.token = token;
        this.usesAllowed = usesAllowed;
        this.expiryTs = expiryTs;
    }

    /** Usable now: not expired and not used up. */
    public boolean isValidAt(long nowMs) {
        boolean expired = expiryTs != null && expiryTs <= nowMs;
        boolean usedUp = usesAllowed != null && pending + completed >= usesAllowed;
        return !expired && !usedUp;
    }

    public void recordCompletedUse() {
        completed++;
    }

    public String getToken() {
        return token;
    }

    public Integer getUsesAllowed() {
        return usesAllowed;
    }

    public void setUsesAllowed(Integer usesAllowed) {
        this.usesAllowed = usesAllowed;
    }

    public int getPending() {
        return pending;
    }

    public int getCompleted() {
        return completed;
    }

    public Long getExpiryTs() {
        return expiryTs;
    }

    public void setExpiryTs(Long expiryTs) {
        this.expiryTs = expiryTs;
    }
}
