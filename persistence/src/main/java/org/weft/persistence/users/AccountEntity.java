package org.weft.persistence.users;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A local account (client-server API, "Account registration and management"). Deactivated
 * accounts keep their row so the user ID is never handed out again.
 */
@Entity
@Table(name = "accounts")
@NamedQuery(name = AccountEntity.COUNT_BY_LOCALPART,
        query = "select count(a) from AccountEntity a where a.localpart = :localpart")
public class AccountEntity {

    public static final String COUNT_BY_LOCALPART = "AccountEntity.countByLocalpart";

    @Id
    @Column(name = "user_id", length = 255)
    private String userId;

    @Column(name = "localpart", nullable = false, length = 255)
    private String localpart;

    /** Modular-crypt bcrypt string; null when the account cannot log in with a password. */
    @Column(name = "password_hash", length = 255)
    private String passwordHash;

    @Column(name = "is_admin", nullable = false)
    private boolean admin;

    @Column(name = "is_guest", nullable = false)
    private boolean guest;

    @Column(name = "deactivated", nullable = false)
    private boolean deactivated;

    @Column(name = "created_ts", nullable = false)
    private long createdTs;

    /**
     * Who locked the account (spec "Account locking": reversible, unlike deactivation): "admin" or
     * "directory"; null when it is not locked.
     */
    @Column(name = "locked_by", length = 32)
    private String lockedBy;

    protected AccountEntity() {
        // for JPA
    }

    public AccountEntity(String userId, String localpart, String passwordHash, boolean admin,
                         boolean guest, long createdTs) {
        this.userId = userId;
        this.localpart = localpart;
        this.passwordHash = passwordHash;
        this.admin = admin;
        this.guest = guest;
        this.createdTs = createdTs;
    }

    public String getUserId() {
        return userId;
    }

    public String getLocalpart() {
        return localpart;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public boolean isAdmin() {
        return admin;
    }

    public void setAdmin(boolean admin) {
        this.admin = admin;
    }

    public boolean isLocked() {
        return lockedBy != null;
    }

    public String getLockedBy() {
        return lockedBy;
    }

    /** Locks the account on behalf of {@code by}, or unlocks it with null. */
    public void setLockedBy(String by) {
        this.lockedBy = by;
    }

    public boolean isGuest() {
        return guest;
    }

    public boolean isDeactivated() {
        return deactivated;
    }

    public void setDeactivated(boolean deactivated) {
        this.deactivated = deactivated;
    }

    public long getCreatedTs() {
        return createdTs;
    }
}
