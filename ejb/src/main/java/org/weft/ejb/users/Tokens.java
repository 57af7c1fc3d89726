package org.weft.ejb.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Opaque access and refresh tokens (client-server API, "Client authentication"): 256 random bits,
 * URL-safe, with a prefix that tells a leaked token's kind at a glance. Only the SHA-256 of a
 * token is stored: a fast hash is right here because the token itself has full entropy, so there
 * is nothing to brute-force, and it must be checked on every request.
 */
public final class Tokens {

    public static final String ACCESS_PREFIX = "wfa_";
    public static final String REFRESH_PREFIX = "wfr_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    public static String newAccessToken() {
        return ACCESS_PREFIX + randomString(32);
    }

    public static String newRefreshToken() {
        return REFRESH_PREFIX + randomString(32);
    }

    /** A random URL-safe string from {@code bytes} random bytes. */
    public static String randomString(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /** The stored form of a token: lowercase hex SHA-256 of its UTF-8 bytes. */
    public static String hash(String token) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
