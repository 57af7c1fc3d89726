package org.weft.core.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Compact writing with {@link Json#write}, records included. */
class JsonWriteTest {

    private record LoginResponse(String userId, String accessToken, String deviceId,
            Long expiresInMs, String homeServer, WellKnown wellKnown) {
    }

    private record WellKnown(Map<String, Object> servers) {
    }

    private record ErrorBody(String errcode, String error, Long retryAfterMs) {
    }

    private record Page(List<ErrorBody> chunk, Optional<String> nextBatch, Optional<Integer> total) {
    }

    private record Acronyms(String httpURLPath, String m2Key, String aB, String x) {
    }

    private enum Membership { join, leave }

    private record WithEnum(Membership membership, Object[] arr) {
    }

    @Test
    void recordComponentsBecomeSnakeCaseKeysInDeclarationOrder() {
        LoginResponse r = new LoginResponse("@a:x", "tok", "DEV", 60000L, "x", null);
        assertEquals("{\"user_id\":\"@a:x\",\"access_token\":\"tok\",\"device_id\":\"DEV\","
                + "\"expires_in_ms\":60000,\"home_server\":\"x\"}", Json.write(r));
    }

    @Test
    void nullComponentsOmittedNestedRecordsWritten() {
        LoginResponse r = new LoginResponse("@a:x", "tok", null, null, null,
                new WellKnown(Map.of("base_url", "https://x")));
        assertEquals("{\"user_id\":\"@a:x\",\"access_token\":\"tok\","
                + "\"well_known\":{\"servers\":{\"base_url\":\"https://x\"}}}", Json.write(r));
        assertEquals("{\"errcode\":\"M_FORBIDDEN\",\"error\":\"no\"}",
                Json.write(new ErrorBody("M_FORBIDDEN", "no", null)));
    }

    @Test
    void listsOfRecordsAndOptionals() {
        Page page = new Page(List.of(new ErrorBody("A", "a", 5L), new ErrorBody("B", null, null)),
                Optional.of("s1"), Optional.empty());
        assertEquals("{\"chunk\":[{\"errcode\":\"A\",\"error\":\"a\",\"retry_after_ms\":5},"
                + "{\"errcode\":\"B\"}],\"next_batch\":\"s1\"}", Json.write(page));
        assertEquals("{\"chunk\":[]}", Json.write(new Page(List.of(), Optional.empty(), Optional.empty())));
        assertEquals("[null,1]", Json.write(List.of(Optional.empty(), Optional.of(1))));
    }

    @Test
    void snakeCaseConversion() {
        assertEquals("user_id", RecordSupport.snakeCase("userId"));
        assertEquals("expires_in_ms", RecordSupport.snakeCase("expiresInMs"));
        assertEquals("home_server", RecordSupport.snakeCase("homeServer"));
        assertEquals("errcode", RecordSupport.snakeCase("errcode"));
        assertEquals("{\"http_url_path\":\"p\",\"m2_key\":\"k\",\"a_b\":\"ab\",\"x\":\"x\"}",
                Json.write(new Acronyms("p", "k", "ab", "x")));
    }

    @Test
    void enumsAndArrays() {
        assertEquals("{\"membership\":\"join\",\"arr\":[1,null,\"s\"]}",
                Json.write(new WithEnum(Membership.join, new Object[] {1, null, "s"})));
        assertEquals("[\"leave\"]", Json.write(Set.of(Membership.leave)));
    }

    @Test
    void mapsKeepIterationOrder() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("z", null);
        map.put("a", List.of(Map.of("k", true)));
        assertEquals("{\"z\":null,\"a\":[{\"k\":true}]}", Json.write(map));
        assertEquals("{\"a\":1,\"b\":2}", Json.write(new TreeMap<>(Map.of("b", 2, "a", 1))));
        assertEquals("{\"k\":\"v\"}", Json.write(JsonObject.of(Map.<String, Object>of("k", "v"))));
    }

    @Test
    void numbers() {
        assertEquals("[1,2,3,-4,12345678901234567890,1.50,1E+10,1.5,0.25,-0.0]",
                Json.write(Arrays.asList(1L, 2, (short) 3, (byte) -4, new BigInteger("12345678901234567890"),
                        new BigDecimal("1.50"), new BigDecimal("1e10"), 1.5d, 0.25f, -0.0d)));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(Float.POSITIVE_INFINITY)));
        assertThrows(IllegalArgumentException.class,
                () -> Json.write(new java.util.concurrent.atomic.AtomicLong(1)));
    }

    @Test
    void stringEscaping() {
        assertEquals("\"q\\\"b\\\\s/\\b\\f\\n\\r\\t\\u0000\\u001f\\u000b\u007f\u2028日\"",
                Json.write("q\"b\\s/\b\f\n\r\t\u0000\u001f\u000b\u007f\u2028日"));
        // A lone surrogate is escaped so the UTF-8 output stays lossless.
        assertEquals("\"a\\ud800\"", Json.write("a\uD800"));
        String emoji = new String(Character.toChars(0x1F600));
        assertEquals("\"" + emoji + "\"", Json.write(emoji));
        assertArrayEquals(("\"" + emoji + "\"").getBytes(StandardCharsets.UTF_8), Json.writeBytes(emoji));
        assertEquals("\"sb\"", Json.write(new StringBuilder("sb")));
    }

    @Test
    void unsupportedValuesRejected() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
        Map<Object, Object> badKey = new LinkedHashMap<>();
        badKey.put(1, 2);
        assertThrows(IllegalArgumentException.class, () -> Json.write(badKey));
        Map<String, Object> nullKey = new LinkedHashMap<>();
        nullKey.put(null, 2);
        assertThrows(IllegalArgumentException.class, () -> Json.write(nullKey));
        List<Object> selfReferencing = new ArrayList<>();
        selfReferencing.add(selfReferencing);
        assertThrows(IllegalArgumentException.class, () -> Json.write(selfReferencing));
    }

    private record Clash(String userId, String user_id) {
    }

    @Test
    void recordWithCollidingKeysRejected() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Clash("a", "b")));
    }

    @Test
    void scalarsAtTopLevel() {
        assertEquals("null", Json.write(null));
        assertEquals("true", Json.write(true));
        assertEquals("\"x\"", Json.write("x"));
        assertEquals("null", Json.write(Optional.empty()));
    }
}
