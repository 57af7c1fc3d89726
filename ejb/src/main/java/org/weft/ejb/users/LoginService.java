package org.weft.ejb.users;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.ejb.ratelimit.RateLimitedAction;
import org.weft.ejb.ratelimit.RateLimiter;
import org.weft.ejb.sso.DirectoryLogin;
import org.weft.ejb.sso.LoginTokens;
import org.weft.persistence.users.AccountEntity;
import org.weft.persistence.users.RefreshTokenEntity;

/**
 * Password and token login, token refresh and logout (client-server API, "Legacy login",
 * "Token-based login", POST /login, POST /refresh, POST /logout, POST /logout/all). Passwords are
 * checked against the directory first when directory sign-in is on, then against Weft's own.
 */
@Stateless
public class LoginService {

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @Inject
    PasswordHasher hasher;

    @EJB
    SessionIssuer sessions;

    @Inject
    TokenCache tokenCache;

    @EJB
    RateLimiter rateLimiter;

    @EJB
    DirectoryLogin directory;

    @EJB
    LoginTokens loginTokens;

    /** m.login.password: the same answer for an unknown user and a wrong password. */
    public IssuedSession passwordLogin(String userId, String password, String deviceId,
                                       String displayName, boolean wantsRefreshToken, String clientAddress) {
        rateLimiter.check(RateLimitedAction.LOGIN_ADDRESS, clientAddress);
        rateLimiter.check(RateLimitedAction.LOGIN_ACCOUNT, userId);
        java.util.Optional<String> fromDirectory = directory.authenticate(
                userId.substring(1, userId.indexOf(':')), password);
        if (fromDirectory.isPresent()) {
            return sessions.open(fromDirectory.get(), deviceId, displayName, wantsRefreshToken, clientAddress);
        }
        AccountEntity account = em.find(AccountEntity.class, userId);
        if (account == null) {
            hasher.spendEquivalentTime(password);
            throw LoginIdentifier.invalidLogin();
        }
        if (account.isDeactivated()) {
            hasher.spendEquivalentTime(password);
            throw new MatrixException(ErrCode.M_USER_DEACTIVATED, "This account has been deactivated");
        }
        if (!hasher.verify(account.getPasswordHash(), password)) {
            throw LoginIdentifier.invalidLogin();
        }
        requireUnlocked(account);
        return sessions.open(userId, deviceId, displayName, wantsRefreshToken, clientAddress);
    }

    /**
     * m.login.token: the login token (from single sign-on) stands for the user and is spent. An
     * invalid token is 403 M_FORBIDDEN; the account must still be active and unlocked.
     */
    public IssuedSession tokenLogin(String token, String deviceId, String displayName, boolean wantsRefreshToken,
                                    String clientAddress) {
        rateLimiter.check(RateLimitedAction.LOGIN_ADDRESS, clientAddress);
        String userId = loginTokens.consume(token);
        AccountEntity account = em.find(AccountEntity.class, userId);
        if (account == null || account.isDeactivated()) {
            throw new MatrixException(ErrCode.M_USER_DEACTIVATED, "This account has been deactivated");
        }
        requireUnlocked(account);
        return sessions.open(userId, deviceId, displayName, wantsRefreshToken, clientAddress);
    }

    private static void requireUnlocked(AccountEntity account) {
        if (account.isLocked()) {
            throw new MatrixException(ErrCode.M_USER_LOCKED, "This account has been locked");
        }
    }

    /**
     * Swaps a refresh token for new tokens on the same device. The old refresh token stays valid
     * until the new tokens are used, so a client that lost this response can repeat it.
     */
    public IssuedSession refresh(String refreshToken) {
        RefreshTokenEntity token = em.find(RefreshTokenEntity.class, Tokens.hash(refreshToken));
        if (token == null) {
            throw MatrixException.unknownToken("Unrecognised refresh token", false);
        }
        AccountEntity account = em.find(AccountEntity.class, token.getUserId());
        if (account == null || account.isDeactivated()) {
            throw MatrixException.unknownToken("Unrecognised refresh token", false);
        }
        // Using this token proves the client holds it: the one it replaced can go now.
        new RefreshChain(em, tokenCache).retirePredecessorOf(token);
        return sessions.issueTokens(token.getUserId(), token.getDeviceId(), true, token.getTokenHash(),
                System.currentTimeMillis());
    }

    /** Logs out one session: its device and every token of that device go (POST /logout). */
    public void logout(Requester requester) {
        sessions.deleteDevice(requester.userId(), requester.deviceId());
    }

    /** Logs out every session of the user (POST /logout/all). */
    public void logoutAll(Requester requester) {
        sessions.deleteAllDevices(requester.userId(), null);
    }
}
