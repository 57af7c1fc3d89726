package org.weft.ejb.users;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import org.jboss.logging.Logger;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.core.id.UserId;
import org.weft.ejb.config.WeftSettings;
import org.weft.persistence.users.AccountEntity;

/**
 * Accounts: creation, availability, password changes and deactivation (client-server API,
 * "Account registration and management", "Password management", "Account deactivation").
 */
@Stateless
public class AccountService {

    private static final Logger LOG = Logger.getLogger(AccountService.class);

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @Inject
    WeftSettings settings;

    @Inject
    PasswordHasher hasher;

    @EJB
    SessionIssuer sessions;

    @EJB
    ThreepidStore threepids;

    /** Validates a requested username and checks it is free: the checks /register makes before UIA. */
    public UserId checkAvailable(String username) {
        UserId userId = LocalpartRules.newUserId(username, settings.serverName(), settings.exclusiveLocalparts());
        if (isTaken(userId.localpart())) {
            throw new MatrixException(ErrCode.M_USER_IN_USE, "Desired user ID is already taken.");
        }
        return userId;
    }

    /**
     * Creates an account in the caller's transaction; a concurrent registration of the same name
     * loses at the unique index and gets M_USER_IN_USE.
     */
    public void create(UserId userId, String password, boolean admin) {
        String hash = password == null ? null : hasher.hash(password);
        try {
            em.persist(new AccountEntity(userId.toString(), userId.localpart(), hash, admin, false,
                    System.currentTimeMillis()));
            em.flush();
        } catch (PersistenceException e) {
            throw new MatrixException(ErrCode.M_USER_IN_USE, "Desired user ID is already taken.");
        }
        LOG.infof("Registered %s%s", userId, admin ? " (admin)" : "");
    }

    /**
     * A user ID for a registration without a username (the spec: the server MUST generate one).
     * Random, so it reveals nothing; "u" first, as all-digit localparts are reserved.
     */
    public UserId generateUserId() {
        for (int attempt = 0; attempt < 10; attempt++) {
            StringBuilder localpart = new StringBuilder("u");
            java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
            for (int i = 0; i < 12; i++) {
                localpart.append((char) ('a' + random.nextInt(26)));
            }
            if (!isTaken(localpart.toString())) {
                return UserId.of(localpart.toString(), settings.serverName());
            }
        }
        throw MatrixException.unknown("Could not generate a free user ID");
    }

    /** True if the password is the account's; false for unknown, deactivated or password-less accounts. */
    public boolean verifyPassword(String userId, String password) {
        AccountEntity account = em.find(AccountEntity.class, userId);
        if (account == null || account.isDeactivated()) {
            hasher.spendEquivalentTime(password);
            return false;
        }
        return hasher.verify(account.getPasswordHash(), password);
    }

    /**
     * Sets a new password; with {@code logoutDevices} every other device and its tokens go too
     * (POST /account/password), keeping the device that asked.
     */
    public void changePassword(Requester requester, String newPassword, boolean logoutDevices) {
        PasswordPolicy.check(newPassword, settings.passwordPolicy());
        AccountEntity account = em.find(AccountEntity.class, requester.userId());
        account.setPasswordHash(hasher.hash(newPassword));
        if (logoutDevices) {
            sessions.deleteAllDevices(requester.userId(), requester.deviceId());
        }
        LOG.infof("Password changed for %s", requester.userId());
    }

    /**
     * Deactivates an account: every device and token is gone, the password is erased so it can
     * never log in again, its email addresses are forgotten, and the row stays so the user ID is
     * never reused.
     */
    public void deactivate(String userId) {
        AccountEntity account = em.find(AccountEntity.class, userId);
        sessions.deleteAllDevices(userId, null);
        account.setPasswordHash(null);
        account.setDeactivated(true);
        threepids.removeAll(userId);
        sessions.evictCachedTokens(userId);
        LOG.infof("Deactivated %s", userId);
    }

    /** The user's email addresses, as their identity provider or directory gave them. */
    public java.util.List<ThreepidStore.Threepid> threepids(String userId) {
        return threepids.of(userId);
    }

    boolean isTaken(String localpart) {
        return em.createNamedQuery(AccountEntity.COUNT_BY_LOCALPART, Long.class)
                .setParameter("localpart", localpart).getSingleResult() > 0;
    }
}
