package org.weft.core.auth;

import java.util.Map;
import org.weft.core.event.Pdu;

/**
 * Rule 4.2 of room versions 8 and later (rooms/fragments/v8-auth-rules.md): "If {@code content}
 * has a {@code join_authorised_via_users_server} key: if the event is not validly signed by the
 * homeserver of the user ID denoted by the key, reject."
 *
 * <p>Verifying ed25519 signatures is step 2 of the server-server API's "Checks performed on
 * receipt of a PDU", which runs before the authorisation rules and must verify every signature
 * the event carries (the authorising server's included). The default,
 * {@link #SIGNATURE_PRESENT}, therefore only confirms that the event carries a signature from
 * that server; a deployment that authorises events without the signature stage must supply a
 * verifying implementation.
 */
@FunctionalInterface
public interface ServerSignatureCheck {

    /** Accepts when {@code signatures} has an entry for the server (verified by step 2). */
    ServerSignatureCheck SIGNATURE_PRESENT = (event, serverName) -> {
        Object signatures = event.json().get("signatures");
        return signatures instanceof Map<?, ?> map && map.get(serverName) instanceof Map<?, ?> keys
                && !keys.isEmpty();
    };

    /** Whether {@code event} is validly signed by {@code serverName}. */
    boolean isSignedBy(Pdu event, String serverName);
}
