package org.weft.ejb.sso;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.jboss.logging.Logger;
import org.weft.core.error.MatrixException;
import org.weft.ejb.users.AccountService;
import org.weft.ejb.users.SessionIssuer;
import org.weft.persistence.users.AccountEntity;

/**
 * Ending or pausing a user's access, each in one transaction: every session ended (an admin's "log
 * out everywhere"), the account locked or unlocked (spec "Account locking": the sessions stay, and
 * every request of them gets 401 M_USER_LOCKED until unlocked), or deactivated.
 */
@Stateless
public class AccountLocks {

    private static final Logger LOG = Logger.getLogger(AccountLocks.class);

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @EJB
    SessionIssuer sessions;

    @EJB
    AccountService accounts;

    /** Ends every session of a user of this server; an unknown user is 404 M_NOT_FOUND. */
    public void endAllSessions(String userId) {
        if (em.find(AccountEntity.class, userId) == null) {
            throw MatrixException.notFound("No such user");
        }
        sessions.deleteAllDevices(userId, null);
        sessions.evictCachedTokens(userId);
        LOG.infof("Every session of %s ended", userId);
    }

    /** Whether the user is locked; an unknown or deactivated user is 404 M_NOT_FOUND (admin API). */
    public boolean isLocked(String userId) {
        return active(userId).isLocked();
    }

    /** Locks or unlocks on an admin's behalf (PUT /_matrix/client/v1/admin/lock/{userId}). */
    public void setLockedByAdmin(String userId, boolean locked) {
        AccountEntity account = active(userId);
        if (locked == account.isLocked()) {
            return;
        }
        account.setLockedBy(locked ? "admin" : null);
        sessions.evictCachedTokens(userId);
        LOG.infof("%s %s by an admin", userId, locked ? "locked" : "unlocked");
    }

    /**
     * Carries out deprovisioning for one account: the decision is taken here, on the account as it
     * is now (another node may have acted since the directory was asked), and the admin flag
     * follows the directory's group. Returns what was done.
     */
    public DeprovisionDecision apply(String userId, LdapDirectory.Status status, Boolean admin, boolean deactivateMode,
                                     String loginName) {
        AccountEntity account = em.find(AccountEntity.class, userId);
        if (account == null) {
            return DeprovisionDecision.NOTHING;
        }
        DeprovisionDecision decision = DeprovisionDecision.decide(status, account.getLockedBy(),
                account.isDeactivated(), deactivateMode);
        String why = "the directory says " + loginName + " is " + status.name().toLowerCase();
        switch (decision) {
            case LOCK -> {
                account.setLockedBy(DeprovisionDecision.DIRECTORY);
                sessions.evictCachedTokens(userId);
                LOG.infof("Locked %s: %s", userId, why);
            }
            case DEACTIVATE -> {
                accounts.deactivate(userId);
                LOG.infof("Deactivated %s: %s", userId, why);
            }
            case UNLOCK -> {
                account.setLockedBy(null);
                LOG.infof("Unlocked %s: %s", userId, why);
            }
            case NOTHING -> {
            }
        }
        if (status == LdapDirectory.Status.ENABLED && admin != null && admin != account.isAdmin()
                && !account.isDeactivated()) {
            account.setAdmin(admin);
            sessions.evictCachedTokens(userId);
            LOG.infof("%s is %s a server admin, as the directory's group says", userId, admin ? "now" : "no longer");
        }
        return decision;
    }

    private AccountEntity active(String userId) {
        AccountEntity account = em.find(AccountEntity.class, userId);
        if (account == null || account.isDeactivated()) {
            throw MatrixException.notFound("User not found");
        }
        return account;
    }
}
