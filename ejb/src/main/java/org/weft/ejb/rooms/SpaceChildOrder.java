package org.weft.ejb.rooms;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The order of a space's children (client-server API, "Spaces", "Ordering of children within a
 * space"): children with a valid {@code order} (at most 50 characters between {@code \x20} and
 * {@code \x7E}) first, by it in code-point order; then the others; ties by the
 * {@code m.space.child} event's {@code origin_server_ts}, then by room ID.
 */
final class SpaceChildOrder {

    private SpaceChildOrder() {
    }

    /** Sorts stripped {@code m.space.child} events (with {@code origin_server_ts}) in place. */
    static void sort(List<Map<String, Object>> children) {
        children.sort(Comparator.comparing((Map<String, Object> child) -> validOrder(child) == null)
                .thenComparing(child -> validOrder(child) == null ? "" : validOrder(child))
                .thenComparingLong(child -> child.get("origin_server_ts") instanceof Number ts ? ts.longValue() : 0L)
                .thenComparing(child -> String.valueOf(child.get("state_key"))));
    }

    static String validOrder(Map<String, Object> child) {
        if (!(child.get("content") instanceof Map<?, ?> content) || !(content.get("order") instanceof String order)
                || order.length() > 50) {
            return null;
        }
        for (int i = 0; i < order.length(); i++) {
            char c = order.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return null;
            }
        }
        return order;
    }
}
