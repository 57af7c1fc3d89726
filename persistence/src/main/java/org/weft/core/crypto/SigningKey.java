package org.weft.core.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A server's ed25519 signing key (appendices, "Signing Details": the signing key identifier is
 * the algorithm {@code ed25519} and a key identifier joined by {@code :}; server-server API,
 * "Retrieving server keys": the key version matches {@code [a-zA-Z0-9_]}).
 *
 * <p>The private part is the 32-byte RFC 8032 seed, as Synapse stores it and as the appendix's
 * test vectors give it; the public part is the raw 32-byte point servers publish. The canonical
 * constructor checks that the two belong together, so a corrupted key file cannot make the
 * server publish one key and sign with another. Arrays are copied in and out, so the record is
 * immutable and {@link #equals} compares contents.
 *
 * @param keyId     the signing key identifier, e.g. {@code ed25519:a_AbCd}
 * @param seed      the 32-byte private seed
 * @param publicKey the 32-byte public key
 */
public record SigningKey(String keyId, byte[] seed, byte[] publicKey) {

    /** The only signing algorithm the spec defines. */
    public static final String ALGORITHM_PREFIX = "ed25519:";

    private static final Pattern KEY_VERSION = Pattern.compile("[a-zA-Z0-9_]+");

    public SigningKey {
        checkKeyId(keyId);
        if (seed == null || seed.length != Ed25519Keys.KEY_LENGTH) {
            throw new IllegalArgumentException("An ed25519 seed is 32 bytes");
        }
        if (publicKey == null || publicKey.length != Ed25519Keys.KEY_LENGTH) {
            throw new IllegalArgumentException("An ed25519 public key is 32 bytes");
        }
        seed = seed.clone();
        publicKey = publicKey.clone();
        if (!MessageDigest.isEqual(derive(seed), publicKey)) {
            throw new IllegalArgumentException("Public key does not belong to the seed of " + keyId);
        }
    }

    /**
     * A new random key.
     *
     * @param version the key version after {@code ed25519:}, from {@code [a-zA-Z0-9_]}
     */
    public static SigningKey generate(String version) {
        String keyId = ALGORITHM_PREFIX + version;
        checkKeyId(keyId);
        byte[] seed = new byte[Ed25519Keys.KEY_LENGTH];
        new SecureRandom().nextBytes(seed);
        return new SigningKey(keyId, seed, derive(seed));
    }

    /** The key with this identifier and seed, its public key derived from the seed. */
    public static SigningKey fromSeed(String keyId, byte[] seed) {
        if (seed == null || seed.length != Ed25519Keys.KEY_LENGTH) {
            throw new IllegalArgumentException("An ed25519 seed is 32 bytes");
        }
        return new SigningKey(keyId, seed, derive(seed));
    }

    /**
     * Verifies an ed25519 signature with a raw public key. Malformed input (wrong lengths, a key
     * that is not a curve point) is treated as a failed check, not an error, since keys and
     * signatures come from other servers.
     */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey == null || message == null || signature == null
                || publicKey.length != Ed25519Keys.KEY_LENGTH
                || signature.length != Ed25519Keys.SIGNATURE_LENGTH) {
            return false;
        }
        try {
            return Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The 64-byte ed25519 signature of {@code message}. */
    public byte[] sign(byte[] message) {
        byte[] signature = new byte[Ed25519Keys.SIGNATURE_LENGTH];
        Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, signature, 0);
        return signature;
    }

    /** The key version, the part of {@link #keyId()} after {@code ed25519:}. */
    public String version() {
        return keyId.substring(ALGORITHM_PREFIX.length());
    }

    /** A copy of the private seed. */
    @Override
    public byte[] seed() {
        return seed.clone();
    }

    /** A copy of the raw public key. */
    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The public key as unpadded standard Base64, as published in {@code verify_keys}. */
    public String publicKeyBase64() {
        return UnpaddedBase64.encode(publicKey);
    }

    /** The seed as unpadded standard Base64, for the key file (Synapse's format). */
    public String seedBase64() {
        return UnpaddedBase64.encode(seed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigningKey other && keyId.equals(other.keyId)
                && MessageDigest.isEqual(seed, other.seed) && Arrays.equals(publicKey, other.publicKey);
    }

    @Override
    public int hashCode() {
        // The public key identifies the pair; the seed stays out of anything that might be logged.
        return keyId.hashCode() * 31 + Arrays.hashCode(publicKey);
    }

    /** Identifier and public key only: the seed must never reach a log. */
    @Override
    public String toString() {
        return "SigningKey[keyId=" + keyId + ", publicKey=" + publicKeyBase64() + "]";
    }

    private static void checkKeyId(String keyId) {
        if (keyId == null || !keyId.startsWith(ALGORITHM_PREFIX)
                || !KEY_VERSION.matcher(keyId.substring(ALGORITHM_PREFIX.length())).matches()) {
            throw new IllegalArgumentException("Key ID must be 'ed25519:' followed by [a-zA-Z0-9_]+: " + keyId);
        }
    }

    private static byte[] derive(byte[] seed) {
        byte[] publicKey = new byte[Ed25519Keys.KEY_LENGTH];
        Ed25519.generatePublicKey(seed, 0, publicKey, 0);
        return publicKey;
    }
}
