package org.weft.core.id;

import java.security.SecureRandom;

/**
 * A device ID (client-server API, "Relationship between access tokens and devices"; appendices,
 * "Identifier Grammar"). Device IDs are opaque: clients may choose their own at login, so any
 * non-empty string of at most 255 characters is accepted (the length matches the storage
 * column and the 255 limit the appendix sets for identifiers generally).
 *
 * @param value the device ID exactly as the client or server chose it
 */
public record DeviceId(String value) {

    /** Longest accepted device ID, in characters. */
    public static final int MAX_LENGTH = 255;

    private static final int GENERATED_LENGTH = 10;

    /** One shared instance: SecureRandom is thread-safe and seeding a new one is costly. */
    private static final SecureRandom RANDOM = new SecureRandom();

    public DeviceId {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("Device ID is empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("Device ID is longer than " + MAX_LENGTH + " characters");
        }
    }

    /**
     * Checks and wraps a device ID.
     *
     * @throws IllegalArgumentException if it is empty or too long
     */
    public static DeviceId parse(String text) {
        return new DeviceId(text);
    }

    /**
     * A fresh device ID for a login that did not name one: ten random letters A-Z, the shape
     * other homeservers use, so clients and tools that display device IDs see something familiar.
     * 26^10 (about 2^47) values make collisions within one account negligible; the caller still
     * checks uniqueness.
     */
    public static DeviceId generate() {
        char[] chars = new char[GENERATED_LENGTH];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) ('A' + RANDOM.nextInt(26));
        }
        return new DeviceId(new String(chars));
    }

    /** The device ID itself. */
    @Override
    public String toString() {
        return value;
    }
}
