package org.weft.ejb.ephemeral;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.EJB;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.infinispan.Cache;
import org.weft.core.json.Json;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.rooms.RoomAccess;
import org.weft.ejb.sync.SyncNotifier;

/**
 * Who is typing in each room (client-server API, "Typing Notifications"). The typers of a room are
 * an entry of the Infinispan cache {@code weft/typing} (room ID to a JSON object of user ID to the
 * instant the notification ends). Each start schedules a non-persistent EJB timer for its end, so
 * a client that vanishes stops "typing" on time; non-persistent because typing means nothing after
 * a restart. Every change bumps a serial that sync tokens carry, and wakes the room's waiting syncs.
 * The serial ({@link EphemeralSerial}) is per node (docs/adr/0009).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class TypingService {

    @Resource(lookup = "java:jboss/infinispan/cache/weft/typing")
    Cache<String, String> typers;

    @Resource
    TimerService timers;

    @Inject
    SyncNotifier notifier;

    @Inject
    WeftSettings settings;

    @Inject
    EphemeralSerial serial;

    @EJB
    RoomAccess access;

    /** Tells other servers in the room (federation's EDU broadcaster observes it). */
    @Inject
    Event<TypingChanged> typingChanged;

    /**
     * How long a remote user types without their server saying more: the m.typing EDU has no
     * timeout, and servers repeat it while the user types (Synapse uses a minute too).
     */
    static final long REMOTE_TIMEOUT_MS = 60_000;

    private final Map<String, Long> changedAt = new ConcurrentHashMap<>();

    /**
     * PUT /rooms/{roomId}/typing/{userId}: starts ({@code timeoutMs} from now, at most the
     * configured maximum) or stops a member's typing notification.
     */
    public void set(String roomId, String userId, boolean typing, long requestedTimeoutMs) {
        access.requireJoined(roomId, userId);
        record(roomId, userId, typing, Math.max(1, Math.min(requestedTimeoutMs, settings.typingMaxTimeoutMs())));
        typingChanged.fire(new TypingChanged(roomId, userId, typing));
    }

    /**
     * An m.typing EDU from another server (server-server API, "Typing Notifications"): the same
     * state and timers as a local user's, with {@link #REMOTE_TIMEOUT_MS}.
     *
     * @throws org.weft.core.error.MatrixException when the user is not in the room
     */
    public void setRemote(String roomId, String userId, boolean typing) {
        access.requireJoined(roomId, userId);
        record(roomId, userId, typing, REMOTE_TIMEOUT_MS);
    }

    private void record(String roomId, String userId, boolean typing, long timeoutMs) {
        boolean changed;
        synchronized (this) {
            Map<String, Long> now = current(roomId);
            Long before = typing ? now.put(userId, System.currentTimeMillis() + timeoutMs) : now.remove(userId);
            changed = typing ? before == null : before != null;
            store(roomId, now);
        }
        if (typing) {
            timers.createSingleActionTimer(timeoutMs, new TimerConfig(roomId, false));
        }
        if (changed) {
            changed(roomId);
        }
    }

    /** A typing notification's time ran out: drop every typer of the room whose time has passed. */
    @Timeout
    void expire(Timer timer) {
        String roomId = (String) timer.getInfo();
        boolean changed;
        synchronized (this) {
            Map<String, Long> now = current(roomId);
            long instant = System.currentTimeMillis();
            changed = now.values().removeIf(end -> end <= instant);
            store(roomId, now);
        }
        if (changed) {
            changed(roomId);
        }
    }

    /** The users typing in a room now, sorted. */
    public List<String> typers(String roomId) {
        long instant = System.currentTimeMillis();
        List<String> users = new ArrayList<>();
        current(roomId).forEach((user, end) -> {
            if (end > instant) {
                users.add(user);
            }
        });
        return users;
    }

    /** Did the room's typers change after a token's serial? */
    public boolean changedSince(String roomId, long tokenSerial) {
        Long at = changedAt.get(roomId);
        return at != null && at > tokenSerial;
    }

    private void changed(String roomId) {
        changedAt.put(roomId, serial.next());
        notifier.wakeRoom(roomId);
    }

    private Map<String, Long> current(String roomId) {
        String json = typers.get(roomId);
        Map<String, Long> out = new TreeMap<>();
        if (json != null) {
            ((Map<?, ?>) Json.parse(json)).forEach((user, end) -> out.put((String) user, ((Number) end).longValue()));
        }
        return out;
    }

    private void store(String roomId, Map<String, Long> now) {
        if (now.isEmpty()) {
            typers.remove(roomId);
        } else {
            typers.put(roomId, Json.write(now));
        }
    }
}
