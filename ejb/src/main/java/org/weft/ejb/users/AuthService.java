package org.weft.ejb.users;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.persistence.users.AccessTokenEntity;
import org.weft.persistence.users.AccountEntity;
import org.weft.persistence.users.RefreshTokenEntity;

/**
 * Resolves access tokens to requesters (client-server API, "Using access tokens"). An unknown or
 * revoked token is M_UNKNOWN_TOKEN; an expired one is M_UNKNOWN_TOKEN with
 * {@code soft_logout: true}, telling the client to refresh or log in again on the same device.
 */
@Stateless
public class AuthService {

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @Inject
    TokenCache cache;

    public Requester authenticate(String accessToken) {
        return authenticate(accessToken, false);
    }

    /**
     * @param allowLocked the request is one a locked account may still make (logging out): spec
     *                    "Account locking" refuses every other with 401 M_USER_LOCKED and
     *                    {@code soft_logout}, and keeps the tokens, so that unlocking restores the
     *                    sessions with their encryption state
     */
    public Requester authenticate(String accessToken, boolean allowLocked) {
        if (accessToken == null || accessToken.isEmpty()) {
            throw MatrixException.missingToken();
        }
        String hash = Tokens.hash(accessToken);
        long cacheGeneration = cache.generation();
        // One query for token and account: this runs on every authenticated request.
        List<Object[]> found = em.createQuery("select t, a from AccessTokenEntity t, AccountEntity a"
                        + " where t.tokenHash = :hash and a.userId = t.userId", Object[].class)
                .setParameter("hash", hash).getResultList();
        if (found.isEmpty()) {
            throw MatrixException.unknownToken("Unrecognised access token", false);
        }
        AccessTokenEntity token = (AccessTokenEntity) found.get(0)[0];
        AccountEntity account = (AccountEntity) found.get(0)[1];
        if (token.getExpiresTs() != null && token.getExpiresTs() <= System.currentTimeMillis()) {
            throw MatrixException.unknownToken("Access token has expired", true);
        }
        if (account.isDeactivated()) {
            throw MatrixException.unknownToken("Unrecognised access token", false);
        }
        if (token.getRefreshHash() != null) {
            retirePredecessor(token.getRefreshHash());
        }
        Requester requester = new Requester(account.getUserId(), token.getDeviceId(), account.isGuest(),
                account.isAdmin(), hash);
        if (account.isLocked()) {
            if (!allowLocked) {
                throw MatrixException.userLocked();
            }
            // Not cached: every request of a locked account must come here again.
            return requester;
        }
        cache.put(requester, token.getExpiresTs(), cacheGeneration);
        return requester;
    }

    /** The first use of tokens minted by a refresh retires the refresh token they replaced. */
    private void retirePredecessor(String refreshHash) {
        RefreshTokenEntity current = em.find(RefreshTokenEntity.class, refreshHash);
        if (current != null) {
            new RefreshChain(em, cache).retirePredecessorOf(current);
        }
    }
}
