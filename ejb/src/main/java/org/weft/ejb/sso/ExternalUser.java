package org.weft.ejb.sso;

/**
 * A person as an identity provider or directory vouched for them.
 *
 * @param idpId       who vouched: an OpenID Connect provider's ID, or {@code ldap}
 * @param subject     their stable ID there (the ID token's {@code sub}, the directory login name)
 * @param nameHint    what the localpart is made from at the first sign-in
 * @param displayName the display name to show, or null
 * @param admin       whether the provider makes them a server admin; null: it does not say
 * @param email       their email address as the provider gives it, or null
 */
public record ExternalUser(String idpId, String subject, String nameHint, String displayName, Boolean admin,
                           String email) {
}
