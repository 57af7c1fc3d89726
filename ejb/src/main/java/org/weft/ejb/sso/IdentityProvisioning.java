package org.weft.ejb.sso;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.core.id.LocalpartMapping;
import org.weft.core.id.UserId;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.users.AccountService;
import org.weft.ejb.users.LocalpartRules;
import org.weft.ejb.users.ProfileService;
import org.weft.ejb.users.ThreepidStore;
import org.weft.persistence.users.AccountEntity;

/**
 * Turns a person an identity provider or the directory vouched for into a Matrix user: the one
 * recorded for that identity, or a new account at the first sign-in (client-server API, "SSO
 * client login", server behaviour: "If the generated user identifier represents a new user, it
 * should be registered as a new user").
 *
 * <p>The localpart comes from the provider's name for the person, mapped as the appendix
 * suggests. An existing account of that name that belongs to someone else is never taken over: the
 * newcomer gets the name with a number. The display name and the admin flag follow the provider at
 * every sign-in, so a change in the directory reaches Matrix the next time the person signs in; so
 * does the email address ({@link ThreepidStore}).
 */
@Stateless
public class IdentityProvisioning {

    private static final Logger LOG = Logger.getLogger(IdentityProvisioning.class);
    private static final int MAX_SUFFIX = 1000;

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @Inject
    WeftSettings settings;

    @EJB
    AccountService accounts;

    @EJB
    ProfileService profiles;

    @EJB
    ThreepidStore threepids;

    /**
     * The user ID for this person, created if new, in the caller's transaction. A deactivated user
     * gets 403 M_USER_DEACTIVATED, a locked one 401 M_USER_LOCKED: the provider vouching for them
     * does not undo what an admin or deprovisioning did.
     */
    public String userFor(ExternalUser person) {
        String userId = linkedUser(person.idpId(), person.subject());
        if (userId == null) {
            userId = register(person);
        } else {
            refresh(userId, person);
        }
        AccountEntity account = em.find(AccountEntity.class, userId);
        if (account.isDeactivated()) {
            throw new MatrixException(ErrCode.M_USER_DEACTIVATED, "This account has been deactivated");
        }
        if (account.isLocked()) {
            throw MatrixException.userLocked();
        }
        threepids.setEmail(userId, person.idpId(), person.email());
        return userId;
    }

    /** The user linked to the identity, or null. */
    public String linkedUser(String idpId, String subject) {
        List<?> rows = em.createNativeQuery("SELECT user_id FROM external_identities WHERE idp_id = ? AND subject = ?")
                .setParameter(1, idpId).setParameter(2, subject).getResultList();
        return rows.isEmpty() ? null : (String) rows.get(0);
    }

    /** The user's identities: identity provider ID to subject there. */
    public Map<String, String> identitiesOfUser(String userId) {
        Map<String, String> identities = new java.util.LinkedHashMap<>();
        for (Object row : em.createNativeQuery("SELECT idp_id, subject FROM external_identities WHERE user_id = ?"
                + " ORDER BY idp_id").setParameter(1, userId).getResultList()) {
            Object[] columns = (Object[]) row;
            identities.put((String) columns[0], (String) columns[1]);
        }
        return identities;
    }

    /** Every identity of one provider and its user: what deprovisioning checks. */
    public Map<String, String> identitiesOf(String idpId) {
        Map<String, String> identities = new java.util.LinkedHashMap<>();
        for (Object row : em.createNativeQuery("SELECT subject, user_id FROM external_identities WHERE idp_id = ?"
                + " ORDER BY subject").setParameter(1, idpId).getResultList()) {
            Object[] columns = (Object[]) row;
            identities.put((String) columns[0], (String) columns[1]);
        }
        return identities;
    }

    private String register(ExternalUser person) {
        String base = LocalpartMapping.map(person.nameHint() == null ? "" : person.nameHint());
        if (base.isEmpty()) {
            base = LocalpartMapping.map(person.subject());
        }
        if (base.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // Employee numbers: all-digit localparts are reserved (guests, generated IDs).
            base = "u" + base;
        }
        UserId userId = freeUserId(base);
        accounts.create(userId, null, Boolean.TRUE.equals(person.admin()));
        em.createNativeQuery("INSERT INTO external_identities (idp_id, subject, user_id) VALUES (?, ?, ?)")
                .setParameter(1, person.idpId()).setParameter(2, person.subject()).setParameter(3, userId.toString())
                .executeUpdate();
        if (person.displayName() != null && !person.displayName().isBlank()) {
            profiles.set(userId.toString(), "displayname", person.displayName());
        }
        LOG.infof("Signed-in user %s of %s became %s", person.subject(), person.idpId(), userId);
        return userId.toString();
    }

    private UserId freeUserId(String base) {
        for (int suffix = 0; suffix < MAX_SUFFIX; suffix++) {
            String localpart = suffix == 0 ? base : base + suffix;
            UserId candidate;
            try {
                // The rules of registration hold here too, the namespaces of application services included.
                candidate = LocalpartRules.newUserId(localpart, settings.serverName(), settings.exclusiveLocalparts());
            } catch (MatrixException e) {
                LOG.infof("Sign-in refused: no user ID from the provider's name %s: %s", base, e.getMessage());
                throw MatrixException.forbidden("Your name at the identity provider cannot become a user ID here");
            }
            if (em.find(AccountEntity.class, candidate.toString()) == null) {
                return candidate;
            }
        }
        throw MatrixException.forbidden("No free user ID for this user");
    }

    private void refresh(String userId, ExternalUser person) {
        AccountEntity account = em.find(AccountEntity.class, userId);
        if (person.admin() != null && account.isAdmin() != person.admin()) {
            account.setAdmin(person.admin());
            LOG.infof("%s is %s a server admin, as %s says", userId, person.admin() ? "now" : "no longer", person.idpId());
        }
        String shown = profiles.memberFields(userId).get("displayname") instanceof String name ? name : null;
        if (person.displayName() != null && !person.displayName().isBlank()
                && !Objects.equals(shown, person.displayName()) && !account.isDeactivated()) {
            profiles.set(userId, "displayname", person.displayName());
        }
    }
}
