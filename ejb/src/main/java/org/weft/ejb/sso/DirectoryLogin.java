package org.weft.ejb.sso;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.weft.core.error.MatrixException;
import org.weft.ejb.config.LdapSettings;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.users.LoginIdentifier;

/**
 * {@code m.login.password} against the directory (client-server API, "Password-based" login): the
 * login name is looked up, the password checked by a bind, and the person becomes (or is) a
 * Matrix user, with display name and admin flag from the directory.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class DirectoryLogin {

    private static final Logger LOG = Logger.getLogger(DirectoryLogin.class);

    @Inject
    WeftSettings settings;

    @Inject
    LdapDirectory directory;

    @EJB
    IdentityProvisioning provisioning;

    /**
     * The user the directory signed in; empty when directory sign-in is off, or the directory does
     * not know the name and Weft's own passwords may be tried. A known name with a wrong password
     * is 403 M_FORBIDDEN (the same answer as for an unknown user); a directory that cannot be
     * reached is 503.
     */
    public Optional<String> authenticate(String loginName, String password) {
        LdapSettings ldap = settings.ldap();
        if (!ldap.enabled()) {
            return Optional.empty();
        }
        try {
            Optional<DirectoryUser> found = directory.find(ldap, loginName);
            if (found.isEmpty()) {
                if (ldap.localPasswords()) {
                    return Optional.empty();
                }
                throw LoginIdentifier.invalidLogin();
            }
            DirectoryUser user = found.get();
            if (!directory.checkPassword(ldap, user, password)) {
                LOG.infof("Directory sign-in of %s refused: wrong password", loginName);
                throw LoginIdentifier.invalidLogin();
            }
            ExternalUser person = new ExternalUser(LdapSettings.IDP_ID, user.loginName().toLowerCase(java.util.Locale.ROOT),
                    user.loginName(), user.displayName(), directory.isAdmin(ldap, user));
            return Optional.of(provisioning.userFor(person));
        } catch (LdapDirectory.DirectoryUnavailable e) {
            LOG.warnf("Directory sign-in of %s failed: %s", loginName, e.getMessage());
            throw MatrixException.unavailable("The directory cannot be reached; try again later");
        }
    }
}
