package org.weft.ejb.config;

/**
 * One OpenID Connect provider (weft.sso.oidc.{id}.*), e.g. Keycloak, Entra ID, Okta or ADFS.
 *
 * @param id               the identity provider's ID in {@code GET /login} and
 *                         {@code /login/sso/redirect/{idpId}}
 * @param issuer           the issuer URL; its {@code /.well-known/openid-configuration} is read
 * @param clientId         Weft's client ID at the provider (the ID token's audience)
 * @param clientSecret     Weft's client secret; empty for a public client (PKCE alone)
 * @param name             the button label clients show
 * @param icon             an {@code mxc://} icon, or empty
 * @param brand            a brand from the spec's list (e.g. {@code gitlab}), or empty
 * @param scopes           the scopes asked for
 * @param localpartClaim   the claim the new user's localpart is made from
 * @param displaynameClaim the claim that gives the display name
 * @param timeoutMs        the longest a request to the provider may take
 */
public record OidcProviderSettings(String id, String issuer, String clientId, String clientSecret, String name,
                                   String icon, String brand, String scopes, String localpartClaim,
                                   String displaynameClaim, long timeoutMs) {

    /** Set up enough to be offered: an issuer and a client ID. */
    public boolean isComplete() {
        return !issuer.isEmpty() && !clientId.isEmpty();
    }
}
