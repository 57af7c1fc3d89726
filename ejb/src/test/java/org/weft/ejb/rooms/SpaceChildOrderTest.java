package org.weft.ejb.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpaceChildOrderTest {

    private static Map<String, Object> child(String roomId, long ts, String order) {
        Map<String, Object> content = new LinkedHashMap<>();
        if (order != null) {
            content.put("order", order);
        }
        content.put("via", List.of("example.org"));
        return Map.of("type", "m.space.child", "state_key", roomId, "origin_server_ts", ts, "content", content);
    }

    private static List<Object> sorted(Map<String, Object>... children) {
        List<Map<String, Object>> list = new ArrayList<>(List.of(children));
        SpaceChildOrder.sort(list);
        return list.stream().map(c -> c.get("state_key")).toList();
    }

    /** The example of the spec's "Ordering of children within a space". */
    @Test
    void theSpecsExample() {
        assertEquals(List.of("!b:example.org", "!a:example.org", "!c:example.org", "!e:example.org", "!d:example.org"),
                sorted(child("!b:example.org", 1640341000000L, " "), child("!a:example.org", 1640141000000L, "aaaa"),
                        child("!c:example.org", 1640841000000L, "first"), child("!e:example.org", 1640641000000L, null),
                        child("!d:example.org", 1640741000000L, null)));
    }

    @Test
    void equalOrdersGoByTimestampThenRoomId() {
        assertEquals(List.of("!late:x", "!a:x", "!b:x"),
                sorted(child("!b:x", 5, "same"), child("!a:x", 5, "same"), child("!late:x", 1, "same")));
    }

    @Test
    void anInvalidOrderCountsAsNone() {
        assertNull(SpaceChildOrder.validOrder(child("!x:x", 1, "x".repeat(51))));
        assertNull(SpaceChildOrder.validOrder(child("!x:x", 1, "caf\u00e9")));
        assertNull(SpaceChildOrder.validOrder(child("!x:x", 1, "tab\there")));
        assertEquals(List.of("!valid:x", "!toolong:x"), sorted(child("!toolong:x", 0, "x".repeat(51)), child("!valid:x", 9, "z")));
    }
}
