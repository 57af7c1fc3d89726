package org.weft.ejb.users;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
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

    public Requester authenticate(String accessToken) {
        if (accessToken == null || accessToken.isEmpty()) {
            throw MatrixException.missingToken();
        }
        String hash = Tokens.hash(accessToken);
        AccessTokenEntity token = em.find(AccessTokenEntity.class, hash);
        if (token == null) {
            throw MatrixException.unknownToken("Unrecognised access token", false);
        }
        if (token.getExpiresTs() != null && token.getExpiresTs() <= System.currentTimeMillis()) {
            throw MatrixException.unknownToken("Access token has expired", true);
        }
        AccountEntity account = em.find(AccountEntity.class, token.getUserId());
        if (account == null || account.isDeactivated()) {
            throw MatrixException.unknownToken("Unrecognised access token", false);
        }
        if (token.getRefreshHash() != null) {
            retirePredecessor(token.getRefreshHash());
        }
        return new Requester(account.getUserId(), token.getDeviceId(), account.isGuest(), account.isAdmin(), hash);
    }

    /** The first use of tokens minted by a refresh retires the refresh token they replaced. */
    private void retirePredecessor(String refreshHash) {
        RefreshTokenEntity current = em.find(RefreshTokenEntity.class, refreshHash);
        if (current != null) {
            new RefreshChain(em).retirePredecessorOf(current);
        }
    }
}
