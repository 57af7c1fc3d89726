package org.weft.ejb.sso;

/**
 * What deprovisioning does to one account, given what the directory says: the decisions alone,
 * without the directory or the database, so that every case is unit-tested.
 */
public enum DeprovisionDecision {
    NOTHING, LOCK, DEACTIVATE, UNLOCK;

    /** Who a lock set by deprovisioning is recorded as; deprovisioning lifts only those. */
    public static final String DIRECTORY = "directory";

    /** A run changes nothing if it would lock or deactivate more than this many... */
    static final int ALWAYS_ALLOWED = 5;

    /**
     * @param status         the directory's answer for the user's lasting ID
     * @param lockedBy       who locked the account ("admin", {@link #DIRECTORY}), or null
     * @param deactivated    the account is deactivated (for good: nothing brings it back)
     * @param deactivateMode {@code weft.ldap.deprovision.action} is {@code deactivate}
     */
    public static DeprovisionDecision decide(LdapDirectory.Status status, String lockedBy, boolean deactivated,
                                             boolean deactivateMode) {
        if (deactivated || status == LdapDirectory.Status.AMBIGUOUS) {
            // Two entries for one ID is the directory's confusion, not the user's departure.
            return NOTHING;
        }
        if (status == LdapDirectory.Status.ENABLED) {
            // Enabled again in the directory: the lock deprovisioning set is lifted, an admin's is not.
            return DIRECTORY.equals(lockedBy) ? UNLOCK : NOTHING;
        }
        if (deactivateMode) {
            return DEACTIVATE;
        }
        return lockedBy != null ? NOTHING : LOCK;
    }

    /**
     * Whether a run that would lock or deactivate {@code removals} of {@code known} directory users
     * looks like a misconfiguration (a wrong base DN, a service account that lost its rights) rather
     * than leavers: more than five, and more than {@code maxPercent} of them.
     */
    public static boolean looksLikeAMistake(int removals, int known, int maxPercent) {
        return removals > ALWAYS_ALLOWED && removals * 100L > (long) known * maxPercent;
    }
}
