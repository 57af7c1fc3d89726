package org.weft.ejb.users;

import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.core.id.ServerName;
import org.weft.core.id.UserId;
import org.weft.core.json.JsonObject;

/**
 * Reads who is logging in from a login body or a password auth dict (client-server API,
 * "Identifier types"): {@code identifier: {type: m.id.user, user: ...}}, or the deprecated
 * top-level {@code user}: a full user ID or a bare localpart of this server; or
 * {@code identifier: {type: m.id.thirdparty, medium, address}} (or the deprecated top-level
 * {@code medium} and {@code address}): a user's email address, found by the given lookup.
 */
public final class LoginIdentifier {

    private LoginIdentifier() {
    }

    /**
     * @return the full user ID; an ID of another server, or one that cannot exist, is an invalid
     *         login (403), not a malformed request, so nothing tells which users exist
     */
    public static String resolveUser(JsonObject body, ServerName localServer,
                                     BiFunction<String, String, Optional<String>> threepidOwner) {
        String user;
        JsonObject identifier = body.optObject("identifier");
        if (identifier != null) {
            String type = identifier.requireString("type");
            if ("m.id.thirdparty".equals(type)) {
                return ownerOf(identifier.requireString("medium"), identifier.requireString("address"), threepidOwner);
            }
            if (!"m.id.user".equals(type)) {
                throw new MatrixException(ErrCode.M_UNKNOWN, 400, "Unsupported identifier type: " + type,
                        java.util.Map.of());
            }
            user = identifier.requireString("user");
        } else if (body.optString("medium") != null && body.optString("user") == null) {
            return ownerOf(body.requireString("medium"), body.requireString("address"), threepidOwner);
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

    /** An address no user has is the answer for a wrong password: 403, as the spec says for an unknown 3PID. */
    private static String ownerOf(String medium, String address,
                                  BiFunction<String, String, Optional<String>> threepidOwner) {
        return threepidOwner.apply(medium, address).orElseThrow(LoginIdentifier::invalidLogin);
    }

    public static MatrixException invalidLogin() {
        return MatrixException.forbidden("Invalid username or password");
    }
}
