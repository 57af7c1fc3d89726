package org.weft.ejb.sync;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a device's next /sync starts when it comes straight back with the token it was just
 * given, as every client does after each answer: the empty result at that token, kept in memory,
 * instead of a computation from the database.
 *
 * <p>Without it, each message to a room of a hundred waiting members cost a hundred such
 * computations, a dozen queries each, only to find nothing new: on PostgreSQL that, not the wake
 * itself, made the fan-out slow (docs/benchmarks.md). With it the new request waits at once and,
 * as every waiter does, is computed when something changes after its token: from memory when only
 * messages came ({@link SyncFastPath}), else from the database.
 *
 * <p>What a continuation copies from the last database computation (one-time key counts, unused
 * fallback key types: a claim by another user moves no stream position) is dropped when those keys
 * change ({@link #forget}, from the key service), and is never more than {@link #MAX_AGE_MILLIS}
 * old (a claim racing the answer it follows), the same bound a waiting sync already has. An answer that carried
 * to-device messages leaves no continuation: the next request must delete them from the inbox.
 * One entry per device, replaced by each answer; node-local, so another cluster node simply
 * computes.
 */
@ApplicationScoped
public class SyncContinuations {

    /** The longest a continuation reuses a database computation: a sync's usual timeout. */
    static final long MAX_AGE_MILLIS = 30_000;

    /** A bound on memory should devices vanish without logging out. */
    static final int MAX_ENTRIES = 100_000;

    private record Device(String userId, String deviceId) {
    }

    private record Continuation(SyncFilter filter, SyncResult empty) {
    }

    private final Map<Device, Continuation> byDevice = new ConcurrentHashMap<>();

    /**
     * The empty result at the request's token, when the device's last answer ended there with the
     * same filter; consumed, so a second request with the same token computes.
     */
    public SyncResult resume(SyncRequest request, long nowMillis) {
        if (request.since() == null || request.fullState()) {
            return null;
        }
        Continuation c = byDevice.remove(device(request));
        if (c == null || !c.empty().token().equals(request.since()) || !Objects.equals(c.filter(), request.filter())
                || nowMillis - c.empty().computedAt() > MAX_AGE_MILLIS) {
            return null;
        }
        return c.empty();
    }

    /** Drops the device's continuation: its one-time or fallback keys changed (upload, claim). */
    public void forget(String userId, String deviceId) {
        byDevice.remove(new Device(userId, deviceId));
    }

    /** Keeps where the device's answer left off, for its next request. */
    public void remember(SyncRequest request, SyncResult answered) {
        Device device = device(request);
        Continuation c = continuationOf(request, answered);
        if (c == null) {
            byDevice.remove(device);
            return;
        }
        if (byDevice.size() >= MAX_ENTRIES) {
            byDevice.clear();
        }
        byDevice.put(device, c);
    }

    /** The answer with nothing new in it: the same token, rooms and key counts. */
    static Continuation continuationOf(SyncRequest request, SyncResult answered) {
        Map<String, Object> body = answered.body();
        if (body.get("to_device") instanceof Map<?, ?> toDevice && toDevice.get("events") instanceof List<?> events
                && !events.isEmpty()) {
            return null;
        }
        Map<String, Object> empty = new LinkedHashMap<>(body);
        empty.put("next_batch", answered.token().toString());
        empty.put("rooms", Map.of("join", Map.of(), "invite", Map.of(), "leave", Map.of(), "knock", Map.of()));
        empty.put("account_data", Map.of("events", List.of()));
        empty.put("presence", Map.of("events", List.of()));
        empty.put("to_device", Map.of("events", List.of()));
        empty.put("device_lists", Map.of("changed", List.of(), "left", List.of()));
        return new Continuation(request.filter(), new SyncResult(empty, true, answered.roomIds(),
                answered.joinedRooms(), answered.token(), answered.computedAt(), answered.ignoredUsers()));
    }

    private static Device device(SyncRequest request) {
        return new Device(request.requester().userId(), request.requester().deviceId());
    }
}
