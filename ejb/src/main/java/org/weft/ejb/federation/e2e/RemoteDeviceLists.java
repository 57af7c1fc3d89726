package org.weft.ejb.federation.e2e;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.weft.core.json.Json;
import org.weft.ejb.events.StreamChange;
import org.weft.ejb.events.StreamIdGenerator;
import org.weft.ejb.rooms.MembershipService;
import org.weft.persistence.e2e.RemoteDeviceListEntity;

/**
 * Other servers' users' device lists (server-server API, "Device Management"), kept for users who
 * share a room with a user here: the last {@code GET /user/devices} answer, with the
 * {@code m.device_list_update} and {@code m.signing_key_update} EDUs applied to it. An update whose
 * {@code prev_id} does not name the version held (a missed update) marks the list stale; the next
 * key query fetches it again. Each change takes a stream position, so that room mates' clients see
 * the user in {@code device_lists.changed} and query the keys again.
 */
@Stateless
public class RemoteDeviceLists {

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @EJB
    StreamIdGenerator stream;

    @EJB
    MembershipService memberships;

    /**
     * The list as held, in the shape of a {@code /user/devices} answer; null when none is held,
     * it is stale, or the user shares no room here (so no update would keep it current).
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> current(String userId) {
        RemoteDeviceListEntity row = em.find(RemoteDeviceListEntity.class, userId);
        if (row == null || row.isStale() || memberships.joinedRooms(userId).isEmpty()) {
            return null;
        }
        return (Map<String, Object>) Json.parse(row.getJson());
    }

    /** Whether a user's device list is kept here: they share a room with a user here. */
    public boolean tracks(String userId) {
        return !memberships.joinedRooms(userId).isEmpty();
    }

    /** Keeps a {@code /user/devices} answer for a user who shares a room here (others are not tracked). */
    public void store(String userId, Map<String, Object> answer) {
        List<String> rooms = memberships.joinedRooms(userId);
        if (rooms.isEmpty() || !userId.equals(answer.get("user_id"))) {
            return;
        }
        long streamId = answer.get("stream_id") instanceof Number n ? n.longValue() : 0;
        Map<String, Object> kept = new LinkedHashMap<>();
        kept.put("user_id", userId);
        kept.put("stream_id", streamId);
        kept.put("devices", answer.get("devices") instanceof List<?> devices ? devices : List.of());
        copy(answer, kept, "master_key");
        copy(answer, kept, "self_signing_key");
        RemoteDeviceListEntity row = em.find(RemoteDeviceListEntity.class, userId);
        if (row == null) {
            em.persist(new RemoteDeviceListEntity(userId, streamId, Json.write(kept), position(userId, rooms)));
        } else {
            // Clients were told of the change when the list was marked stale: no new position.
            row.update(streamId, Json.write(kept), row.getStreamPos());
        }
    }

    /**
     * An m.device_list_update EDU: applied when it follows the version held, else the list is
     * marked stale. Updates about users who share no room here are ignored.
     */
    @SuppressWarnings("unchecked")
    public void update(Map<?, ?> content) {
        if (!(content.get("user_id") instanceof String userId) || !(content.get("device_id") instanceof String)
                || !(content.get("stream_id") instanceof Number)) {
            throw new IllegalArgumentException("m.device_list_update needs user_id, device_id and stream_id");
        }
        List<String> rooms = memberships.joinedRooms(userId);
        if (rooms.isEmpty()) {
            return;
        }
        RemoteDeviceListEntity row = em.find(RemoteDeviceListEntity.class, userId);
        Map<String, Object> held = row == null ? null : (Map<String, Object>) Json.parse(row.getJson());
        DeviceListUpdates.Outcome outcome = DeviceListUpdates.apply(held,
                row == null ? 0 : row.getRemoteStreamId(), row != null && row.isStale(), content);
        if (outcome instanceof DeviceListUpdates.AlreadyHeld) {
            return;
        }
        long position = position(userId, rooms);
        if (outcome instanceof DeviceListUpdates.Applied applied) {
            row.update(applied.streamId(), Json.write(applied.list()), position);
        } else if (row == null) {
            RemoteDeviceListEntity fresh = new RemoteDeviceListEntity(userId, 0, "{}", position);
            fresh.markStale(position);
            em.persist(fresh);
        } else {
            row.markStale(position);
        }
    }

    /** An m.signing_key_update EDU: the user's new master and self-signing keys. */
    @SuppressWarnings("unchecked")
    public void signingKeys(Map<?, ?> content) {
        if (!(content.get("user_id") instanceof String userId)) {
            throw new IllegalArgumentException("m.signing_key_update needs user_id");
        }
        List<String> rooms = memberships.joinedRooms(userId);
        RemoteDeviceListEntity row = rooms.isEmpty() ? null : em.find(RemoteDeviceListEntity.class, userId);
        if (row == null) {
            return; // not tracked: a key query asks the user's server
        }
        Map<String, Object> list = new LinkedHashMap<>((Map<String, Object>) Json.parse(row.getJson()));
        copy((Map<String, Object>) content, list, "master_key");
        copy((Map<String, Object>) content, list, "self_signing_key");
        row.update(row.getRemoteStreamId(), Json.write(list), position(userId, rooms));
    }

    private long position(String userId, List<String> rooms) {
        return stream.nextPosition(StreamChange.deviceKeys(userId, Set.copyOf(rooms)));
    }

    private static void copy(Map<?, ?> from, Map<String, Object> to, String key) {
        if (from.get(key) != null) {
            to.put(key, from.get(key));
        }
    }
}
