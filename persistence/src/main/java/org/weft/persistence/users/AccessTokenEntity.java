package org.weft.persistence.users;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.Table;

/**
 * An access token, stored only as the SHA-256 of the opaque token (client-server API, "Using
 * access tokens", "Relationship between access tokens and devices").
 */
@Entity
@Table(name = "access_tokens")
@NamedQueries({
    @NamedQuery(name = AccessTokenEntity.DELETE_BY_DEVICE,
            query = "delete from AccessTokenEntity t where t.userId = :userId and t.deviceId = :deviceId"),
    @NamedQuery(name = AccessTokenEntity.DELETE_BY_USER,
            query = "delete from AccessTokenEntity t where t.userId = :userId"),
    @NamedQuery(name = AccessTokenEntity.DELETE_BY_REFRESH,
            query = "delete from AccessTokenEntity t where t.refreshHash = :refreshHash")
})
public class AccessTokenEntity {

    public static final String DELETE_BY_DEVICE = "AccessTokenEntity.deleteByDevice";
    public static final String DELETE_BY_USER = "AccessTokenEntity.deleteByUser";
    public static final String DELETE_BY_REFRESH = "AccessTokenEntity.deleteByRefresh";

    @Id
    @Column(name = "token_hash", length = 64)
    private String tokenHash;

    @Column(name = "user_id", nullable = false, length = 255)
    private String userId;

    @Column(name = "device_id", nullable = false, length = 255)
    private String deviceId;

    @Column(name = "created_ts", nullable = false)
    private long createdTs;

    @Column(name = "expires_ts")
    private Long expiresTs;

    @Column(name = "refresh_hash", length = 64)
    private String refreshHash;

    protected AccessTokenEntity() {
        // for JPA
    }

    public AccessTokenEntity(String tokenHash, String userId, String deviceId, long createdTs,
                             Long expiresTs, String refreshHash) {
        this.tokenHash = tokenHash;
        this.userId = userId;
        this.deviceId = deviceId;
        this.createdTs = createdTs;
        this.expiresTs = expiresTs;
        this.refreshHash = refreshHash;
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

    public long getCreatedTs() {
        return createdTs;
    }

    public Long getExpiresTs() {
        return expiresTs;
    }

    public String getRefreshHash() {
        return refreshHash;
    }
}
