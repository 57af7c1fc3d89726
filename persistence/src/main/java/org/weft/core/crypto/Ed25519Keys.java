package org.weft.core.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;

/**
 * Conversions between the raw 32-byte ed25519 keys Matrix publishes (appendices, "Signing
 * Details": "ed25519 as implemented by NACL"; server-server API, "Retrieving server keys") and
 * the JDK's key objects, which speak RFC 8032 points rather than bytes.
 *
 * <p>RFC 8032 section 5.1.2 encodes a public key as the 255-bit y coordinate in little-endian
 * order with the parity of x in the most significant bit of the last byte; {@link EdECPoint}
 * holds y as a {@link BigInteger} and that bit as {@code xOdd}, so both directions must reverse
 * the byte order and move the bit explicitly.
 */
final class Ed25519Keys {

    /** Length of a raw public key, of a private seed, and half the length of a signature. */
    static final int KEY_LENGTH = 32;
    static final int SIGNATURE_LENGTH = 64;
    static final String ALGORITHM = "Ed25519";

    private Ed25519Keys() {
    }

    /** The JDK private key for a 32-byte RFC 8032 seed (the "private key" the RFC hashes). */
    static PrivateKey privateKey(byte[] seed) throws GeneralSecurityException {
        return KeyFactory.getInstance(ALGORITHM)
                .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
    }

    /** The JDK public key for a raw 32-byte encoded point. */
    static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
        byte[] bigEndian = new byte[KEY_LENGTH];
        for (int i = 0; i < KEY_LENGTH; i++) {
            bigEndian[i] = raw[KEY_LENGTH - 1 - i];
        }
        // After reversal the x-parity bit is the top bit of the first byte; it is not part of y.
        boolean xOdd = (bigEndian[0] & 0x80) != 0;
        bigEndian[0] &= 0x7F;
        EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, bigEndian));
        return KeyFactory.getInstance(ALGORITHM)
                .generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
    }

    /** The raw 32-byte encoding of a JDK public key. */
    static byte[] raw(PublicKey key) {
        if (!(key instanceof EdECPublicKey edKey)) {
            throw new IllegalArgumentException("Not an EdDSA public key: " + key.getAlgorithm());
        }
        EdECPoint point = edKey.getPoint();
        byte[] y = point.getY().toByteArray(); // big-endian, possibly with a leading sign byte
        byte[] raw = new byte[KEY_LENGTH];
        for (int i = 0; i < KEY_LENGTH && i < y.length; i++) {
            raw[i] = y[y.length - 1 - i];
        }
        if (point.isXOdd()) {
            raw[KEY_LENGTH - 1] |= (byte) 0x80;
        }
        return raw;
    }

    /**
     * Derives the raw public key of a seed. The JDK (17) has no public API for this, but its key
     * pair generator draws the seed as exactly one {@code nextBytes} call of 32 bytes from the
     * given random source; a source that hands back our seed makes it compute the matching public
     * key. {@link SeedRandom} refuses any other request, so a JDK that drew differently would
     * fail loudly instead of deriving the key of some other seed.
     */
    static byte[] derivePublicKey(byte[] seed) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
        generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
        KeyPair pair = generator.generateKeyPair();
        byte[] generatedSeed = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElse(null);
        if (!Arrays.equals(generatedSeed, seed)) {
            throw new IllegalStateException("The JDK key generator did not use the given seed");
        }
        return raw(pair.getPublic());
    }

    /** A one-shot random source that returns a fixed seed; only for {@link #derivePublicKey}. */
    private static final class SeedRandom extends SecureRandom {

        private static final long serialVersionUID = 1L;

        private final byte[] seed;
        private boolean used;

        SeedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public synchronized void nextBytes(byte[] bytes) {
            if (used || bytes.length != seed.length) {
                throw new IllegalStateException("Unexpected use of the seed source by the JDK key generator");
            }
            used = true;
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }
}
