package org.weft.web.admin;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.id.UserId;
import org.weft.core.json.JsonObject;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.sso.AccountLocks;
import org.weft.web.auth.Authenticated;
import org.weft.web.auth.CurrentRequester;

/**
 * Account locking by server admins (client-server API, "Server administration", "Account
 * locking": {@code GET} and {@code PUT /_matrix/client/v1/admin/lock/{userId}}).
 */
@Path("/_matrix/client")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class AccountLockResource {

    @EJB
    AccountLocks locks;

    @Inject
    CurrentRequester requester;

    @Inject
    WeftSettings settings;

    /** {@code GET /_matrix/client/v1/admin/lock/{userId}}: whether the user is locked. */
    @GET
    @Path("/v1/admin/lock/{userId}")
    public Map<String, Object> isLocked(@PathParam("userId") String userId) {
        AdminGuard.requireAdmin(requester.get());
        return Map.of("locked", locks.isLocked(localUser(userId)));
    }

    /** {@code PUT /_matrix/client/v1/admin/lock/{userId}} with {@code {"locked": true|false}}. */
    @PUT
    @Path("/v1/admin/lock/{userId}")
    public Map<String, Object> setLocked(@PathParam("userId") String userId, JsonObject body) {
        AdminGuard.requireAdmin(requester.get());
        Object locked = body.get("locked");
        if (locked == null) {
            throw MatrixException.missingParam("locked");
        }
        if (!(locked instanceof Boolean value)) {
            throw MatrixException.badJson("locked must be true or false");
        }
        locks.setLockedByAdmin(localUser(userId), value);
        return Map.of();
    }

    /** A user ID of this server; another server's is 400 M_INVALID_PARAM (the spec's answer). */
    private String localUser(String userId) {
        try {
            UserId parsed = UserId.parse(userId);
            if (!parsed.server().equals(settings.serverName())) {
                throw MatrixException.invalidParam("Not a user of this server: " + userId);
            }
            return parsed.toString();
        } catch (IllegalArgumentException e) {
            throw MatrixException.invalidParam("Not a user ID: " + userId);
        }
    }
}
