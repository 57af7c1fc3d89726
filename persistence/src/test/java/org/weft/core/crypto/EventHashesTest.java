package org.weft.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.weft.core.crypto.JsonSigningTest.parse;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weft.core.event.RoomVersion;
import org.weft.core.json.Json;

/**
 * Content and reference hashes (server-server API, "Calculating the content hash for an event",
 * "Calculating the reference hash for an event").
 */
class EventHashesTest {

    @Test
    void contentHashOfAppendixEvents() {
        assertEquals("5jM4wQpv6lnBo7CLIghJuHdW+s2CMBJPUOGOC89ncos",
                UnpaddedBase64.encode(EventHashes.computeContentHash(parse(EventSignerTest.MINIMAL_EVENT))));
        assertEquals("onLKD1bGljeBWQhWZ1kaP9SorVmRQNdN5aM2JYU2n/g",
                UnpaddedBase64.encode(EventHashes.computeContentHash(parse(EventSignerTest.REDACTABLE_EVENT))));
    }

    @Test
    void contentHashIgnoresUnsignedSignaturesAndHashes() {
        Map<String, Object> plain = parse("{\"type\":\"X\",\"content\":{\"a\":1}}");
        Map<String, Object> decorated = parse("""
                {"type":"X","content":{"a":1},"unsigned":{"age":1},"signatures":{"s":{}},
                 "hashes":{"sha256":"zzz"}}""");
        assertArrayEquals(EventHashes.computeContentHash(plain), EventHashes.computeContentHash(decorated));
        // Exactly SHA-256 of the canonical bytes.
        assertArrayEquals(EventHashes.sha256("{\"content\":{\"a\":1},\"type\":\"X\"}".getBytes(StandardCharsets.UTF_8)),
                EventHashes.computeContentHash(plain));
    }

    @Test
    void withContentHashSetsSha256AndKeepsOtherAlgorithms() {
        Map<String, Object> input = parse("{\"type\":\"X\",\"content\":{},\"hashes\":{\"sha512\":\"abc\"}}");
        String before = Json.canonical(input);
        Map<String, Object> hashed = EventHashes.withContentHash(input);
        assertEquals(before, Json.canonical(input), "input must not be modified");
        assertEquals(parse("{\"sha512\":\"abc\",\"sha256\":\""
                + UnpaddedBase64.encode(EventHashes.computeContentHash(input)) + "\"}"), hashed.get("hashes"));
        assertTrue(EventHashes.checkContentHash(hashed));
        assertThrows(IllegalArgumentException.class,
                () -> EventHashes.withContentHash(parse("{\"hashes\":\"x\"}")));
    }

    @Test
    void checkContentHashFailures() {
        Map<String, Object> hashed = EventHashes.withContentHash(parse("{\"type\":\"X\",\"content\":{}}"));
        assertTrue(EventHashes.checkContentHash(hashed));
        hashed.put("content", parse("{\"b\":2}"));
        assertFalse(EventHashes.checkContentHash(hashed));
        assertFalse(EventHashes.checkContentHash(parse("{\"type\":\"X\"}")));
        assertFalse(EventHashes.checkContentHash(parse("{\"type\":\"X\",\"hashes\":{\"sha256\":\"!!\"}}")));
        assertFalse(EventHashes.checkContentHash(parse("{\"type\":\"X\",\"hashes\":{\"sha256\":1}}")));
    }

    /**
     * The reference hash is SHA-256 of the canonical redacted event without signatures and
     * unsigned; the expected bytes are written out by hand here, independent of the redaction code.
     */
    @Test
    void referenceHashCoversTheRedactedEventWithoutSignatures() {
        Map<String, Object> event = parse(EventSignerTest.REDACTABLE_EVENT_SIGNED);
        String redacted = "{\"content\":{},\"event_id\":\"$0:domain\","
                + "\"hashes\":{\"sha256\":\"onLKD1bGljeBWQhWZ1kaP9SorVmRQNdN5aM2JYU2n/g\"},"
                + "\"origin\":\"domain\",\"origin_server_ts\":1000000,\"room_id\":\"!r:domain\","
                + "\"sender\":\"@u:domain\",\"type\":\"m.room.message\"}";
        assertArrayEquals(EventHashes.sha256(redacted.getBytes(StandardCharsets.UTF_8)),
                EventHashes.computeReferenceHash(event, RoomVersion.V3));
        // v11 no longer keeps "origin", so the reference hash changes.
        String redactedV11 = redacted.replace("\"origin\":\"domain\",", "");
        assertArrayEquals(EventHashes.sha256(redactedV11.getBytes(StandardCharsets.UTF_8)),
                EventHashes.computeReferenceHash(event, RoomVersion.V11));
        assertNotEquals(UnpaddedBase64.encode(EventHashes.computeReferenceHash(event, RoomVersion.V10)),
                UnpaddedBase64.encode(EventHashes.computeReferenceHash(event, RoomVersion.V11)));
    }

    @Test
    void referenceHashIgnoresSignaturesAndUnsigned() {
        Map<String, Object> a = parse(EventSignerTest.MINIMAL_EVENT_SIGNED);
        Map<String, Object> b = parse(EventSignerTest.MINIMAL_EVENT_SIGNED);
        b.remove("signatures");
        b.remove("unsigned");
        assertArrayEquals(EventHashes.computeReferenceHash(a, RoomVersion.V4),
                EventHashes.computeReferenceHash(b, RoomVersion.V4));
    }
}
