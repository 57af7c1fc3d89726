package org.weft.ejb.sync;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.weft.ejb.users.Requester;

/**
 * Which membership events each device was sent per room while lazy-loading members, so an
 * incremental sync adds a timeline sender's membership only when the device lacks it (spec
 * "Lazy-loading room members": servers MAY skip such redundant membership events). In memory and
 * bounded: a forgotten entry (another node, a restart, eviction) only costs a redundant event.
 */
@ApplicationScoped
public class LazyMembersSent {

    private static final int MAX_DEVICE_ROOMS = 100_000;

    private final Map<String, Set<String>> byDeviceRoom = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
            return size() > MAX_DEVICE_ROOMS;
        }
    };

    public boolean wasSent(Requester device, String roomId, String memberEventId) {
        synchronized (byDeviceRoom) {
            Set<String> sent = byDeviceRoom.get(key(device, roomId));
            return sent != null && sent.contains(memberEventId);
        }
    }

    public void sent(Requester device, String roomId, Collection<String> memberEventIds) {
        if (memberEventIds.isEmpty()) {
            return;
        }
        synchronized (byDeviceRoom) {
            byDeviceRoom.computeIfAbsent(key(device, roomId), k -> new HashSet<>()).addAll(memberEventIds);
        }
    }

    private static String key(Requester device, String roomId) {
        return device.userId() + '|' + device.deviceId() + '|' + roomId;
    }
}
