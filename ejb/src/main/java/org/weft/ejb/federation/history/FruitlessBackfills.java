package org.weft.ejb.federation.history;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gaps in rooms' history that no server filled lately: a client paging back at the start of what
 * any server will give would otherwise cost a round of federation requests each time. Forgotten
 * after {@value #RETRY_AFTER_MS} ms, when a server may have come back.
 */
@ApplicationScoped
public class FruitlessBackfills {

    static final long RETRY_AFTER_MS = 60_000;
    private static final int MAX_ENTRIES = 10_000;

    private final Map<String, Long> since = new ConcurrentHashMap<>();

    /** Whether backfilling this gap found nothing less than {@value #RETRY_AFTER_MS} ms ago. */
    public boolean recently(String roomId, List<String> gap) {
        Long at = since.get(key(roomId, gap));
        return at != null && System.currentTimeMillis() - at < RETRY_AFTER_MS;
    }

    public void note(String roomId, List<String> gap) {
        if (since.size() >= MAX_ENTRIES) {
            since.clear(); // a bound on memory; at worst some gaps are tried again sooner
        }
        since.put(key(roomId, gap), System.currentTimeMillis());
    }

    private static String key(String roomId, List<String> gap) {
        return roomId + " " + String.join(" ", gap);
    }
}
