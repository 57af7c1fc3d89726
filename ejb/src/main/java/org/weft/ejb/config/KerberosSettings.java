package org.weft.ejb.config;

/**
 * Desktop single sign-on through Kerberos and SPNEGO (weft.sso.kerberos.*): the browser negotiates
 * with Weft, no password typed.
 *
 * @param enabled   offer it, as the identity provider {@code kerberos}
 * @param name      the button label clients show
 * @param principal Weft's service principal, e.g. {@code HTTP/matrix.corp.example@CORP.EXAMPLE}
 * @param keytab    the keytab file holding that principal's keys
 * @param krb5Conf  a krb5.conf to use instead of the JVM's default; empty: the default
 */
public record KerberosSettings(boolean enabled, String name, String principal, String keytab, String krb5Conf) {

    /** The identity provider ID of Kerberos sign-in. */
    public static final String IDP_ID = "kerberos";

    /** The service principal's realm: users of this realm only may sign in. */
    public String realm() {
        int at = principal.lastIndexOf('@');
        return at < 0 ? "" : principal.substring(at + 1);
    }
}
