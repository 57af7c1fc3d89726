package org.weft.web.federation;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.id.RoomAlias;
import org.weft.core.id.UserId;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.rooms.AliasService;
import org.weft.ejb.users.ProfileService;
import org.weft.web.auth.FederationAuthenticated;

/**
 * Queries other servers make of Weft's own aliases and users (server-server API, "Query Types":
 * {@code directory}, {@code profile}). An alias or user of another server is not Weft's to answer:
 * {@code 404 M_NOT_FOUND}, as for one that does not exist.
 */
@Path("/_matrix/federation/v1/query")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@FederationAuthenticated
public class FederationQueryResource {

    @EJB
    AliasService aliases;

    @EJB
    ProfileService profiles;

    @Inject
    WeftSettings settings;

    /** {@code GET /_matrix/federation/v1/query/directory?room_alias=}: the room and its resident servers. */
    @GET
    @Path("/directory")
    public Map<String, Object> directory(@QueryParam("room_alias") String alias) {
        if (alias == null) {
            throw MatrixException.missingParam("room_alias");
        }
        String us = settings.serverName().toString();
        RoomAlias parsed;
        try {
            parsed = RoomAlias.parse(alias);
        } catch (IllegalArgumentException e) {
            throw MatrixException.invalidParam("room_alias is not a room alias");
        }
        if (!us.equals(parsed.server().toString())) {
            throw MatrixException.notFound("Room alias " + alias + " is not on this server");
        }
        // Rooms live on this server only for now: Weft is their one resident.
        return Map.of("room_id", aliases.resolve(alias), "servers", List.of(us));
    }

    /** {@code GET /_matrix/federation/v1/query/profile?user_id=&field=}. */
    @GET
    @Path("/profile")
    public Map<String, Object> profile(@QueryParam("user_id") String userId, @QueryParam("field") String field) {
        if (userId == null) {
            throw MatrixException.missingParam("user_id");
        }
        UserId parsed;
        try {
            parsed = UserId.parse(userId);
        } catch (IllegalArgumentException e) {
            throw MatrixException.invalidParam("user_id is not a user ID");
        }
        if (!settings.serverName().equals(parsed.server())) {
            throw MatrixException.notFound("User " + userId + " is not on this server");
        }
        Map<String, Object> profile = profiles.profile(userId);
        if (field == null) {
            return profile;
        }
        if (!profile.containsKey(field)) {
            throw MatrixException.notFound("The user has no " + field);
        }
        Map<String, Object> one = new LinkedHashMap<>();
        one.put(field, profile.get(field));
        return one;
    }
}
