package org.weft.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict RFC 8259 parser behind {@link Json#parse}. */
class JsonParseTest {

    @Test
    void objectKeepsInsertionOrderAndNullMembers() {
        Object parsed = Json.parse("{\"z\":1,\"a\":null,\"m\":true}");
        LinkedHashMap<?, ?> map = assertInstanceOf(LinkedHashMap.class, parsed);
        assertEquals(List.of("z", "a", "m"), new ArrayList<>(map.keySet()));
        assertTrue(map.containsKey("a"));
        assertNull(map.get("a"));
        assertEquals(Boolean.TRUE, map.get("m"));
    }

    @Test
    void scalarsAndArrays() {
        assertEquals(List.of(1L, "x", false, true), Json.parse(" [ 1 , \"x\" ,false,true ] "));
        assertInstanceOf(ArrayList.class, Json.parse("[]"));
        assertEquals("s", Json.parse("\"s\""));
        assertNull(Json.parse("null"));
        assertEquals(-5L, Json.parse("\t\r\n-5\n"));
        assertEquals(Map.of(), Json.parse("{ }"));
    }

    @Test
    void integersBecomeLongOrBigInteger() {
        assertEquals(Long.MAX_VALUE, Json.parse("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, Json.parse("-9223372036854775808"));
        assertEquals(new BigInteger("9223372036854775808"), Json.parse("9223372036854775808"));
        assertEquals(new BigInteger("-9223372036854775809"), Json.parse("-9223372036854775809"));
        assertEquals(new BigInteger("123456789012345678901234567890"),
                Json.parse("123456789012345678901234567890"));
        assertEquals(0L, Json.parse("-0"));
        assertEquals(999999999999999999L, Json.parse("999999999999999999"));
    }

    @Test
    void fractionsAndExponentsBecomeBigDecimal() {
        assertEquals(new BigDecimal("1.50"), Json.parse("1.50"));
        assertEquals(new BigDecimal("1e10"), Json.parse("1e10"));
        assertEquals(new BigDecimal("-2.5E-3"), Json.parse("-2.5E-3"));
        assertEquals(new BigDecimal("0e+0"), Json.parse("0e+0"));
        assertInstanceOf(BigDecimal.class, Json.parse("1.0"));
    }

    @Test
    void escapes() {
        assertEquals("\"\\/\b\f\n\r\tA\u00e9", Json.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00E9\""));
        String emoji = new String(Character.toChars(0x1F600));
        assertEquals(emoji, Json.parse("\"\\ud83d\\ude00\""));
        assertEquals("x" + emoji + "y", Json.parse("\"x" + emoji + "y\""));
        assertEquals("ab\u0000", Json.parse("\"ab\\u0000\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "{", "[", "[1,]", "[,1]", "{\"a\":1,}", "{,}", "{\"a\" 1}", "{a:1}", "{'a':1}",
        "{\"a\":1}x", "[1] [2]", "1 2", "\"abc", "tru", "nul", "True", "NULL",
        "01", "-01", "00", "1.", ".5", "-", "+1", "1e", "1e+", "1.e5", "0x10",
        "NaN", "Infinity", "-Infinity",
        "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"", "\"\\U0041\"", "\"\\'\"",
        "\"a\tb\"", "\"a\nb\"", "\"\u0001\"", "\"\u001f\"",
        "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800x\"", "\"\\ud800\\u0041\"", "\"\ud800\"", "\"\udc00\ud800\"",
        "\u00a0[]", "[]\u00a0", "\f[]", "\ufeff[]",
        "{\"a\":1,\"a\":2}", "{\"a\":null,\"a\":null}", "{\"x\":{\"b\":1,\"b\":1}}",
        "1e9999999999"
    })
    void rejected(String text) {
        assertThrows(JsonSyntaxException.class, () -> Json.parse(text));
    }

    @Test
    void errorMessageSaysWhatAndWhere() {
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> Json.parse("[1, x]"));
        assertEquals("Unexpected character at offset 4", e.getMessage());
        assertEquals(4, e.offset());
        e = assertThrows(JsonSyntaxException.class, () -> Json.parse("{\"a\":1,\"a\":2}"));
        assertTrue(e.getMessage().startsWith("Duplicate key \"a\""), e.getMessage());
    }

    @Test
    void nestingLimitedTo128Levels() {
        String ok = "[".repeat(128) + "]".repeat(128);
        assertInstanceOf(List.class, Json.parse(ok));
        assertThrows(JsonSyntaxException.class, () -> Json.parse("[".repeat(129) + "]".repeat(129)));
        String objects = "{\"a\":".repeat(129) + "1" + "}".repeat(129);
        assertThrows(JsonSyntaxException.class, () -> Json.parse(objects));
        // Far deeper input fails with the same exception, never a StackOverflowError.
        assertThrows(JsonSyntaxException.class, () -> Json.parse("[".repeat(1_000_000)));
    }

    @Test
    void hugeNumbersRefused() {
        assertThrows(JsonSyntaxException.class, () -> Json.parse("1".repeat(100_000)));
        assertInstanceOf(BigInteger.class, Json.parse("1".repeat(1000)));
    }

    @Test
    void bytesMustBeStrictUtf8WithoutBom() {
        assertEquals(Map.of("a", "日"), Json.parse("{\"a\":\"日\"}".getBytes(StandardCharsets.UTF_8)));
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '[', ']'};
        assertThrows(JsonSyntaxException.class, () -> Json.parse(bom));
        byte[] truncated = {'"', (byte) 0xE6, (byte) 0x97, '"'};
        assertThrows(JsonSyntaxException.class, () -> Json.parse(truncated));
        byte[] overlong = {'"', (byte) 0xC0, (byte) 0xAF, '"'};
        assertThrows(JsonSyntaxException.class, () -> Json.parse(overlong));
        byte[] encodedSurrogate = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'};
        assertThrows(JsonSyntaxException.class, () -> Json.parse(encodedSurrogate));
        byte[] latin1 = {'"', (byte) 0xE9, '"'};
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> Json.parse(latin1));
        assertTrue(e.getMessage().contains("byte offset 1"), e.getMessage());
        assertThrows(JsonSyntaxException.class, () -> Json.parse(new byte[0]));
    }

    @Test
    void roundTripParseWrite() {
        String[] docs = {
            "{\"b\":[1,-2,3.25,1E+10,null,true,false],\"a\":{\"nested\":\"\\\"q\\\"\\n\"},\"c\":\"日本\"}",
            "[]", "{}", "\"\\u0000\\u001f\"", "12345678901234567890123",
            "{\"e\":\"" + new String(Character.toChars(0x1F600)) + "\"}"
        };
        for (String doc : docs) {
            Object parsed = Json.parse(doc);
            String written = Json.write(parsed);
            assertEquals(parsed, Json.parse(written), doc);
            assertEquals(written, Json.write(Json.parse(written)), doc);
        }
        // Insignificant whitespace and redundant escapes disappear; order stays.
        assertEquals("{\"b\":1,\"a\":\"/A\"}", Json.write(Json.parse("{ \"b\" : 1 , \"a\" : \"\\/\\u0041\" }")));
    }

    @Test
    void noStringCopyWithoutEscapes() {
        // Not observable directly; this pins the fast path's result equals the slow path's.
        assertEquals(Json.parse("\"abc\\u0064\""), Json.parse("\"abcd\""));
        assertFalse(Json.parse("\"abc\"").equals(Json.parse("\"abd\"")));
    }
}
