package org.weft.ejb.users;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.weft.core.error.MatrixException;
import org.weft.core.id.DeviceId;
import org.weft.ejb.config.WeftSettings;
import org.weft.persistence.users.AccessTokenEntity;
import org.weft.persistence.users.DeviceEntity;
import org.weft.persistence.users.DeviceKey;
import org.weft.persistence.users.RefreshTokenEntity;

/**
 * Creates devices and their tokens, and revokes them (client-server API, "Relationship between
 * access tokens and devices", "Refreshing access tokens"). Always part of the caller's transaction:
 * a login or registration either leaves an account, device and token, or nothing.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class SessionIssuer {

    static final int MAX_DISPLAY_NAME_LENGTH = 1024;

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @Inject
    WeftSettings settings;

    @Inject
    TokenCache tokenCache;

    @Inject
    jakarta.enterprise.event.Event<DeviceDeleted> deviceDeleted;

    /**
     * Opens a session on a device: the given one (created if unknown; its earlier tokens are
     * revoked, as a client reusing a device ID means to replace that session) or a fresh one.
     * The device's last-seen time and address are those of this login.
     */
    public IssuedSession open(String userId, String requestedDeviceId, String displayName,
                              boolean wantsRefreshToken, String clientAddress) {
        String deviceId = requestedDeviceId == null ? DeviceId.generate().value() : requestedDeviceId;
        if (deviceId.isEmpty() || deviceId.length() > DeviceId.MAX_LENGTH) {
            throw MatrixException.invalidParam("device_id must be 1 to " + DeviceId.MAX_LENGTH + " characters");
        }
        if (displayName != null && displayName.length() > MAX_DISPLAY_NAME_LENGTH) {
            throw MatrixException.invalidParam("Device display name is too long");
        }
        long now = System.currentTimeMillis();
        DeviceEntity device = em.find(DeviceEntity.class, new DeviceKey(userId, deviceId));
        if (device == null) {
            device = new DeviceEntity(userId, deviceId, displayName, now);
            em.persist(device);
        } else {
            revokeTokens(userId, deviceId);
        }
        device.seen(now, clientAddress);
        return issueTokens(userId, deviceId, wantsRefreshToken, null, now);
    }

    /**
     * Mints an access token (and, for clients that support them, a refresh token) for a device.
     *
     * @param previousRefreshHash the refresh token this refresh replaces, kept valid until the new
     *                            tokens are first used
     */
    public IssuedSession issueTokens(String userId, String deviceId, boolean withRefresh,
                              String previousRefreshHash, long now) {
        String accessToken = Tokens.newAccessToken();
        long lifetime = settings.accessTokenLifetimeMs();
        if (!withRefresh || lifetime == 0) {
            // Clients without refresh support get a non-expiring token (spec: up to the server).
            em.persist(new AccessTokenEntity(Tokens.hash(accessToken), userId, deviceId, now, null, null));
            return new IssuedSession(userId, deviceId, accessToken, null, null);
        }
        String refreshToken = Tokens.newRefreshToken();
        String refreshHash = Tokens.hash(refreshToken);
        em.persist(new RefreshTokenEntity(refreshHash, userId, deviceId, previousRefreshHash, now));
        em.persist(new AccessTokenEntity(Tokens.hash(accessToken), userId, deviceId, now, now + lifetime,
                refreshHash));
        return new IssuedSession(userId, deviceId, accessToken, refreshToken, lifetime);
    }

    /** Revokes every access and refresh token of one device. */
    public void revokeTokens(String userId, String deviceId) {
        tokenCache.evictUser(userId);
        em.createNamedQuery(AccessTokenEntity.DELETE_BY_DEVICE)
                .setParameter("userId", userId).setParameter("deviceId", deviceId).executeUpdate();
        em.createNamedQuery(RefreshTokenEntity.DELETE_BY_DEVICE)
                .setParameter("userId", userId).setParameter("deviceId", deviceId).executeUpdate();
    }

    /** Forgets the user's cached tokens (their tokens were revoked some other way). */
    public void evictCachedTokens(String userId) {
        tokenCache.evictUser(userId);
    }

    /** Deletes a device and every token it holds. */
    public void deleteDevice(String userId, String deviceId) {
        revokeTokens(userId, deviceId);
        DeviceEntity device = em.find(DeviceEntity.class, new DeviceKey(userId, deviceId));
        if (device != null) {
            em.remove(device);
            deviceDeleted.fire(new DeviceDeleted(userId, deviceId));
        }
    }

    /** Deletes every device of a user except {@code keepDeviceId} (may be null). */
    public void deleteAllDevices(String userId, String keepDeviceId) {
        for (DeviceEntity device : em.createNamedQuery(DeviceEntity.FIND_BY_USER, DeviceEntity.class)
                .setParameter("userId", userId).getResultList()) {
            if (!device.getDeviceId().equals(keepDeviceId)) {
                deleteDevice(userId, device.getDeviceId());
            }
        }
    }
}
