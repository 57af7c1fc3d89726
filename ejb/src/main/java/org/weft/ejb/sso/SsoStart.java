package org.weft.ejb.sso;

import java.net.URI;

/**
 * Where the browser goes to sign in, and the secret its cookie must hold when it comes back.
 */
public record SsoStart(URI location, String browserSecret) {
}
