package org.weft.ejb.users;

/**
 * The tokens handed to a client at login, registration or refresh. {@code refreshToken} and
 * {@code expiresInMs} are null when the client did not ask for refresh tokens (its access token
 * then never expires).
 */
public record IssuedSession(String userId, String deviceId, String accessToken, String refreshToken,
                            Long expiresInMs) {
}
