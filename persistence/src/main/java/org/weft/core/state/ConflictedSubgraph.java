package org.weft.core.state;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The conflicted state subgraph of state resolution v2.1 (rooms/v12, "Conflicted state
 * subgraph"): "Starting from an event in the conflicted state set and following auth_events edges
 * may lead to another event in the conflicted state set. The union of all such paths between any
 * pair of events in the conflicted state set (including endpoints) forms a subgraph of the original
 * auth_event graph".
 *
 * <p>An event is on such a path when a conflicted event reaches it through auth edges and it in
 * turn reaches a conflicted event (or is one). The walk marks, once per event, whether it reaches
 * the conflicted set, so the cost is linear in the auth graph below the conflicted events.
 */
public final class ConflictedSubgraph {

    private ConflictedSubgraph() {
    }

    /** The events of the conflicted state subgraph, the conflicted events included. */
    public static Set<String> of(Set<String> conflicted, EventLookup events) {
        Map<String, Boolean> reaches = new HashMap<>();
        Set<String> subgraph = new LinkedHashSet<>(conflicted);
        for (String start : conflicted) {
            for (String authEvent : events.require(start).authEvents()) {
                reachesConflicted(authEvent, conflicted, events, reaches);
            }
        }
        reaches.forEach((eventId, onPath) -> {
            if (onPath) {
                subgraph.add(eventId);
            }
        });
        return subgraph;
    }

    /**
     * Whether {@code from} is or reaches a conflicted event, memoised in {@code reaches} for it and
     * every event below it. Iterative post-order walk: auth graphs are too deep for recursion.
     */
    private static boolean reachesConflicted(String from, Set<String> conflicted, EventLookup events,
                                             Map<String, Boolean> reaches) {
        Deque<String> stack = new ArrayDeque<>();
        // Events whose children are being walked: an auth graph with a cycle (possible only with
        // forged v1/v2 event IDs) must not loop; an edge back into the walk counts as no path.
        Set<String> walking = new java.util.HashSet<>();
        stack.push(from);
        while (!stack.isEmpty()) {
            String current = stack.peek();
            if (reaches.containsKey(current)) {
                stack.pop();
                continue;
            }
            boolean pendingChildren = false;
            boolean reached = conflicted.contains(current);
            boolean firstVisit = walking.add(current);
            for (String authEvent : events.require(current).authEvents()) {
                Boolean known = reaches.get(authEvent);
                if (known == null && firstVisit && !walking.contains(authEvent)) {
                    stack.push(authEvent);
                    pendingChildren = true;
                } else if (known != null) {
                    reached |= known;
                }
            }
            if (!pendingChildren) {
                reaches.put(current, reached);
                stack.pop();
            }
        }
        return reaches.get(from);
    }
}
