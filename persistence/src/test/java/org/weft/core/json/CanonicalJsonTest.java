package org.weft.core.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;

/** Canonical JSON against the appendix (appendices, "Canonical JSON", "Cryptographic Test Vectors"). */
class CanonicalJsonTest {

    private static String canon(String json) {
        return Json.canonical(Json.parse(json));
    }

    // ---- every example of the appendix's "Canonical JSON" / "Examples" section ----

    @Test
    void emptyObject() {
        assertEquals("{}", canon("{}"));
    }

    @Test
    void whitespaceRemoved() {
        assertEquals("{\"one\":1,\"two\":\"Two\"}", canon("""
                {
                    "one": 1,
                    "two": "Two"
                }"""));
    }

    @Test
    void keysSortedFromPrettyInput() {
        assertEquals("{\"a\":\"1\",\"b\":\"2\"}", canon("""
                {
                    "b": "2",
                    "a": "1"
                }"""));
    }

    @Test
    void keysSortedFromCompactInput() {
        assertEquals("{\"a\":\"1\",\"b\":\"2\"}", canon("{\"b\":\"2\",\"a\":\"1\"}"));
    }

    @Test
    void nestedObjectsAndArrays() {
        String input = """
                {
                    "auth": {
                        "success": true,
                        "mxid": "@john.doe:example.com",
                        "profile": {
                            "display_name": "John Doe",
                            "three_pids": [
                                {
                                    "medium": "email",
                                    "address": "john.doe@example.org"
                                },
                                {
                                    "medium": "msisdn",
                                    "address": "123456789"
                                }
                            ]
                        }
                    }
                }""";
        assertEquals("{\"auth\":{\"mxid\":\"@john.doe:example.com\",\"profile\":{\"display_name\":"
                + "\"John Doe\",\"three_pids\":[{\"address\":\"john.doe@example.org\",\"medium\":"
                + "\"email\"},{\"address\":\"123456789\",\"medium\":\"msisdn\"}]},\"success\":true}}",
                canon(input));
    }

    @Test
    void nonAsciiWrittenAsIs() {
        assertEquals("{\"a\":\"日本語\"}", canon("{\n    \"a\": \"日本語\"\n}"));
    }

    @Test
    void nonAsciiKeysSortedByCodePoint() {
        // 日 is U+65E5, 本 is U+672C.
        assertEquals("{\"日\":1,\"本\":2}", canon("{\n    \"本\": 2,\n    \"日\": 1\n}"));
    }

    @Test
    void unnecessaryEscapeRemoved() {
        assertEquals("{\"a\":\"日\"}", canon("{\n    \"a\": \"\\u65E5\"\n}"));
    }

    @Test
    void nullKept() {
        assertEquals("{\"a\":null}", canon("{\n    \"a\": null\n}"));
    }

    @Test
    void negativeZeroAndExponentBecomePlainIntegers() {
        assertEquals("{\"a\":0,\"b\":10000000000}", canon("{\n    \"a\": -0,\n    \"b\": 1e10\n}"));
    }

    // ---- code point order ----

    @Test
    void supplementaryCharacterSortsAfterPrivateUseArea() {
        // U+1F600 is stored as the surrogates D83D DE00, which String.compareTo puts before
        // U+E000; by code point it comes after.
        String privateUse = "\uE000";
        String emoji = new String(Character.toChars(0x1F600));
        assertTrue(emoji.compareTo(privateUse) < 0, "precondition: UTF-16 order differs");
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(emoji, 1L);
        map.put(privateUse, 2L);
        map.put("z", 3L);
        assertEquals("{\"z\":3,\"" + privateUse + "\":2,\"" + emoji + "\":1}", Json.canonical(map));
        assertTrue(Json.compareCodePoints(privateUse, emoji) < 0);
        assertTrue(Json.CODE_POINT_ORDER.compare(emoji, privateUse) > 0);
        assertTrue(Json.compareCodePoints("a", "ab") < 0);
        assertEquals(0, Json.compareCodePoints(emoji, new String(Character.toChars(0x1F600))));
    }

    @Test
    void keySortingIsRecursive() {
        assertEquals("[{\"a\":{\"x\":1,\"y\":2},\"b\":[]}]",
                canon("[{\"b\":[],\"a\":{\"y\":2,\"x\":1}}]"));
    }

    // ---- escaping per the appendix grammar ----

    @Test
    void escapesOnlyWhatTheGrammarRequires() {
        String input = "\"\\u0000\\u0001\\b\\t\\n\\u000b\\f\\r\\u000e\\u001F\\\"\\\\\\/\\u007f\\u2028é\"";
        assertEquals("\"\\u0000\\u0001\\b\\t\\n\\u000b\\f\\r\\u000e\\u001f\\\"\\\\/\u007f\u2028é\"",
                canon(input));
    }

    @Test
    void unpairedSurrogateRejected() {
        MatrixException e = assertThrows(MatrixException.class, () -> Json.canonical("a\uD800b"));
        assertEquals(ErrCode.M_BAD_JSON, e.errcode());
    }

    // ---- numbers ----

    @Test
    void integerRangeBoundariesAccepted() {
        assertEquals("[9007199254740991,-9007199254740991]",
                canon("[9007199254740991,-9007199254740991]"));
        assertEquals("[9007199254740991]", Json.canonical(List.of(BigInteger.valueOf((1L << 53) - 1))));
        assertEquals("[1,2,3]", Json.canonical(List.of(1, (short) 2, (byte) 3)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"9007199254740992", "-9007199254740992", "9223372036854775807",
        "123456789012345678901234567890", "1.5", "-0.1", "1e16", "1e999999999", "0.000001"})
    void outOfRangeOrFractionalRejectedWithBadJson(String number) {
        Object parsed = Json.parse("[" + number + "]");
        MatrixException e = assertThrows(MatrixException.class, () -> Json.canonical(parsed));
        assertEquals(ErrCode.M_BAD_JSON, e.errcode());
    }

    @Test
    void javaFloatingPointValuesRejectedUnlessIntegral() {
        for (Object bad : List.of(1.5d, 0.25f, Double.NaN, Double.POSITIVE_INFINITY, 1e17d)) {
            MatrixException e = assertThrows(MatrixException.class, () -> Json.canonical(List.of(bad)));
            assertEquals(ErrCode.M_BAD_JSON, e.errcode(), String.valueOf(bad));
        }
        // Integral values have an exact integer form, as 1e10 in the appendix example does.
        assertEquals("[3,0,100]", Json.canonical(List.of(3.0d, -0.0d, new BigDecimal("1.00E2"))));
    }

    @Test
    void bigIntegerOutOfRangeRejected() {
        MatrixException e = assertThrows(MatrixException.class,
                () -> Json.canonical(BigInteger.ONE.shiftLeft(53)));
        assertEquals(ErrCode.M_BAD_JSON, e.errcode());
        assertThrows(MatrixException.class, () -> Json.canonical(Long.MIN_VALUE));
    }

    // ---- records and other Java values ----

    private record Signed(String serverName, Long validUntilTs, Map<String, Object> verifyKeys,
            Optional<String> comment) {
    }

    @Test
    void recordsAreSortedAndOmitNulls() {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("ed25519:b", "B");
        keys.put("ed25519:a", "A");
        assertEquals("{\"server_name\":\"x\",\"verify_keys\":{\"ed25519:a\":\"A\",\"ed25519:b\":\"B\"}}",
                Json.canonical(new Signed("x", null, keys, Optional.empty())));
    }

    @Test
    void canonicalBytesAreUtf8() {
        assertArrayEquals("{\"a\":\"日\"}".getBytes(StandardCharsets.UTF_8),
                Json.canonicalBytes(Map.of("a", "日")));
    }

    // ---- the appendix's cryptographic test vectors, which depend on exact canonical bytes ----

    @Test
    void eventContentHashMatchesTestVector() throws Exception {
        // appendices, "Event Signing": the content hash covers the canonical JSON of the event
        // without unsigned, signatures and hashes.
        @SuppressWarnings("unchecked")
        Map<String, Object> event = (Map<String, Object>) Json.parse("""
                {
                    "room_id": "!x:domain",
                    "sender": "@a:domain",
                    "origin": "domain",
                    "origin_server_ts": 1000000,
                    "signatures": {},
                    "hashes": {},
                    "type": "X",
                    "content": {},
                    "prev_events": [],
                    "auth_events": [],
                    "depth": 3,
                    "unsigned": {
                        "age_ts": 1000000
                    }
                }""");
        event.remove("unsigned");
        event.remove("signatures");
        event.remove("hashes");
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Json.canonicalBytes(event));
        assertEquals("5jM4wQpv6lnBo7CLIghJuHdW+s2CMBJPUOGOC89ncos",
                Base64.getEncoder().withoutPadding().encodeToString(digest));
    }

    @Test
    void jsonSigningMatchesTestVector() throws Exception {
        // appendices, "JSON Signing": Ed25519 is deterministic, so signing the canonical bytes
        // must give exactly the published signature.
        byte[] seed = Base64.getDecoder().decode("YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1=");
        PrivateKey key = KeyFactory.getInstance("Ed25519")
                .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
        assertEquals("K8280/U9SSy9IVtjBuVeLr+HpOB4BQFWbg+UZaADMtTdGYI7Geitb76LTrr5QV/7Xg4ahLwYGYZzuHGZKM5ZAQ",
                sign(key, Json.parse("{}")));
        assertEquals("KqmLSbO39/Bzb0QIYE82zqLwsA+PDzYIpIRA2sRQ4sL53+sN6/fpNSoqE7BP7vBZhG6kYdD13EIMJpvhJI+6Bw",
                sign(key, Json.parse("{\n    \"two\": \"Two\",\n    \"one\": 1\n}")));
    }

    private static String sign(PrivateKey key, Object json) throws Exception {
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(key);
        signature.update(Json.canonicalBytes(json));
        return Base64.getEncoder().withoutPadding().encodeToString(signature.sign());
    }

    @Test
    void nonStringKeysAreAProgrammingError() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(1, "x");
        assertThrows(IllegalArgumentException.class, () -> Json.canonical(map));
        List<Object> list = new ArrayList<>();
        list.add(new Object());
        assertThrows(IllegalArgumentException.class, () -> Json.canonical(list));
    }
}
