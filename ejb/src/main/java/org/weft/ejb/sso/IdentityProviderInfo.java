package org.weft.ejb.sso;

/**
 * An identity provider as {@code GET /login} lists it in the {@code m.login.sso} flow
 * (definitions/sso_login_flow); icon and brand are null when not set.
 */
public record IdentityProviderInfo(String id, String name, String icon, String brand) {
}
