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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.weft.ejb.config.LdapSettings;
import org.weft.ejb.config.WeftSettings;
import org.weft.persistence.users.AccountEntity;

/**
 * Deprovisioning: every {@code weft.ldap.deprovision.interval_ms} (default five minutes), each user
 * who came from the directory is looked up there by their lasting ID; one removed or disabled is
 * locked (every request of their sessions refused at once, spec "Account locking") or deactivated,
 * as {@code weft.ldap.deprovision.action} says, and admins follow the directory's group.
 *
 * <p>A run that cannot reach the directory changes nothing: an outage must not lock everyone out;
 * nor does one that would remove more than {@code weft.ldap.deprovision.max_percent} of the users.
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

    private record Finding(String userId, String id, LdapDirectory.Lookup lookup, Boolean admin) {
    }

    /**
     * One run. The directory is asked about every user first; then, unless that would lock or
     * deactivate too many at once, each account is changed in its own transaction.
     */
    public DeprovisionRun run() {
        LdapSettings ldap = settings.ldap();
        if (!ldap.enabled()) {
            return new DeprovisionRun(0, 0, "directory sign-in is off");
        }
        Map<String, String> known = identities.identitiesOf(LdapSettings.IDP_ID);
        List<Finding> findings = new ArrayList<>();
        int removals = 0;
        for (Map.Entry<String, String> identity : known.entrySet()) {
            Finding finding;
            try {
                LdapDirectory.Lookup lookup = directory.lookup(ldap, identity.getKey());
                Boolean admin = lookup.user() == null ? null : directory.isAdmin(ldap, lookup.user());
                finding = new Finding(identity.getValue(), identity.getKey(), lookup, admin);
            } catch (LdapDirectory.DirectoryUnavailable e) {
                LOG.warnf("Deprovisioning skipped this run: %s", e.getMessage());
                return new DeprovisionRun(0, 0, "the directory cannot be reached");
            }
            findings.add(finding);
            AccountEntity account = em.find(AccountEntity.class, finding.userId());
            DeprovisionDecision planned = account == null ? DeprovisionDecision.NOTHING : DeprovisionDecision.decide(
                    finding.lookup().status(), account.getLockedBy(), account.isDeactivated(), ldap.deprovisionDeactivates());
            if (planned == DeprovisionDecision.LOCK || planned == DeprovisionDecision.DEACTIVATE) {
                removals++;
            }
        }
        if (DeprovisionDecision.looksLikeAMistake(removals, known.size(), ldap.deprovisionMaxPercent())) {
            LOG.errorf("Deprovisioning changed nothing: it would have locked or deactivated %d of %d directory users,"
                    + " more than weft.ldap.deprovision.max_percent (%d%%). Check weft.ldap.user_base_dn, the service"
                    + " account's rights and weft.ldap.id_attribute.", removals, known.size(), ldap.deprovisionMaxPercent());
            return new DeprovisionRun(known.size(), 0, "it would have removed " + removals + " of " + known.size()
                    + " users");
        }
        int changed = 0;
        for (Finding finding : findings) {
            String name = finding.lookup().user() == null ? "user " + finding.id() : finding.lookup().user().loginName();
            if (locks.apply(finding.userId(), finding.lookup().status(), finding.admin(), ldap.deprovisionDeactivates(),
                    name) != DeprovisionDecision.NOTHING) {
                changed++;
            }
        }
        LOG.debugf("Deprovisioning checked %d directory users, changed %d", known.size(), changed);
        return new DeprovisionRun(known.size(), changed, null);
    }
}
