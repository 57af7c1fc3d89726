package org.weft.ejb.config;

/**
 * Directory sign-in settings (weft.ldap.*): {@code m.login.password} checked against LDAP or
 * Active Directory, and deprovisioning.
 *
 * @param enabled              check passwords against the directory at all
 * @param url                  {@code ldap://host:389} or {@code ldaps://host:636}
 * @param bindDn               the service account that searches for users; empty: anonymous search
 * @param bindPassword         its password
 * @param userBaseDn           where users are searched, with the whole subtree
 * @param userFilter           the filter that finds a user by login name, {@code {0}} being the name
 * @param loginAttribute       the attribute holding the login name, which becomes the localpart
 * @param idAttribute          the attribute that identifies an entry for good, whatever its name
 *                             ({@code entryUUID}; Active Directory: {@code objectGUID})
 * @param displaynameAttribute the attribute that gives the display name
 * @param emailAttribute       the attribute that gives the email address
 * @param adminGroupDn         members of this group are server admins; empty: none by the directory
 * @param disabledFilter       a filter matching disabled users (AD: the userAccountControl bit);
 *                             empty: only removed users are deprovisioned
 * @param localPasswords       users the directory does not know may still use a Weft password
 * @param deprovisionIntervalMs how often users who came from the directory are checked against it
 * @param deprovisionDeactivates deactivate (for good) rather than lock (until the directory enables
 *                             the user again)
 * @param timeoutMs            the longest a directory request may take
 * @param deprovisionMaxPercent a run that would lock or deactivate more than this share of the
 *                             directory's users (and more than five) changes nothing: it looks like
 *                             a misconfiguration, not a wave of leavers
 * @param startTls             on an {@code ldap://} URL, upgrade each connection to TLS (StartTLS,
 *                             RFC 4511 4.14) before any bind, so that no password crosses in clear
 * @param trustCertificate     a PEM/DER file of the certificates (the CA) trusted for the directory's
 *                             TLS; empty: the JVM's trust store
 */
public record LdapSettings(boolean enabled, String url, String bindDn, String bindPassword, String userBaseDn,
                           String userFilter, String loginAttribute, String idAttribute, String displaynameAttribute,
                           String emailAttribute, String adminGroupDn, String disabledFilter,
                           boolean localPasswords, long deprovisionIntervalMs, boolean deprovisionDeactivates,
                           long timeoutMs, int deprovisionMaxPercent, boolean startTls,
                           String trustCertificate) {

    /** Whether connections are protected by TLS: ldaps://, or StartTLS. */
    public boolean isEncrypted() {
        return url.regionMatches(true, 0, "ldaps://", 0, 8) || startTls;
    }

    /** The identity provider ID under which directory users' identities are recorded. */
    public static final String IDP_ID = "ldap";
}
