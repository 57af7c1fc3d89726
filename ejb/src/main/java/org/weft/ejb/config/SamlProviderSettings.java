package org.weft.ejb.config;

/**
 * One SAML 2.0 identity provider (weft.sso.saml.{id}.*), for organisations whose IdP speaks only
 * SAML (ADFS in SAML mode, Shibboleth, older Okta or PingFederate set-ups).
 *
 * @param id                   the identity provider's ID in {@code GET /login}
 * @param name                 the button label clients show
 * @param idpEntityId          the IdP's entity ID: the Issuer its assertions must carry
 * @param ssoUrl               the IdP's single sign-on URL (HTTP-Redirect binding)
 * @param idpCertificate       path to the IdP's signing certificate (PEM): assertions signed by it only
 * @param spEntityId           Weft's entity ID at the IdP (the assertion's audience); empty: the
 *                             metadata URL {@code {public_baseurl}_weft/sso/saml/{id}/metadata}
 * @param localpartAttribute   the attribute the localpart is made from; empty: the NameID
 * @param displaynameAttribute the attribute that gives the display name
 * @param emailAttribute       the attribute that gives the email address
 * @param clockSkewMs          how far the IdP's clock may be off
 */
public record SamlProviderSettings(String id, String name, String idpEntityId, String ssoUrl, String idpCertificate,
                                   String spEntityId, String localpartAttribute, String displaynameAttribute,
                                   String emailAttribute, long clockSkewMs) {

    /** Set up enough to be offered. */
    public boolean isComplete() {
        return !idpEntityId.isEmpty() && !ssoUrl.isEmpty() && !idpCertificate.isEmpty();
    }
}
