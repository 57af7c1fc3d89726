package org.weft.core.crypto;

import java.util.Base64;

/**
 * Unpadded Base64 (appendices, "Unpadded Base64" and "URL-safe unpadded Base64"): RFC 4648
 * Base64 without the {@code =} padding, in the standard alphabet ({@code +}, {@code /}) used for
 * keys, signatures and hashes, and the URL-safe alphabet ({@code -}, {@code _}) used for event IDs
 * from room version 4 on.
 *
 * <p>Encoders never emit padding. Decoders accept input with or without correct padding, as the
 * appendix asks ("implementations SHOULD accept input with or without padding characters"), but
 * nothing else: characters of the other alphabet, whitespace, misplaced or partial padding
 * ({@code "Zg="}) and impossible lengths are rejected. Non-zero bits left over in the last
 * character are ignored rather than rejected, because the appendix's own signing-key seed
 * ({@code ...XA1}) has them and every other implementation (Python, Synapse) decodes it.
 */
public final class UnpaddedBase64 {

    private static final Base64.Encoder STANDARD = Base64.getEncoder().withoutPadding();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private UnpaddedBase64() {
    }

    /** Standard-alphabet unpadded Base64 of {@code bytes}. */
    public static String encode(byte[] bytes) {
        return STANDARD.encodeToString(bytes);
    }

    /** URL-safe unpadded Base64 of {@code bytes}. */
    public static String encodeUrlSafe(byte[] bytes) {
        return URL_SAFE.encodeToString(bytes);
    }

    /**
     * Decodes standard-alphabet Base64, padded or not.
     *
     * @throws IllegalArgumentException if {@code text} is not valid Base64 in that alphabet
     */
    public static byte[] decode(String text) {
        return decode(text, Base64.getDecoder(), "Base64");
    }

    /**
     * Decodes URL-safe Base64, padded or not.
     *
     * @throws IllegalArgumentException if {@code text} is not valid Base64 in that alphabet
     */
    public static byte[] decodeUrlSafe(String text) {
        return decode(text, Base64.getUrlDecoder(), "URL-safe Base64");
    }

    private static byte[] decode(String text, Base64.Decoder decoder, String what) {
        if (text == null) {
            throw new IllegalArgumentException(what + " input is null");
        }
        // The JDK decoders (not the MIME one) already accept exactly "unpadded, or correctly
        // padded", reject foreign characters and ignore trailing bits; only the message is ours.
        try {
            return decoder.decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid " + what + ": " + e.getMessage(), e);
        }
    }
}
