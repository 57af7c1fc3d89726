package org.weft.ejb.e2e;

/**
 * A local user's device list changed (a CDI event, fired in the change's transaction; federation
 * sends an m.device_list_update to the servers sharing a room with the user).
 *
 * @param keys     the device's keys as they are now; null when the device was deleted
 * @param streamId the list's new version
 * @param prevId   the version before it, 0 when there was none
 */
public record DeviceListChanged(String userId, String deviceId, java.util.Map<String, Object> keys, long streamId,
                                long prevId) {
}
