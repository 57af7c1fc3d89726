package org.weft.core.json;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;

/**
 * The JSON entry points of Weft: a strict RFC 8259 parser, a compact writer for HTTP responses
 * and the Canonical JSON encoder used for signing and hashing (appendices, "Signing JSON",
 * "Canonical JSON").
 *
 * <p>Parsed values are plain Java collections: object -> {@code LinkedHashMap<String,Object>}
 * (document order kept), array -> {@code ArrayList<Object>}, string -> {@code String}, integer ->
 * {@code Long} (or {@code BigInteger} beyond the long range), number with fraction or exponent
 * -> {@code BigDecimal}, booleans -> {@code Boolean}, null -> {@code null}. Numbers are never
 * turned into doubles, so nothing a remote server signed is silently rounded.
 *
 * <p>Decisions where RFC 8259 leaves room, chosen because Matrix hashes and signs JSON and two
 * servers must never read one document differently:
 * <ul>
 *   <li>duplicate keys in one object are rejected;</li>
 *   <li>unpaired surrogates, raw or as {@code \}{@code u} escapes, are rejected: they cannot be
 *       encoded in UTF-8, hence have no canonical form;</li>
 *   <li>nesting deeper than 128 levels and number literals over 1000 characters are rejected,
 *       as RFC 8259 section 9 permits, to bound stack and CPU use;</li>
 *   <li>bytes must be strict UTF-8 without a byte order mark (RFC 8259 section 8.1).</li>
 * </ul>
 */
public final class Json {

    /** Orders strings by Unicode code point, the key order Canonical JSON requires. */
    public static final Comparator<String> CODE_POINT_ORDER = Json::compareCodePoints;

    private Json() {
    }

    /**
     * Parses one JSON text (any value, not only objects, as RFC 8259 allows).
     *
     * @throws JsonSyntaxException if {@code text} is not exactly one valid JSON value
     */
    public static Object parse(String text) {
        return JsonParser.parse(text);
    }

    /**
     * Decodes strict UTF-8, then parses. Malformed or overlong sequences, encoded surrogates and
     * a leading byte order mark are errors, not replaced by U+FFFD: a replaced character would
     * make the content differ from what the sender signed.
     *
     * @throws JsonSyntaxException if the bytes are not UTF-8 or the text is not valid JSON
     */
    public static Object parse(byte[] utf8) {
        if (utf8 == null) {
            throw new JsonSyntaxException("No input");
        }
        if (utf8.length >= 3 && (utf8[0] & 0xFF) == 0xEF && (utf8[1] & 0xFF) == 0xBB
                && (utf8[2] & 0xFF) == 0xBF) {
            // RFC 8259 section 8.1: implementations MUST NOT add a BOM; we do not accept one.
            throw new JsonSyntaxException("Byte order mark not allowed", 0);
        }
        return JsonParser.parse(decodeUtf8(utf8));
    }

    private static String decodeUtf8(byte[] utf8) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(utf8);
        // UTF-8 never yields more UTF-16 units than it has bytes, so one buffer always suffices.
        CharBuffer out = CharBuffer.allocate(utf8.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            // Byte offset here, since there is no character offset for undecodable input.
            throw new JsonSyntaxException("Invalid UTF-8 at byte offset " + in.position());
        }
        out.flip();
        return out.toString();
    }

    /**
     * Compact JSON: no insignificant whitespace, map keys in iteration order. Records become
     * objects with snake_case keys, null and empty {@code Optional} components omitted; see the
     * package documentation for all supported types.
     *
     * @throws IllegalArgumentException for unsupported types, non-string keys, NaN or Infinity
     */
    public static String write(Object value) {
        return JsonWriter.write(value, false);
    }

    /** {@link #write(Object)} as UTF-8 bytes, ready for an HTTP response body. */
    public static byte[] writeBytes(Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Canonical JSON (appendices, "Canonical JSON"): keys sorted by code point, no whitespace,
     * integers only, minimal escaping with lower-case hex.
     *
     * @throws org.weft.core.error.MatrixException M_BAD_JSON for a number that is not an
     *         integer in [-(2^53)+1, (2^53)-1], or a string with an unpaired surrogate
     * @throws IllegalArgumentException for unsupported types or non-string keys
     */
    public static String canonical(Object value) {
        return JsonWriter.write(value, true);
    }

    /** {@link #canonical(Object)} as the UTF-8 bytes that are signed and hashed. */
    public static byte[] canonicalBytes(Object value) {
        return canonical(value).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Compares by Unicode code point. {@link String#compareTo} compares UTF-16 units, which
     * puts supplementary characters (stored as surrogates D800-DFFF) before U+E000..U+FFFF
     * although their code points are higher. At the first differing unit the two orders only
     * disagree when surrogates meet U+E000..U+FFFF, so shifting those two ranges past each other
     * gives code point order without decoding whole code points.
     */
    public static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return codePointRank(x) - codePointRank(y);
            }
        }
        return a.length() - b.length();
    }

    private static int codePointRank(char c) {
        if (c < 0xD800) {
            return c;
        }
        // Surrogates move above everything in the BMP, U+E000..U+FFFF move down into the gap.
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }
}
