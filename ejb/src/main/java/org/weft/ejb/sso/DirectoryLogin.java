package org.weft.ejb.sso;

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
 * user is looked up (by the lasting ID recorded for their Matrix user, or else by login name), the
 * password checked by a bind, and a user the directory disabled is refused. No transaction: only
 * the directory is asked here, and the caller records the result in its own.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DirectoryLogin {

    private static final Logger LOG = Logger.getLogger(DirectoryLogin.class);

    @Inject
    WeftSettings settings;

    @Inject
    LdapDirectory directory;

    /**
     * The person the directory vouches for; empty when directory sign-in is off or the directory
     * does not know them (so Weft's own passwords may be tried). A known user with a wrong password,
     * or disabled, is 403 M_FORBIDDEN (the answer for any wrong password); a directory that cannot
     * be reached is 503.
     *
     * @param linkedId the directory ID recorded for the Matrix user signing in, or null: that entry
     *                 is asked first, then whoever has the login name
     */
    public Optional<ExternalUser> authenticate(String loginName, String linkedId, String password) {
        LdapSettings ldap = settings.ldap();
        if (!ldap.enabled()) {
            return Optional.empty();
        }
        try {
            Optional<DirectoryUser> found = linkedId != null ? directory.findById(ldap, linkedId) : Optional.empty();
            if (found.isEmpty()) {
                // Not linked, or the linked entry is gone: whoever holds the name now (a newcomer given a
                // leaver's name is another entry, so another Matrix user).
                found = directory.findByName(ldap, loginName);
            }
            if (found.isEmpty()) {
                return Optional.empty();
            }
            DirectoryUser user = found.get();
            if (!directory.checkPassword(ldap, user, password)) {
                LOG.infof("Directory sign-in of %s refused: wrong password", loginName);
                throw LoginIdentifier.invalidLogin();
            }
            if (directory.isDisabled(ldap, user)) {
                LOG.infof("Directory sign-in of %s refused: disabled in the directory", loginName);
                throw LoginIdentifier.invalidLogin();
            }
            return Optional.of(new ExternalUser(LdapSettings.IDP_ID, user.id(), user.loginName(), user.displayName(),
                    directory.isAdmin(ldap, user), user.email()));
        } catch (LdapDirectory.DirectoryUnavailable e) {
            LOG.warnf("Directory sign-in of %s failed: %s", loginName, e.getMessage());
            throw MatrixException.unavailable("The directory cannot be reached; try again later");
        }
    }
}
