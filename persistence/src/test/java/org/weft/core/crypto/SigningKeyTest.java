package org.weft.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ed25519 keys (appendices, "Signing Details", "Cryptographic Test Vectors": "Signing Key"), with
 * RFC 8032 section 7.1 vectors for the raw key handling the appendix relies on.
 */
class SigningKeyTest {

    /** The appendix's seed, exactly as printed there. */
    static final String SPEC_SEED = "YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1";
    /** Its public key, as other implementations (ruma-signatures' tests) publish it. */
    static final String SPEC_PUBLIC_KEY = "XGX0JRS2Af3be3knz2fBiRbApjm2Dh61gXDJA8kcJNI";

    static SigningKey specKey() {
        return SigningKey.fromSeed("ed25519:1", UnpaddedBase64.decode(SPEC_SEED));
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    @Test
    void specSeedDerivesTheKnownPublicKey() {
        SigningKey key = specKey();
        assertEquals(SPEC_PUBLIC_KEY, key.publicKeyBase64());
        assertEquals("ed25519:1", key.keyId());
        assertEquals("1", key.version());
        // Re-encoding normalises the seed's unused trailing bits.
        assertEquals("YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA0", key.seedBase64());
    }

    @Test
    void rfc8032Test1() {
        SigningKey key = SigningKey.fromSeed("ed25519:t1",
                hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        byte[] publicKey = hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        byte[] signature = hex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        assertArrayEquals(publicKey, key.publicKey());
        assertArrayEquals(signature, key.sign(new byte[0]));
        assertTrue(SigningKey.verify(publicKey, new byte[0], signature));
    }

    @Test
    void rfc8032Test2() {
        SigningKey key = SigningKey.fromSeed("ed25519:t2",
                hex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"));
        byte[] publicKey = hex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
        byte[] message = {0x72};
        byte[] signature = hex("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
        assertArrayEquals(publicKey, key.publicKey());
        assertArrayEquals(signature, key.sign(message));
        assertTrue(SigningKey.verify(publicKey, message, signature));
    }

    /**
     * The raw encoding is the last 32 bytes of the JDK's X.509 SubjectPublicKeyInfo. Comparing
     * both directions over many random keys covers keys with the x-parity bit set and clear (the
     * RFC vectors above all have it clear).
     */
    @Test
    void rawConversionMatchesX509EncodingForBothParities() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        boolean sawOdd = false;
        boolean sawEven = false;
        for (int i = 0; i < 64; i++) {
            KeyPair pair = generator.generateKeyPair();
            byte[] x509 = pair.getPublic().getEncoded();
            byte[] expected = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
            byte[] raw = Ed25519Keys.raw(pair.getPublic());
            assertArrayEquals(expected, raw);
            PublicKey back = Ed25519Keys.publicKey(raw);
            assertArrayEquals(x509, back.getEncoded());
            boolean odd = (raw[31] & 0x80) != 0;
            sawOdd |= odd;
            sawEven |= !odd;
        }
        assertTrue(sawOdd && sawEven, "64 random keys should include both parities");
    }

    @Test
    void generatedKeySignsAndVerifies() {
        SigningKey key = SigningKey.generate("a_AbCd");
        assertEquals("ed25519:a_AbCd", key.keyId());
        byte[] message = "hello".getBytes(StandardCharsets.UTF_8);
        byte[] signature = key.sign(message);
        assertEquals(64, signature.length);
        assertTrue(SigningKey.verify(key.publicKey(), message, signature));
        assertFalse(SigningKey.verify(key.publicKey(), "hellO".getBytes(StandardCharsets.UTF_8), signature));
        // Reloading from the stored seed gives the same key.
        assertEquals(key, SigningKey.fromSeed(key.keyId(), UnpaddedBase64.decode(key.seedBase64())));
        assertNotEquals(key, SigningKey.generate("a_AbCd"));
    }

    @Test
    void verifyTreatsMalformedInputAsFailure() {
        SigningKey key = specKey();
        byte[] message = {1, 2, 3};
        byte[] signature = key.sign(message);
        assertFalse(SigningKey.verify(Arrays.copyOf(key.publicKey(), 31), message, signature));
        assertFalse(SigningKey.verify(key.publicKey(), message, Arrays.copyOf(signature, 63)));
        assertFalse(SigningKey.verify(key.publicKey(), message, new byte[64]));
        byte[] flipped = signature.clone();
        flipped[10] ^= 1;
        assertFalse(SigningKey.verify(key.publicKey(), message, flipped));
        assertFalse(SigningKey.verify(null, message, signature));
    }

    @Test
    void toStringNeverShowsTheSeed() {
        SigningKey key = specKey();
        String text = key.toString();
        assertTrue(text.contains("ed25519:1") && text.contains(SPEC_PUBLIC_KEY), text);
        assertFalse(text.contains(key.seedBase64()), text);
        assertFalse(text.contains(SPEC_SEED.substring(0, 20)), text);
    }

    @Test
    void arraysAreCopiedInAndOut() {
        byte[] seed = UnpaddedBase64.decode(SPEC_SEED);
        SigningKey key = SigningKey.fromSeed("ed25519:1", seed);
        seed[0] ^= 1;
        key.seed()[0] ^= 1;
        key.publicKey()[0] ^= 1;
        assertEquals(specKey(), key);
        assertEquals(SPEC_PUBLIC_KEY, key.publicKeyBase64());
    }

    @Test
    void mismatchedPublicKeyIsRejected() {
        SigningKey key = specKey();
        byte[] wrong = key.publicKey();
        wrong[0] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> new SigningKey("ed25519:1", key.seed(), wrong));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "ed25519:", "ed25519:a-b", "ed25519:a:b", "curve25519:1", "ED25519:1", "ed25519:a b"})
    void invalidKeyIdsAreRejected(String keyId) {
        byte[] seed = UnpaddedBase64.decode(SPEC_SEED);
        assertThrows(IllegalArgumentException.class, () -> SigningKey.fromSeed(keyId, seed));
    }

    @Test
    void wrongSeedLengthIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> SigningKey.fromSeed("ed25519:1", new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> SigningKey.generate("no-dash"));
    }
}
