package org.weft.ejb.users;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.ejb.config.LdapSettings;
import org.weft.ejb.sso.ExternalUser;
import org.weft.ejb.sso.IdentityProvisioning;
import org.weft.persistence.users.AccountEntity;

/**
 * The database steps of {@code m.login.password}, each one transaction: what Weft knows of the user
 * before the directory is asked, and the session at the end (LoginService orchestrates, with the
 * directory asked between them outside any transaction).
 */
@Stateless
public class PasswordLogin {

    /**
     * What decides who checks the password.
     *
     * @param exists      the user ID is an account here
     * @param hasPassword it has a Weft password
     * @param directoryId the directory ID recorded for it, or null: it did not come from the directory
     */
    public record Facts(boolean exists, boolean hasPassword, String directoryId) {

        /** A Weft account of its own, which only Weft's password signs in (the directory may have a namesake). */
        public boolean isLocalOnly() {
            return exists && hasPassword && directoryId == null;
        }
    }

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @Inject
    PasswordHasher hasher;

    @EJB
    SessionIssuer sessions;

    @EJB
    IdentityProvisioning provisioning;

    public Facts facts(String userId) {
        AccountEntity account = em.find(AccountEntity.class, userId);
        String directoryId = account == null ? null
                : provisioning.identitiesOfUser(userId).get(LdapSettings.IDP_ID);
        return new Facts(account != null, account != null && account.getPasswordHash() != null, directoryId);
    }

    /** The directory vouched for the person: their user (created at the first sign-in) gets a session. */
    public IssuedSession openFor(ExternalUser person, String deviceId, String displayName, boolean wantsRefreshToken,
                                 String clientAddress) {
        String userId = provisioning.userFor(person);
        return sessions.open(userId, deviceId, displayName, wantsRefreshToken, clientAddress);
    }

    /** Weft's own password: the same answer for an unknown user and a wrong password. */
    public IssuedSession local(String userId, String password, String deviceId, String displayName,
                               boolean wantsRefreshToken, String clientAddress) {
        AccountEntity account = em.find(AccountEntity.class, userId);
        if (account == null) {
            hasher.spendEquivalentTime(password);
            throw LoginIdentifier.invalidLogin();
        }
        if (account.isDeactivated()) {
            hasher.spendEquivalentTime(password);
            throw new MatrixException(ErrCode.M_USER_DEACTIVATED, "This account has been deactivated");
        }
        if (!hasher.verify(account.getPasswordHash(), password)) {
            throw LoginIdentifier.invalidLogin();
        }
        if (account.isLocked()) {
            throw MatrixException.userLocked();
        }
        return sessions.open(userId, deviceId, displayName, wantsRefreshToken, clientAddress);
    }
}
