package org.weft.ejb.sso;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.weft.core.error.MatrixException;
import org.weft.ejb.config.KerberosSettings;
import org.weft.ejb.config.LdapSettings;
import org.weft.ejb.config.OidcProviderSettings;
import org.weft.ejb.config.SamlProviderSettings;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.uia.UiaFlows;
import org.weft.ejb.users.AccountService;
import org.weft.persistence.users.AccountEntity;

/**
 * How a user can prove it is them again, for user-interactive auth of sensitive actions
 * (client-server API, "User-interactive authentication", and "SSO during User-Interactive
 * Authentication"): a Weft password, the directory's password for users who came from the
 * directory, or single sign-on at the identity provider they signed in with.
 */
@Stateless
public class SignInMethods {

    private static final Logger LOG = Logger.getLogger(SignInMethods.class);

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @Inject
    WeftSettings settings;

    @Inject
    OidcClient oidc;

    @Inject
    LdapDirectory directory;

    @Inject
    SpnegoAcceptor spnego;

    @Inject
    SamlKeys samlKeys;

    @EJB
    IdentityProvisioning identities;

    @EJB
    AccountService accounts;

    /**
     * The flows offered to this user: {@code m.login.password} when they have a password here or in
     * the directory, {@code m.login.sso} when they have an identity at an identity provider that can
     * be used now. Someone with neither is offered the password stage, which then fails.
     */
    public List<List<String>> uiaFlows(String userId) {
        AccountEntity account = em.find(AccountEntity.class, userId);
        Map<String, String> linked = identities.identitiesOfUser(userId);
        boolean directoryPassword = settings.ldap().enabled() && linked.containsKey(LdapSettings.IDP_ID);
        boolean password = directoryPassword || (account != null && account.getPasswordHash() != null);
        boolean sso = ssoProviderOf(userId, linked).isPresent();
        List<List<String>> flows = new ArrayList<>();
        if (password || !sso) {
            flows.add(List.of(UiaFlows.PASSWORD));
        }
        if (sso) {
            flows.add(List.of(UiaFlows.SSO));
        }
        return flows;
    }

    /**
     * Whether the user's password is the organisation's business: they came from an identity
     * provider or the directory. A Weft password set for them would let them in past the provider
     * (and its second factor), and past deprovisioning.
     */
    public boolean passwordIsManagedElsewhere(String userId) {
        return !identities.identitiesOfUser(userId).isEmpty();
    }

    /** The identity provider (its ID) the user can prove it is them at now. */
    public Optional<String> ssoProviderOf(String userId) {
        return ssoProviderOf(userId, identities.identitiesOfUser(userId));
    }

    private Optional<String> ssoProviderOf(String userId, Map<String, String> linked) {
        Optional<String> oidcProvider = settings.sso().oidc().stream().filter(p -> linked.containsKey(p.id()))
                .filter(oidc::isAvailable).map(OidcProviderSettings::id).findFirst();
        if (oidcProvider.isPresent()) {
            return oidcProvider;
        }
        Optional<String> samlProvider = settings.sso().saml().stream().filter(p -> linked.containsKey(p.id()))
                .filter(p -> samlKeys.keyOf(p).isPresent()).map(SamlProviderSettings::id).findFirst();
        if (samlProvider.isPresent()) {
            return samlProvider;
        }
        KerberosSettings kerberos = settings.sso().kerberos();
        return linked.containsKey(KerberosSettings.IDP_ID) && spnego.isAvailable(kerberos)
                ? Optional.of(KerberosSettings.IDP_ID) : Optional.empty();
    }

    /**
     * Whether the password is the user's: the directory's for a user who came from it (while
     * directory sign-in is on), Weft's own otherwise.
     */
    public boolean checkPassword(String userId, String password) {
        LdapSettings ldap = settings.ldap();
        String directoryId = ldap.enabled() ? identities.identitiesOfUser(userId).get(LdapSettings.IDP_ID) : null;
        if (directoryId == null) {
            return accounts.verifyPassword(userId, password);
        }
        try {
            Optional<DirectoryUser> user = directory.findById(ldap, directoryId);
            AccountEntity account = em.find(AccountEntity.class, userId);
            return user.isPresent() && account != null && !account.isDeactivated() && !account.isLocked()
                    && directory.checkPassword(ldap, user.get(), password) && !directory.isDisabled(ldap, user.get());
        } catch (LdapDirectory.DirectoryUnavailable e) {
            LOG.warnf("Password check of %s in the directory failed: %s", userId, e.getMessage());
            throw MatrixException.unavailable("The directory cannot be reached; try again later");
        }
    }
}
