package org.weft.ejb.federation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.core.federation.XMatrixAuthorization;
import org.weft.core.id.ServerName;
import org.weft.ejb.config.WeftSettings;

/**
 * Authenticates an incoming federation request (server-server API, "Request Authentication"):
 * one of its {@code X-Matrix} headers must carry the origin's valid signature over the method,
 * target, destination and body, and a destination, when given, must be us. Every failure is 401
 * M_UNAUTHORIZED, as the spec asks for a wrong destination.
 */
@ApplicationScoped
public class FederationAuthenticator {

    @Inject
    RemoteServerKeys keys;

    @Inject
    WeftSettings settings;

    @Inject
    FederationPolicy policy;

    /**
     * @param uri     the request target from {@code /_matrix} on, query string included
     * @param content the parsed JSON body, or null when there is none
     * @return the authenticated origin server
     */
    public ServerName authenticate(String method, String uri, List<String> authorizations, Object content) {
        if (authorizations == null || authorizations.isEmpty()) {
            throw unauthorized("Missing X-Matrix authorization");
        }
        String us = settings.serverName().toString();
        String reason = "No valid X-Matrix authorization";
        for (String header : authorizations) {
            XMatrixAuthorization auth;
            ServerName origin;
            try {
                auth = XMatrixAuthorization.parse(header);
                origin = ServerName.parse(auth.origin());
            } catch (IllegalArgumentException e) {
                reason = "Malformed X-Matrix authorization";
                continue;
            }
            if (auth.destination() != null && !auth.destination().equals(us)) {
                throw unauthorized("This request is for " + auth.destination() + ", not this server");
            }
            // Before any key is fetched: a server Weft does not federate with costs nothing.
            policy.requireAllowed(origin);
            Optional<byte[]> key = keys.verifyKey(origin, auth.keyId());
            if (key.isEmpty()) {
                reason = "Unknown key " + auth.keyId() + " of " + origin;
            } else if (auth.verify(method, uri, content, key.get())) {
                return origin;
            } else {
                reason = "Bad X-Matrix signature";
            }
        }
        throw unauthorized(reason);
    }

    private static MatrixException unauthorized(String message) {
        return new MatrixException(ErrCode.M_UNAUTHORIZED, message);
    }
}
