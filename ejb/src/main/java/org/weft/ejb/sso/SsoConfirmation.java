package org.weft.ejb.sso;

/**
 * What the browser sees after the identity provider vouched for the user. For a login: who signed
 * in, which client gets access (its origin), and the state (and for SAML, the hand-off secret) the
 * confirmation form sends back. For user-interactive auth ({@code uiaDone}): only that the client
 * may now go on.
 */
public record SsoConfirmation(String userId, String client, String state, String handoff, boolean uiaDone) {
}
