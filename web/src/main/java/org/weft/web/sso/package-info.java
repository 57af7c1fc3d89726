/**
 * Single sign-on over HTTP (client-server API, "SSO client login"): the redirect endpoints clients
 * open in a browser, and the pages of Weft's own that the browser sees on the way back (the
 * identity provider's callback or SAML assertion consumer service, the Kerberos negotiation, and
 * the confirmation page), under {@code /_weft/sso}.
 */
package org.weft.web.sso;
