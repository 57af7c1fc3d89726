package org.weft.ejb.sso;

/**
 * What a Kerberos client principal means for Matrix, and what a Negotiate token is: decisions
 * without the GSS-API, unit-tested.
 */
final class KerberosNames {

    private KerberosNames() {
    }

    /**
     * The login name of a user principal of the service's realm ({@code alice@CORP.EXAMPLE} ->
     * {@code alice}), or null: a principal of another realm (a trust Weft was not told about), or a
     * service principal ({@code HTTP/host@REALM}), signs nobody in.
     */
    static String userOf(String clientPrincipal, String serviceRealm) {
        if (clientPrincipal == null) {
            return null;
        }
        int at = clientPrincipal.lastIndexOf('@');
        String name = at < 0 ? clientPrincipal : clientPrincipal.substring(0, at);
        String realm = at < 0 ? "" : clientPrincipal.substring(at + 1);
        if (name.isEmpty() || name.contains("/") || !realm.equalsIgnoreCase(serviceRealm)) {
            return null;
        }
        return name;
    }

    /**
     * Whether the browser offered NTLM instead of Kerberos (it does when it cannot get a ticket,
     * e.g. Weft's host name is not in the intranet zone): such tokens start with "NTLMSSP".
     */
    static boolean isNtlm(byte[] token) {
        byte[] ntlm = {'N', 'T', 'L', 'M', 'S', 'S', 'P', 0};
        if (token.length < ntlm.length) {
            return false;
        }
        for (int i = 0; i < ntlm.length; i++) {
            if (token[i] != ntlm[i]) {
                return false;
            }
        }
        return true;
    }
}
