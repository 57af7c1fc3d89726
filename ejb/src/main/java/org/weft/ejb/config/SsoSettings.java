package org.weft.ejb.config;

import java.util.List;

/**
 * Single sign-on settings (weft.sso.*): client login via SSO, "SSO client login" in the
 * client-server API.
 *
 * @param redirectAllowlist     URL prefixes a client's {@code redirectUrl} must start with; empty:
 *                              any http(s) URL (the confirmation page still names it)
 * @param loginTokenLifetimeMs  how long a login token may wait to be exchanged at {@code /login}
 * @param attemptLifetimeMs     how long a user has to sign in at the identity provider and confirm
 * @param oidc                  the OpenID Connect providers, in the order configured
 * @param kerberos              desktop sign-in through Kerberos/SPNEGO
 * @param saml                  the SAML 2.0 identity providers, in the order configured
 */
public record SsoSettings(List<String> redirectAllowlist, long loginTokenLifetimeMs, long attemptLifetimeMs,
                          List<OidcProviderSettings> oidc, KerberosSettings kerberos, List<SamlProviderSettings> saml) {
}
