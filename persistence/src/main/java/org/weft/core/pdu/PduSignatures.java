package org.weft.core.pdu;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.weft.core.crypto.EventSigner;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.core.id.UserId;

/**
 * Step 2 of the receipt checks: "Passes signature checks, otherwise it is dropped"
 * (server-server API, "Validating hashes and signatures on received events"). The event is checked
 * in its redacted form, so a redacted copy passes as the full event does. "For room versions 3 and
 * later, unless the event is a 3rd party invite, only the signature(s) from the originating server
 * (the server the sender belongs to) are required for verification. Room versions 1 and 2 also
 * require that a signature is present from the domain in the event_id, if it differs". Each
 * required server needs at least one signature by a key it knows to be valid at the event's time,
 * and every such signature must verify; signatures by unknown or expired keys are skipped.
 *
 * <p>A third-party invite's signatures are the auth rules' business ({@code ThirdPartyInviteVerifier});
 * the {@code join_authorised_via_users_server} signature of restricted joins is checked by auth
 * rule 4.2 through {@code ServerSignatureCheck}, with {@link #isSignedBy}.
 */
public final class PduSignatures {

    private PduSignatures() {
    }

    /** @throws InvalidPduException when a required server's signature is missing or wrong */
    public static void verify(Pdu pdu, RoomVersion version, VerifyKeys keys) {
        for (String server : requiredServers(pdu, version)) {
            if (!isSignedBy(pdu, version, server, keys)) {
                throw new InvalidPduException("no valid signature of " + server + " by a key known to be valid at "
                        + pdu.originServerTs());
            }
        }
    }

    /** The servers whose signatures the event must carry. */
    static Set<String> requiredServers(Pdu pdu, RoomVersion version) {
        Set<String> servers = new LinkedHashSet<>();
        servers.add(UserId.parse(pdu.sender()).server().toString());
        if (version.eventIdFormat() == RoomVersion.EventIdFormat.SERVER_ASSIGNED) {
            String eventId = pdu.eventId();
            servers.add(eventId.substring(eventId.indexOf(':') + 1));
        }
        return servers;
    }

    /**
     * Whether the event carries a valid signature of {@code server}: at least one by a key valid at
     * the event's time, and none by such a key that fails.
     */
    public static boolean isSignedBy(Pdu pdu, RoomVersion version, String server, VerifyKeys keys) {
        if (!(pdu.json().get("signatures") instanceof Map<?, ?> all) || !(all.get(server) instanceof Map<?, ?> byKey)) {
            return false;
        }
        int verified = 0;
        for (Map.Entry<?, ?> signature : byKey.entrySet()) {
            if (!(signature.getKey() instanceof String keyId) || !keyId.startsWith("ed25519:")) {
                continue; // an algorithm Weft does not verify: skipped like an unknown key
            }
            byte[] key = keys.find(server, keyId, pdu.originServerTs());
            if (key == null) {
                continue;
            }
            if (!EventSigner.verifyEvent(pdu, version, server, keyId, key)) {
                return false;
            }
            verified++;
        }
        return verified > 0;
    }
}
