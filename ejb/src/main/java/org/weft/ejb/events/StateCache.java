package org.weft.ejb.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.weft.core.event.Pdu;

/**
 * In-memory caches of immutable things: state groups, parsed events, the state group each event
 * was stored with, and which events are not rejected. None changes once
 * written (a redaction is recorded beside the event, not in it), so any node may cache them
 * without invalidation, and a cluster needs no coordination. A plain CDI bean, not an EJB: it is
 * consulted several times per event, and needs no transaction or container lock.
 */
@ApplicationScoped
public class StateCache {

    private static final int MAX_GROUPS = 20_000;
    private static final int MAX_EVENTS = 50_000;

    private final Map<Long, RoomState> groups = lru(MAX_GROUPS);
    private final Map<String, Pdu> events = lru(MAX_EVENTS);
    /** The state group of committed events ({@link EventGroups}): that never changes either. */
    private final Map<String, Long> groupsOfEvents = lru(MAX_EVENTS);
    /** Event IDs known (committed) not to be rejected: that never changes ({@link EventsAside#isRejected}). */
    private final Map<String, Boolean> notRejected = lru(MAX_EVENTS);

    public RoomState group(long id) {
        return groups.get(id);
    }

    public void putGroup(long id, RoomState state) {
        groups.put(id, state);
    }

    public Pdu event(String eventId) {
        return events.get(eventId);
    }

    public void putEvent(Pdu pdu) {
        events.put(pdu.eventId(), pdu);
    }

    public Long groupOfEvent(String eventId) {
        return groupsOfEvents.get(eventId);
    }

    public void putGroupOfEvent(String eventId, long group) {
        groupsOfEvents.put(eventId, group);
    }

    public boolean knownNotRejected(String eventId) {
        return notRejected.containsKey(eventId);
    }

    public void putNotRejected(String eventId) {
        notRejected.put(eventId, Boolean.TRUE);
    }

    /** At most {@code max} entries, the least recently used out first; every access locks it (a read reorders it). */
    private static <K, V> Map<K, V> lru(int max) {
        return Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        });
    }
}
