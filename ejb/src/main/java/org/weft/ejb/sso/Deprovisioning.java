package org.weft.ejb.sso;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Map;
import org.jboss.logging.Logger;
import org.weft.ejb.config.LdapSettings;
import org.weft.ejb.config.WeftSettings;
import org.weft.persistence.users.AccountEntity;

/**
 * Deprovisioning: every {@code weft.ldap.deprovision.interval_ms} (default five minutes), each user
 * who came from the directory is looked up there; one removed or disabled is locked or
 * deactivated, as {@code weft.ldap.deprovision.action} says, and loses every session at once.
 *
 * <p>A run that cannot reach the directory changes nothing: an outage must not lock everyone out.
 * The timer is not persistent and re-armed after each run with the interval then configured; on a
 * cluster every node runs it, which is harmless as each decision is idempotent.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Deprovisioning {

    private static final Logger LOG = Logger.getLogger(Deprovisioning.class);

    @Resource
    TimerService timers;

    @Inject
    WeftSettings settings;

    @Inject
    LdapDirectory directory;

    @EJB
    IdentityProvisioning identities;

    @EJB
    AccountLocks locks;

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    /** The timer ticks at least this often, so that a shorter interval set at run time applies soon. */
    private static final long MAX_TICK_MS = 10_000L;

    private volatile long lastRun = System.currentTimeMillis();

    @PostConstruct
    void arm() {
        long interval = settings.ldap().deprovisionIntervalMs();
        long wait = Math.max(100, Math.min(MAX_TICK_MS, lastRun + interval - System.currentTimeMillis()));
        timers.createSingleActionTimer(wait, new TimerConfig(null, false));
    }

    @Timeout
    void onTimer() {
        try {
            if (System.currentTimeMillis() - lastRun >= settings.ldap().deprovisionIntervalMs()) {
                lastRun = System.currentTimeMillis();
                run();
            }
        } catch (RuntimeException e) {
            LOG.warnf("Deprovisioning run failed: %s", e.toString());
        } finally {
            arm();
        }
    }

    /** One run; the number of accounts changed, or -1 when the directory could not be asked. */
    public int run() {
        LdapSettings ldap = settings.ldap();
        if (!ldap.enabled()) {
            return 0;
        }
        Map<String, String> known = identities.identitiesOf(LdapSettings.IDP_ID);
        int changed = 0;
        for (Map.Entry<String, String> identity : known.entrySet()) {
            LdapDirectory.Status status;
            try {
                status = directory.status(ldap, identity.getKey());
            } catch (LdapDirectory.DirectoryUnavailable e) {
                LOG.warnf("Deprovisioning skipped this run: %s", e.getMessage());
                return -1;
            }
            AccountEntity account = em.find(AccountEntity.class, identity.getValue());
            if (account == null) {
                continue;
            }
            DeprovisionDecision decision = DeprovisionDecision.decide(status, account.isLocked(),
                    account.isDeactivated(), ldap.deprovisionDeactivates());
            if (decision != DeprovisionDecision.NOTHING) {
                locks.apply(identity.getValue(), decision, "the directory says " + identity.getKey() + " is "
                        + status.name().toLowerCase());
                changed++;
            }
        }
        LOG.debugf("Deprovisioning checked %d directory users, changed %d", known.size(), changed);
        return changed;
    }
}
