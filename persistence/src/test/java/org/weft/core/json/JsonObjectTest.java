package org.weft.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;

/** Request body access with the client-server API's error codes. */
class JsonObjectTest {

    private static final JsonObject BODY = JsonObject.parseBody("""
            {"s": "text", "n": null, "b": true, "i": 42, "big": 123456789012345678901234,
             "d": 1.5, "e": 1e3, "o": {"inner": "v"}, "l": [1, "x"], "sl": ["a", "b"],
             "mixed": ["a", 1], "withNull": ["a", null]}""");

    private static void assertError(ErrCode expected, Executable call) {
        MatrixException e = assertThrows(MatrixException.class, call);
        assertEquals(expected, e.errcode(), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "not json", "{\"a\":1}}", "{\"a\":1,\"a\":2}"})
    void unparseableBodyIsNotJson(String body) {
        assertError(ErrCode.M_NOT_JSON, () -> JsonObject.parseBody(body));
    }

    @Test
    void nullOrInvalidUtf8BodyIsNotJson() {
        assertError(ErrCode.M_NOT_JSON, () -> JsonObject.parseBody((String) null));
        assertError(ErrCode.M_NOT_JSON, () -> JsonObject.parseBody(new byte[0]));
        assertError(ErrCode.M_NOT_JSON, () -> JsonObject.parseBody(new byte[] {'{', (byte) 0xFF, '}'}));
        assertEquals("v", JsonObject.parseBody("{\"k\":\"v\"}".getBytes(StandardCharsets.UTF_8)).optString("k"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{}]", "\"s\"", "1", "null", "true"})
    void jsonThatIsNotAnObjectIsBadJson(String body) {
        assertError(ErrCode.M_BAD_JSON, () -> JsonObject.parseBody(body));
        MatrixException e = assertThrows(MatrixException.class, () -> JsonObject.parseBody(body));
        assertEquals("Content must be a JSON object", e.getMessage());
    }

    @Test
    void notJsonMessage() {
        MatrixException e = assertThrows(MatrixException.class, () -> JsonObject.parseBody("{"));
        assertEquals("Content not JSON.", e.getMessage());
    }

    @Test
    void mapIsReadOnlyAndHasSeesNulls() {
        assertThrows(UnsupportedOperationException.class, () -> BODY.map().put("x", 1));
        assertTrue(BODY.has("n"));
        assertFalse(BODY.has("absent"));
        assertNull(BODY.get("n"));
    }

    @Test
    void strings() {
        assertEquals("text", BODY.optString("s"));
        assertNull(BODY.optString("n"));
        assertNull(BODY.optString("absent"));
        assertEquals("text", BODY.requireString("s"));
        assertError(ErrCode.M_BAD_JSON, () -> BODY.optString("i"));
        assertError(ErrCode.M_BAD_JSON, () -> BODY.requireString("o"));
        assertError(ErrCode.M_MISSING_PARAM, () -> BODY.requireString("absent"));
        assertError(ErrCode.M_MISSING_PARAM, () -> BODY.requireString("n"));
        MatrixException e = assertThrows(MatrixException.class, () -> BODY.optString("i"));
        assertTrue(e.getMessage().contains("'i'"), "message names the key: " + e.getMessage());
    }

    @Test
    void booleans() {
        assertEquals(Boolean.TRUE, BODY.optBoolean("b"));
        assertNull(BODY.optBoolean("n"));
        assertTrue(BODY.optBoolean("absent", true));
        assertFalse(BODY.optBoolean("n", false));
        assertTrue(BODY.optBoolean("b", false));
        assertError(ErrCode.M_BAD_JSON, () -> BODY.optBoolean("s"));
        assertError(ErrCode.M_BAD_JSON, () -> BODY.optBoolean("i", false));
    }

    @Test
    void longs() {
        assertEquals(42L, BODY.optLong("i"));
        assertNull(BODY.optLong("n"));
        assertNull(BODY.optLong("absent"));
        assertEquals(42L, BODY.requireLong("i"));
        assertError(ErrCode.M_BAD_JSON, () -> BODY.optLong("big"));
        assertError(ErrCode.M_BAD_JSON, () -> BODY.optLong("d"));
        assertError(ErrCode.M_BAD_JSON, () -> BODY.optLong("e"));
        assertError(ErrCode.M_BAD_JSON, () -> BODY.optLong("s"));
        assertError(ErrCode.M_MISSING_PARAM, () -> BODY.requireLong("absent"));
        assertEquals(7L, JsonObject.of(Map.<String, Object>of("x", 7)).optLong("x"));
    }

    @Test
    void objects() {
        assertEquals("v", BODY.optObject("o").optString("inner"));
        assertEquals("v", BODY.requireObject("o").requireString("inner"));
        assertNull(BODY.optObject("n"));
        assertNull(BODY.optObject("absent"));
        assertError(ErrCode.M_BAD_JSON, () -> BODY.optObject("l"));
        assertError(ErrCode.M_BAD_JSON, () -> BODY.requireObject("s"));
        assertError(ErrCode.M_MISSING_PARAM, () -> BODY.requireObject("absent"));
        assertError(ErrCode.M_MISSING_PARAM, () -> BODY.requireObject("n"));
        assertError(ErrCode.M_BAD_JSON, () -> JsonObject.of(Map.<String, Object>of("o", Map.of(1, 2))).optObject("o"));
    }

    @Test
    void lists() {
        assertEquals(List.of(1L, "x"), BODY.optList("l"));
        assertNull(BODY.optList("n"));
        assertNull(BODY.optList("absent"));
        assertThrows(UnsupportedOperationException.class, () -> BODY.optList("l").add(1));
        assertError(ErrCode.M_BAD_JSON, () -> BODY.optList("o"));
        assertError(ErrCode.M_BAD_JSON, () -> BODY.optList("s"));
    }

    @Test
    void stringLists() {
        assertEquals(List.of("a", "b"), BODY.optStringList("sl"));
        assertNull(BODY.optStringList("absent"));
        assertNull(BODY.optStringList("n"));
        assertError(ErrCode.M_BAD_JSON, () -> BODY.optStringList("mixed"));
        assertError(ErrCode.M_BAD_JSON, () -> BODY.optStringList("withNull"));
        assertError(ErrCode.M_BAD_JSON, () -> BODY.optStringList("s"));
    }

    @Test
    void writesBackAsJson() {
        JsonObject o = JsonObject.parseBody("{\"b\":1,\"a\":[true]}");
        assertEquals("{\"b\":1,\"a\":[true]}", o.toString());
        assertEquals(o, JsonObject.parseBody("{ \"b\" : 1, \"a\" : [ true ] }"));
    }
}
