package org.weft.ejb.users;

/** A device was deleted (a CDI event, fired in the deletion's transaction; its end-to-end keys go with it). */
public record DeviceDeleted(String userId, String deviceId) {
}
