package org.weft.ejb.users;

import jakarta.persistence.EntityManager;
import org.weft.persistence.users.AccessTokenEntity;
import org.weft.persistence.users.RefreshTokenEntity;

/**
 * The rule of refresh-token rotation (client-server API, "Refreshing access tokens"): a refresh
 * token replaced by a refresh stays valid until the tokens that replaced it are first used; then
 * it and the access token issued with it are revoked.
 */
final class RefreshChain {

    private final EntityManager em;
    private final TokenCache evictions;

    RefreshChain(EntityManager em, TokenCache evictions) {
        this.em = em;
        this.evictions = evictions;
    }

    /** Revokes the predecessor of {@code current}, if it still has one. */
    void retirePredecessorOf(RefreshTokenEntity current) {
        String previous = current.getPreviousHash();
        if (previous == null) {
            return;
        }
        current.clearPrevious();
        evictions.evictUser(current.getUserId());
        em.createNamedQuery(AccessTokenEntity.DELETE_BY_REFRESH).setParameter("refreshHash", previous)
                .executeUpdate();
        // A bulk delete: several requests racing on fresh tokens may all get here, and an entity
        // removal would fail for all but the first.
        em.createQuery("delete from RefreshTokenEntity t where t.tokenHash = :hash")
                .setParameter("hash", previous).executeUpdate();
    }
}
