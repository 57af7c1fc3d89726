package org.weft.ejb.e2e;

/**
 * A local user uploaded a master or self-signing key (a CDI event, fired in the upload's
 * transaction; federation sends an m.signing_key_update to the servers sharing a room).
 */
public record SigningKeysChanged(String userId) {
}
