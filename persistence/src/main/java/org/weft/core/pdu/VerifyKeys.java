package org.weft.core.pdu;

/**
 * The servers' verify keys that signature checks use (server-server API, "Retrieving server
 * keys"): the caller fills it from its key cache, fetching keys it lacks before the checks run.
 */
@FunctionalInterface
public interface VerifyKeys {

    /**
     * The raw Ed25519 public key, or null when the key is unknown or was not valid at
     * {@code atMillis}: "Only signatures from known server keys are validated here. Any unknown
     * keys are ignored. [...] any keys that are known to have expired prior to the event's
     * origin_server_ts are ignored."
     *
     * @param atMillis the event's {@code origin_server_ts}; a lookup for room versions 1-4, which
     *                 do not enforce key validity, may ignore it
     */
    byte[] find(String serverName, String keyId, long atMillis);
}
