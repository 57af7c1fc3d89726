package org.weft.ejb.users;

/** A device's display name changed (a CDI event, fired in the change's transaction; other servers hear of it). */
public record DeviceRenamed(String userId, String deviceId) {
}
