package org.weft.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DottedPathTest {

    @Test
    void theAppendixExamplesParse() {
        assertEquals(List.of("content", "body"), DottedPath.parse("content.body").names());
        assertEquals(List.of("content", "m.relates_to"), DottedPath.parse("content.m\\.relates_to").names());
        assertEquals(List.of("content", "m\\foo"), DottedPath.parse("content.m\\\\foo").names());
        // Other escapes are left as they are: a literal backslash and the character.
        assertEquals(List.of("content", "a\\x"), DottedPath.parse("content.a\\x").names());
        assertEquals(List.of("trailing\\"), DottedPath.parse("trailing\\").names());
    }

    @Test
    void getFollowsObjectsAndMissesCleanly() {
        Map<String, Object> event = Map.of("content", Map.of("m.relates_to", Map.of("rel_type", "m.thread")), "type", "x");
        assertEquals("m.thread", DottedPath.parse("content.m\\.relates_to.rel_type").get(event));
        assertNull(DottedPath.parse("content.body").get(event));
        assertNull(DottedPath.parse("type.deeper").get(event));
    }

    @Test
    void projectionKeepsOnlyTheNamedFields() {
        Map<String, Object> event = Map.of("type", "m.room.message", "sender", "@a:x",
                "content", Map.of("body", "hi", "msgtype", "m.text", "format", "html"));
        assertEquals(Map.of("type", "m.room.message", "content", Map.of("body", "hi")),
                DottedPath.project(event, List.of(DottedPath.parse("type"), DottedPath.parse("content.body"),
                        DottedPath.parse("content.missing"), DottedPath.parse("nothing"))));
    }

    @Test
    void aWholeObjectAndOneOfItsFieldsTogetherLeaveTheSourceUntouched() {
        java.util.LinkedHashMap<String, Object> content = new java.util.LinkedHashMap<>(Map.of("body", "hi"));
        Map<String, Object> event = Map.of("content", content, "unsigned", Map.of("age", 5));
        Map<String, Object> projected = DottedPath.project(event,
                List.of(DottedPath.parse("content"), DottedPath.parse("unsigned.age"), DottedPath.parse("content.body")));
        assertEquals(Map.of("content", Map.of("body", "hi"), "unsigned", Map.of("age", 5)), projected);
        assertEquals(Map.of("body", "hi"), content);
    }
}
