package org.weft.ejb.federation.outbound;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ephemeral EDUs waiting per destination ({@link OutboundEdus}), each under a key (a user's typing
 * in a room, a user's presence, a user's receipt in a room and thread): a newer EDU of a key
 * replaces the unsent one and goes last, so a server that is down costs one entry per key and
 * gets the latest state when it is back. Typing older than {@link #TYPING_TTL_MS} is dropped
 * unsent: the receiver would show it long after it ended. Thread-safe.
 */
final class PendingEdus {

    /** Typing this old is no longer worth sending. */
    static final long TYPING_TTL_MS = 60_000;

    /** An ephemeral EDU waiting, and when it was queued. */
    record Pending(String key, Map<String, Object> edu, long queuedAt) {
    }

    private final Map<String, LinkedHashMap<String, Pending>> byDestination = new ConcurrentHashMap<>();

    void put(String destination, String key, Map<String, Object> edu, long now) {
        LinkedHashMap<String, Pending> waiting = byDestination.computeIfAbsent(destination, d -> new LinkedHashMap<>());
        synchronized (waiting) {
            waiting.remove(key); // re-added at the end: the newest goes last, after what it superseded
            waiting.put(key, new Pending(key, edu, now));
        }
    }

    /** Takes up to {@code limit} EDUs for a server, oldest first; stale typing is dropped on the way. */
    List<Pending> take(String destination, int limit, long now) {
        LinkedHashMap<String, Pending> waiting = byDestination.get(destination);
        if (waiting == null || limit <= 0) {
            return List.of();
        }
        List<Pending> taken = new ArrayList<>();
        synchronized (waiting) {
            Iterator<Pending> it = waiting.values().iterator();
            while (it.hasNext() && taken.size() < limit) {
                Pending next = it.next();
                it.remove();
                if (!("m.typing".equals(next.edu().get("edu_type")) && now - next.queuedAt() > TYPING_TTL_MS)) {
                    taken.add(next);
                }
            }
        }
        return taken;
    }

    /** Puts back EDUs of a transaction that failed, first in line, unless newer ones of their key came meanwhile. */
    void putBack(String destination, List<Pending> edus) {
        if (edus.isEmpty()) {
            return;
        }
        LinkedHashMap<String, Pending> waiting = byDestination.computeIfAbsent(destination, d -> new LinkedHashMap<>());
        synchronized (waiting) {
            LinkedHashMap<String, Pending> merged = new LinkedHashMap<>();
            edus.forEach(edu -> merged.put(edu.key(), edu));
            merged.putAll(waiting); // a newer one of the same key wins
            waiting.clear();
            waiting.putAll(merged);
        }
    }

    boolean hasPending(String destination) {
        LinkedHashMap<String, Pending> waiting = byDestination.get(destination);
        if (waiting == null) {
            return false;
        }
        synchronized (waiting) {
            return !waiting.isEmpty();
        }
    }

    /** Servers with EDUs waiting. */
    List<String> destinations() {
        List<String> destinations = new ArrayList<>();
        byDestination.keySet().forEach(destination -> {
            if (hasPending(destination)) {
                destinations.add(destination);
            }
        });
        return destinations;
    }

    void drop(String destination) {
        byDestination.remove(destination);
    }
}
