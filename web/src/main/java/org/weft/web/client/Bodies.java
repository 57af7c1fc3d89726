package org.weft.web.client;

import java.util.LinkedHashMap;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.ejb.users.IssuedSession;

/** Small shared pieces of request parsing and response shaping for the client resources. */
final class Bodies {

    private Bodies() {
    }

    /** The common shape of login, registration and refresh answers. */
    static Map<String, Object> session(IssuedSession session, String homeServer) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user_id", session.userId());
        body.put("access_token", session.accessToken());
        body.put("device_id", session.deviceId());
        if (session.refreshToken() != null) {
            body.put("refresh_token", session.refreshToken());
            body.put("expires_in_ms", session.expiresInMs());
        }
        if (homeServer != null) {
            body.put("home_server", homeServer);
        }
        return body;
    }

    /** A required query parameter: absent or empty is M_MISSING_PARAM. */
    static String requireQuery(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw MatrixException.missingParam(name);
        }
        return value;
    }
}
