package org.weft.ejb.sso;

/**
 * What deprovisioning does to one account, given what the directory says: the decision alone,
 * without the directory or the database, so that every case is unit-tested.
 */
public enum DeprovisionDecision {
    NOTHING, LOCK, DEACTIVATE, UNLOCK;

    /**
     * @param status         the directory's answer for the user's login name
     * @param locked         the account is locked now
     * @param deactivated    the account is deactivated (for good: nothing brings it back)
     * @param deactivateMode {@code weft.ldap.deprovision.action} is {@code deactivate}
     */
    public static DeprovisionDecision decide(LdapDirectory.Status status, boolean locked, boolean deactivated,
                                             boolean deactivateMode) {
        if (deactivated) {
            return NOTHING;
        }
        if (status == LdapDirectory.Status.ENABLED) {
            // Enabled again in the directory: a lock that deprovisioning set is lifted.
            return locked ? UNLOCK : NOTHING;
        }
        if (deactivateMode) {
            return DEACTIVATE;
        }
        return locked ? NOTHING : LOCK;
    }
}
