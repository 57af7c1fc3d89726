package org.weft.ejb.e2e;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Map;
import java.util.Set;
import org.weft.ejb.events.StreamChange;
import org.weft.ejb.events.StreamIdGenerator;
import org.weft.ejb.rooms.MembershipService;
import org.weft.core.json.Json;
import org.weft.ejb.users.DeviceDeleted;
import org.weft.ejb.users.DeviceRenamed;
import org.weft.persistence.e2e.DeviceKeysEntity;
import org.weft.persistence.e2e.DeviceListVersionEntity;

/**
 * Versions of local users' device lists (end-to-end encryption module, "Tracking the device list
 * for a user"; server-server API, "Device Management"). Every change (a device's keys uploaded or
 * signed, a device deleted) takes a stream position, which wakes the user's room mates' syncs
 * ({@code device_lists.changed}) and is the list's new {@code stream_id} for other servers.
 */
@Stateless
public class LocalDeviceLists {

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @EJB
    StreamIdGenerator stream;

    @EJB
    MembershipService memberships;

    @Inject
    Event<DeviceListChanged> changes;

    /**
     * The device list of {@code userId} changed at {@code deviceId}: a new version, in the caller's transaction.
     *
     * @param keys the device's keys now; null when it was deleted
     * @return the new version's stream position
     */
    public long changed(String userId, String deviceId, Map<String, Object> keys) {
        long position = stream.nextPosition(keyChange(userId));
        DeviceListVersionEntity version = em.find(DeviceListVersionEntity.class, userId);
        long previous = version == null ? 0 : version.getStreamPos();
        if (version == null) {
            em.persist(new DeviceListVersionEntity(userId, position));
        } else {
            version.setStreamPos(position);
        }
        changes.fire(new DeviceListChanged(userId, deviceId, keys, position, previous));
        return position;
    }

    /** The current version of a user's device list (0: never changed). */
    public long version(String userId) {
        DeviceListVersionEntity version = em.find(DeviceListVersionEntity.class, userId);
        return version == null ? 0 : version.getStreamPos();
    }

    /** A change of the user's keys: their own syncs and those of everyone in their joined rooms wake. */
    public StreamChange keyChange(String userId) {
        return StreamChange.deviceKeys(userId, Set.copyOf(memberships.joinedRooms(userId)));
    }

    /**
     * A renamed device with keys is a change of the list: other servers show the display name
     * ({@code device_display_name} of the update), so they hear of it.
     */
    @SuppressWarnings("unchecked")
    public void onDeviceRenamed(@Observes DeviceRenamed renamed) {
        DeviceKeysEntity keys = em.find(DeviceKeysEntity.class, new DeviceKeysEntity.Key(renamed.userId(), renamed.deviceId()));
        if (keys != null) {
            keys.update(keys.getJson(), changed(renamed.userId(), renamed.deviceId(),
                    (Map<String, Object>) Json.parse(keys.getJson())));
        }
    }

    /** A deleted device's keys go with it, and those who encrypt to the user hear of it. */
    public void onDeviceDeleted(@Observes DeviceDeleted deleted) {
        int removed = em.createQuery("delete from DeviceKeysEntity k where k.userId = :u and k.deviceId = :d")
                .setParameter("u", deleted.userId()).setParameter("d", deleted.deviceId()).executeUpdate();
        em.createQuery("delete from OneTimeKeyEntity k where k.userId = :u and k.deviceId = :d")
                .setParameter("u", deleted.userId()).setParameter("d", deleted.deviceId()).executeUpdate();
        if (removed > 0) {
            changed(deleted.userId(), deleted.deviceId(), null);
        }
    }
}
