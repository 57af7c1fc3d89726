package org.weft.ejb.users;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.Optional;
import org.jboss.logging.Logger;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.core.json.JsonObject;
import org.weft.ejb.ratelimit.RateLimitedAction;
import org.weft.ejb.ratelimit.RateLimiter;
import org.weft.ejb.config.LdapSettings;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.sso.DirectoryLogin;
import org.weft.ejb.sso.ExternalUser;
import org.weft.ejb.sso.LoginTokens;
import org.weft.persistence.users.AccountEntity;
import org.weft.persistence.users.RefreshTokenEntity;

/**
 * Password and token login, token refresh and logout (client-server API, "Legacy login",
 * "Token-based login", POST /login, POST /refresh, POST /logout, POST /logout/all). Passwords are
 * checked against the directory when directory sign-in is on, except for Weft's own accounts.
 */
@Stateless
public class LoginService {

    private static final Logger LOG = Logger.getLogger(LoginService.class);

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @EJB
    SessionIssuer sessions;

    @Inject
    TokenCache tokenCache;

    @EJB
    RateLimiter rateLimiter;

    @EJB
    DirectoryLogin directory;

    @EJB
    PasswordLogin steps;

    @Inject
    WeftSettings settings;

    @EJB
    LoginTokens loginTokens;

    @EJB
    ThreepidStore threepids;

    /**
     * Who a password login names: a user ID or localpart, or an email address a user has
     * ({@link LoginIdentifier}).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public String userOf(JsonObject body) {
        return LoginIdentifier.resolveUser(body, settings.serverName(), threepids::userOf);
    }

    /**
     * m.login.password. A Weft account of its own is checked against its Weft password first (and,
     * that failing, the directory's namesake may sign in as a user of their own); any other user ID,
     * when directory sign-in is on, against the directory (the user it came from, or the login
     * name), and Weft's password only if the directory does not know the name and
     * {@code weft.ldap.local_passwords} allows. No transaction spans the directory's answer.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public IssuedSession passwordLogin(String userId, String password, String deviceId,
                                       String displayName, boolean wantsRefreshToken, String clientAddress) {
        rateLimiter.check(RateLimitedAction.LOGIN_ADDRESS, clientAddress);
        rateLimiter.check(RateLimitedAction.LOGIN_ACCOUNT, userId);
        PasswordLogin.Facts facts = steps.facts(userId);
        LdapSettings ldap = settings.ldap();
        String loginName = userId.substring(1, userId.indexOf(':'));
        if (facts.isLocalOnly()) {
            // Weft's own account first: a namesake in the directory, or the directory being down,
            // must not keep it out.
            try {
                return steps.local(userId, password, deviceId, displayName, wantsRefreshToken, clientAddress);
            } catch (MatrixException e) {
                if (!ldap.enabled() || e.errcode() != ErrCode.M_FORBIDDEN) {
                    throw e;
                }
            }
            return directory.authenticate(loginName, null, password)
                    .map(person -> steps.openFor(person, deviceId, displayName, wantsRefreshToken, clientAddress))
                    .orElseThrow(LoginIdentifier::invalidLogin);
        }
        if (ldap.enabled()) {
            Optional<ExternalUser> person = directory.authenticate(loginName, facts.directoryId(), password);
            if (person.isPresent()) {
                return steps.openFor(person.get(), deviceId, displayName, wantsRefreshToken, clientAddress);
            }
            if (facts.directoryId() != null || !ldap.localPasswords()) {
                LOG.infof("Directory sign-in of %s refused: not in the directory", userId);
                throw LoginIdentifier.invalidLogin();
            }
        }
        return steps.local(userId, password, deviceId, displayName, wantsRefreshToken, clientAddress);
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
        if (account.isLocked()) {
            throw MatrixException.userLocked();
        }
        return sessions.open(userId, deviceId, displayName, wantsRefreshToken, clientAddress);
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
