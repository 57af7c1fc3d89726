package org.weft.ejb.ephemeral;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.infinispan.Cache;
import org.weft.core.error.MatrixException;
import org.weft.core.json.Json;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.rooms.MembershipService;
import org.weft.ejb.sync.SyncNotifier;
import org.weft.persistence.users.AccountEntity;

/**
 * Presence (client-server API, "Presence"): online, unavailable, offline and a status message per
 * user, in the Infinispan cache {@code weft/presence}. Setting presence and syncing count as
 * activity; a non-persistent EJB timer sweeps every few seconds, moving users idle longer than
 * {@code weft.presence.idle_ms} to unavailable and users who stopped syncing for
 * {@code weft.presence.offline_ms} to offline. Users see the presence of those they share a room
 * with; each change wakes those users' waiting syncs.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class PresenceService {

    private static final Set<String> STATES = Set.of("online", "unavailable", "offline");

    /** One user's presence; {@code serial} is the {@link EphemeralSerial} of its last change. */
    record State(String presence, String statusMsg, long lastActive, long lastSync, long serial) {

        String json() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("presence", presence);
            if (statusMsg != null) {
                map.put("status_msg", statusMsg);
            }
            map.put("last_active", lastActive);
            map.put("last_sync", lastSync);
            map.put("serial", serial);
            return Json.write(map);
        }

        static State parse(String json) {
            Map<?, ?> map = (Map<?, ?>) Json.parse(json);
            return new State((String) map.get("presence"), (String) map.get("status_msg"),
                    ((Number) map.get("last_active")).longValue(), ((Number) map.get("last_sync")).longValue(),
                    ((Number) map.get("serial")).longValue());
        }
    }

    @Resource(lookup = "java:jboss/infinispan/cache/weft/presence")
    Cache<String, String> cache;

    @EJB
    MembershipService memberships;

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @Inject
    WeftSettings settings;

    @Inject
    EphemeralSerial serial;

    @Inject
    SyncNotifier notifier;

    /** Tells the servers sharing a room with the user (federation's EDU broadcaster observes it). */
    @Inject
    Event<PresenceChanged> presenceChanged;

    /** PUT /presence/{userId}/status. */
    public void set(String userId, String presence, String statusMsg) {
        if (!STATES.contains(presence)) {
            throw MatrixException.invalidParam("presence must be online, unavailable or offline");
        }
        if (statusMsg != null && statusMsg.length() > 1024) {
            throw MatrixException.invalidParam("status_msg must be at most 1024 characters");
        }
        if (!settings.presenceEnabled()) {
            return;
        }
        long now = System.currentTimeMillis();
        State before = state(userId);
        long lastSync = before == null ? now : before.lastSync();
        change(userId, new State(presence, statusMsg, now, lastSync, serial.next()));
    }

    /** A /sync started: activity, and presence as its set_presence asks (offline: leave it alone). */
    public void synced(String userId, String setPresence) {
        if (!settings.presenceEnabled()) {
            return;
        }
        long now = System.currentTimeMillis();
        State before = state(userId);
        String wanted = setPresence == null ? "online" : setPresence;
        if ("offline".equals(wanted)) {
            if (before != null) {
                cache.put(userId, new State(before.presence(), before.statusMsg(), before.lastActive(), now,
                        before.serial()).json());
            }
            return;
        }
        String statusMsg = before == null ? null : before.statusMsg();
        if (before == null || !wanted.equals(before.presence())) {
            change(userId, new State(wanted, statusMsg, now, now, serial.next()));
        } else {
            // Activity alone changes no one's view enough to wake them: no new serial.
            cache.put(userId, new State(wanted, statusMsg, now, now, before.serial()).json());
        }
    }

    /**
     * One entry of an m.presence EDU from another server (server-server API, "Presence"): that
     * server keeps its users' presence, so the sweep leaves them alone.
     */
    public void setRemote(String userId, String presence, String statusMsg, long lastActiveAgo) {
        if (!STATES.contains(presence)) {
            throw MatrixException.invalidParam("presence must be online, unavailable or offline");
        }
        if (!settings.presenceEnabled()) {
            return;
        }
        long lastActive = System.currentTimeMillis() - Math.max(0, lastActiveAgo);
        String message = statusMsg == null || statusMsg.length() > 1024 ? null : statusMsg;
        change(userId, new State(presence, message, lastActive, lastActive, serial.next()));
    }

    /** GET /presence/{userId}/status: for oneself and for users one shares a room with. */
    public Map<String, Object> status(String requesterId, String userId) {
        if (isLocal(userId) && em.find(AccountEntity.class, userId) == null) {
            throw MatrixException.notFound("No such user " + userId);
        }
        if (!requesterId.equals(userId) && !sharesRoom(requesterId, userId)) {
            throw MatrixException.forbidden("You do not share a room with " + userId);
        }
        State state = settings.presenceEnabled() ? state(userId) : null;
        return content(state, System.currentTimeMillis());
    }

    /** m.presence events for /sync: users sharing a room with {@code userId} whose presence changed after the token. */
    public List<Map<String, Object>> events(String userId, Long sinceSerial) {
        if (!settings.presenceEnabled()) {
            return List.of();
        }
        List<Map<String, Object>> events = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (String other : visibleUsers(userId)) {
            State state = state(other);
            if (state != null && (sinceSerial == null || state.serial() > sinceSerial)) {
                events.add(Map.of("type", "m.presence", "sender", other, "content", content(state, now)));
            }
        }
        return events;
    }

    /** Moves idle users to unavailable and absent ones to offline (non-persistent: presence is ephemeral). */
    @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false)
    void sweep() {
        if (!settings.presenceEnabled()) {
            return;
        }
        long now = System.currentTimeMillis();
        for (Map.Entry<String, String> entry : Map.copyOf(cache).entrySet()) {
            if (!isLocal(entry.getKey())) {
                continue; // their server says when they go idle or offline
            }
            State state = State.parse(entry.getValue());
            String next = state.presence();
            if (!"offline".equals(next) && now - state.lastSync() > settings.presenceOfflineMs()
                    && now - state.lastActive() > settings.presenceOfflineMs()) {
                next = "offline";
            } else if ("online".equals(next) && now - state.lastActive() > settings.presenceIdleMs()) {
                next = "unavailable";
            }
            if (!next.equals(state.presence())) {
                change(entry.getKey(), new State(next, state.statusMsg(), state.lastActive(), state.lastSync(), serial.next()));
            }
        }
    }

    private void change(String userId, State state) {
        cache.put(userId, state.json());
        for (String roomId : memberships.joinedRooms(userId)) {
            notifier.wakeRoom(roomId);
        }
        notifier.wakeUser(userId);
        if (isLocal(userId)) {
            Map<String, Object> content = new LinkedHashMap<>(content(state, System.currentTimeMillis()));
            presenceChanged.fire(new PresenceChanged(userId, content));
        }
    }

    private boolean isLocal(String userId) {
        return userId.endsWith(":" + settings.serverName());
    }

    private State state(String userId) {
        String json = cache.get(userId);
        return json == null ? null : State.parse(json);
    }

    private static Map<String, Object> content(State state, long now) {
        Map<String, Object> content = new LinkedHashMap<>();
        if (state == null) {
            content.put("presence", "offline");
            return content;
        }
        content.put("presence", state.presence());
        content.put("last_active_ago", Math.max(0, now - state.lastActive()));
        content.put("currently_active", "online".equals(state.presence()));
        if (state.statusMsg() != null) {
            content.put("status_msg", state.statusMsg());
        }
        return content;
    }

    private List<String> visibleUsers(String userId) {
        List<String> users = new ArrayList<>(em.createQuery("select distinct m.stateKey from CurrentStateEntity m"
                + " where m.type = 'm.room.member' and m.membership = 'join' and m.roomId in (select s.roomId from"
                + " CurrentStateEntity s where s.type = 'm.room.member' and s.stateKey = :userId and s.membership = 'join')",
                String.class).setParameter("userId", userId).getResultList());
        if (!users.contains(userId)) {
            users.add(userId);
        }
        return users;
    }

    private boolean sharesRoom(String a, String b) {
        return visibleUsers(a).contains(b);
    }
}
