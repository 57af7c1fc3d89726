/**
 * Corporate sign-in: single sign-on through OpenID Connect providers, SAML 2.0 identity providers
 * and Kerberos/SPNEGO (client-server API, "SSO client login"), the login tokens that end it ("Token-based login", {@code m.login.token}),
 * password sign-in against an LDAP or Active Directory directory, and deprovisioning of users the
 * directory disabled or removed.
 *
 * <p>Whoever vouches for a user (an identity provider's ID token or signed assertion, a Kerberos ticket, the directory's bind) is
 * recorded as an external identity, so that the same person is the same Matrix user at every
 * sign-in ({@link org.weft.ejb.sso.IdentityProvisioning}). Attempts in progress and login tokens
 * live in the database, so any node of a cluster can take each step.
 */
package org.weft.ejb.sso;
