package org.weft.web.client;

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
import org.weft.ejb.federation.RemoteProfiles;
import org.weft.ejb.users.ProfileService;
import org.weft.web.auth.Authenticated;
import org.weft.web.auth.CurrentRequester;

/**
 * Profiles (client-server API, "Profiles"). Reading needs no access token, as with Synapse's default;
 * changing needs the user's own.
 */
@Path("/_matrix/client")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ProfileResource {

    private static final java.util.Set<String> FIELDS = java.util.Set.of("displayname", "avatar_url");

    @EJB
    ProfileService profiles;

    @Inject
    CurrentRequester requester;

    @Inject
    RemoteProfiles remoteProfiles;

    @Inject
    WeftSettings settings;

    /** {@code GET /_matrix/client/v3/profile/{userId}}: another server's user is asked of that server. */
    @GET
    @Path("/v3/profile/{userId}")
    public Map<String, Object> profile(@PathParam("userId") String userId) {
        return lookup(userId);
    }

    private Map<String, Object> lookup(String userId) {
        UserId user;
        try {
            user = UserId.parse(userId);
        } catch (IllegalArgumentException e) {
            throw MatrixException.invalidParam(userId + " is not a user ID");
        }
        return user.server().equals(settings.serverName()) ? profiles.profile(userId) : remoteProfiles.profile(user);
    }

    /** {@code GET /_matrix/client/v3/profile/{userId}/displayname} and {@code .../avatar_url}. */
    @GET
    @Path("/v3/profile/{userId}/{field}")
    public Map<String, Object> field(@PathParam("userId") String userId, @PathParam("field") String field) {
        checkField(field);
        Object value = lookup(userId).get(field);
        if (value == null) {
            throw MatrixException.notFound("No " + field + " for " + userId);
        }
        return Map.of(field, value);
    }

    /** {@code PUT /_matrix/client/v3/profile/{userId}/displayname} and {@code .../avatar_url}. */
    @PUT
    @Authenticated
    @Path("/v3/profile/{userId}/{field}")
    public Map<String, Object> set(@PathParam("userId") String userId, @PathParam("field") String field, JsonObject body) {
        checkField(field);
        Object value = body.get(field);
        if (value != null && !(value instanceof String)) {
            throw MatrixException.badJson(field + " must be a string");
        }
        profiles.set(requester.self(userId).userId(), field, (String) value);
        return Map.of();
    }

    private static void checkField(String field) {
        if (!FIELDS.contains(field)) {
            throw MatrixException.notFound("Unknown profile field " + field);
        }
    }
}
