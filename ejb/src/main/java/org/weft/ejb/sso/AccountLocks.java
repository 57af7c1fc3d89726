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
 * Ending a user's access, each in one transaction: every session ended (an admin's "log out
 * everywhere"), the account locked (spec "Account locking": reversible), or deactivated. Sessions
 * end at once: their tokens are deleted and forgotten by the token cache.
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

    /** Carries out a deprovisioning decision for one account. */
    public void apply(String userId, DeprovisionDecision decision, String why) {
        AccountEntity account = em.find(AccountEntity.class, userId);
        if (account == null) {
            return;
        }
        switch (decision) {
            case LOCK -> {
                account.setLocked(true);
                sessions.deleteAllDevices(userId, null);
                sessions.evictCachedTokens(userId);
                LOG.infof("Locked %s: %s", userId, why);
            }
            case DEACTIVATE -> {
                accounts.deactivate(userId);
                LOG.infof("Deactivated %s: %s", userId, why);
            }
            case UNLOCK -> {
                account.setLocked(false);
                LOG.infof("Unlocked %s: %s", userId, why);
            }
            case NOTHING -> {
            }
        }
    }
}
