package org.weft.persistence.users;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A refresh token, stored as its SHA-256 (client-server API, "Refreshing access tokens"). The
 * token it replaced stays valid until this one or its access token is first used, so a client
 * that lost the refresh response can repeat it.
 */
@Entity
@Table(name = "refresh_tokens")
@NamedQueries({
    @NamedQuery(name = RefreshTokenEntity.DELETE_BY_DEVICE,
            query = "delete from RefreshTokenEntity t where t.userId = :userId and t.deviceId = :deviceId"),
    @NamedQuery(name = RefreshTokenEntity.DELETE_BY_USER,
            query = "delete from RefreshTokenEntity t where t.userId = :userId")
})
public class RefreshTokenEntity {

    public static final String DELETE_BY_DEVICE = "RefreshTokenEntity.deleteByDevice";
    public static final String DELETE_BY_USER = "RefreshTokenEntity.deleteByUser";

    @Id
    @Column(name = "token_hash", length = 64)
    private String tokenHash;

    @Column(name = "user_id", nullable = false, length = 255)
    private String userId;

    @Column(name = "device_id", nullable = false, length = 255)
    private String deviceId;

    @Column(name = "previous_hash", length = 64)
    private String previousHash;

    @Column(name = "created_ts", nullable = false)
    private long createdTs;

    protected RefreshTokenEntity() {
        // for JPA
    }

    public RefreshTokenEntity(String tokenHash, String userId, String deviceId, String previousHash,
                              long createdTs) {
        this.tokenHash = tokenHash;
        this.userId = userId;
        this.deviceId = deviceId;
        this.previousHash = previousHash;
        this.createdTs = createdTs;
    }

    public String getTokenHash() {
        return tokenHash;
    }

    public String getUserId() {
        return userId;
    }

    public String getDeviceId() {
        return deviceId;
    }

    public String getPreviousHash() {
        return previousHash;
    }

    public void clearPrevious() {
        this.previousHash = null;
    }

    public long getCreatedTs() {
        return createdTs;
    }
}
