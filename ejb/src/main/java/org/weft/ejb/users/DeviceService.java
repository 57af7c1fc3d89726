package org.weft.ejb.users;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.weft.core.error.MatrixException;
import org.weft.persistence.users.DeviceEntity;
import org.weft.persistence.users.DeviceKey;

/** A user's devices (client-server API, "Device management"). */
@Stateless
public class DeviceService {

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @EJB
    SessionIssuer sessions;

    @jakarta.inject.Inject
    jakarta.enterprise.event.Event<DeviceRenamed> deviceRenamed;

    public List<DeviceInfo> list(String userId) {
        return em.createNamedQuery(DeviceEntity.FIND_BY_USER, DeviceEntity.class)
                .setParameter("userId", userId).getResultList().stream().map(DeviceService::info).toList();
    }

    public DeviceInfo get(String userId, String deviceId) {
        return info(find(userId, deviceId));
    }

    /** PUT /devices/{deviceId}: only the display name can change. */
    public void rename(String userId, String deviceId, String displayName) {
        if (displayName != null && displayName.length() > SessionIssuer.MAX_DISPLAY_NAME_LENGTH) {
            throw MatrixException.invalidParam("Device display name is too long");
        }
        DeviceEntity device = find(userId, deviceId);
        if (!java.util.Objects.equals(device.getDisplayName(), displayName)) {
            device.setDisplayName(displayName);
            deviceRenamed.fire(new DeviceRenamed(userId, deviceId));
        }
    }

    /** Deletes devices and their tokens; device IDs the user does not have are ignored, as the spec's bulk delete expects. */
    public void delete(String userId, List<String> deviceIds) {
        for (String deviceId : deviceIds) {
            sessions.deleteDevice(userId, deviceId);
        }
    }

    /** A device's display name, or null (none, or no such device). */
    public String displayName(String userId, String deviceId) {
        DeviceEntity device = em.find(DeviceEntity.class, new DeviceKey(userId, deviceId));
        return device == null ? null : device.getDisplayName();
    }

    /** The 404 of GET/PUT/DELETE on a device the user does not have. */
    public void requireExists(String userId, String deviceId) {
        find(userId, deviceId);
    }

    private DeviceEntity find(String userId, String deviceId) {
        DeviceEntity device = em.find(DeviceEntity.class, new DeviceKey(userId, deviceId));
        if (device == null) {
            throw MatrixException.notFound("Unknown device");
        }
        return device;
    }

    private static DeviceInfo info(DeviceEntity d) {
        return new DeviceInfo(d.getDeviceId(), d.getDisplayName(), d.getLastSeenIp(), d.getLastSeenTs());
    }
}
