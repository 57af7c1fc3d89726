package org.weft.ejb.users;

/** A device as GET /devices shows it (client-server API, "Device management"). */
public record DeviceInfo(String deviceId, String displayName, String lastSeenIp, Long lastSeenTs) {
}
