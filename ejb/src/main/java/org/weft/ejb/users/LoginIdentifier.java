package org.weft.ejb.users;

import java.util.Locale;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.core.id.ServerName;
import org.weft.core.id.UserId;
import org.weft.core.json.JsonObject;

/**
 * Reads who is logging in from a login body or a password auth dict (client-server API,
 * "Identifier types"): {@code identifier: {type: m.id.user, user: ...}}, or the deprecated
 * top-level {@code user}. The user may be a full user ID or a bare localpart of this server.
 */
public final class LoginIdentifier {

    private LoginIdentifier() {
    }

    /**
     * @return the full user ID; an ID of another server, or one that cannot exist, is an invalid
     *         login (403), not a malformed request, so nothing tells which users exist
     */
    public static String resolveUser(JsonObject body, ServerName localServer) {
        String user;
        JsonObject identifier = body.optObject("identifier");
        if (identifier != null) {
            String type = identifier.requireString("type");
            if (!"m.id.user".equals(type)) {
                throw new MatrixException(ErrCode.M_UNKNOWN, 400, "Unsupported identifier type: " + type,
                        java.util.Map.of());
            }
            user = identifier.requireString("user");
        } else {
            user = body.optString("user");
            if (user == null) {
                throw MatrixException.missingParam("identifier");
            }
        }
        try {
            UserId userId = user.startsWith("@")
                    ? UserId.parse(user)
                    : UserId.of(user.toLowerCase(Locale.ROOT), localServer);
            if (!userId.server().equals(localServer)) {
                throw invalidLogin();
            }
            return userId.toString();
        } catch (IllegalArgumentException e) {
            throw invalidLogin();
        }
    }

    public static MatrixException invalidLogin() {
        return MatrixException.forbidden("Invalid username or password");
    }
}
