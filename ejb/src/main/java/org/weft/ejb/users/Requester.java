package org.weft.ejb.users;

/**
 * Who made an authenticated request: resolved from the access token by {@link AuthService}.
 * {@code tokenHash} identifies the session (for logout), never the token itself.
 */
public record Requester(String userId, String deviceId, boolean guest, boolean admin, String tokenHash) {
}
