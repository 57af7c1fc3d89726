package org.weft.web.rooms;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.id.ServerName;
import org.weft.core.json.JsonObject;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.federation.RemoteDirectory;
import org.weft.ejb.rooms.AliasService;
import org.weft.ejb.rooms.DirectoryService;
import org.weft.ejb.rooms.RoomAccess;
import org.weft.web.auth.Authenticated;
import org.weft.web.auth.CurrentRequester;
import org.weft.web.json.OptionalBody;
import org.weft.web.http.NumberParams;

/**
 * Room aliases and the room directory (client-server API, "Room aliases", "Listing rooms").
 */
@Path("/_matrix/client")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DirectoryResource {

    @EJB
    AliasService aliases;

    @EJB
    DirectoryService directory;

    @EJB
    RoomAccess access;

    @Inject
    WeftSettings settings;

    @Inject
    RemoteDirectory remoteDirectory;

    @Inject
    CurrentRequester requester;

    /** {@code PUT /_matrix/client/v3/directory/room/{roomAlias}}. */
    @PUT
    @Path("/v3/directory/room/{roomAlias}")
    @Authenticated
    public Map<String, Object> putAlias(@PathParam("roomAlias") String alias, JsonObject body) {
        aliases.put(alias, body.requireString("room_id"), requester.get());
        return Map.of();
    }

    /** {@code GET /_matrix/client/v3/directory/room/{roomAlias}}: no authentication needed. */
    @GET
    @Path("/v3/directory/room/{roomAlias}")
    public Map<String, Object> getAlias(@PathParam("roomAlias") String alias) {
        org.weft.ejb.federation.RemoteDirectory.Target target = aliases.target(alias);
        return Map.of("room_id", target.roomId(), "servers", target.servers());
    }

    /** {@code DELETE /_matrix/client/v3/directory/room/{roomAlias}}. */
    @DELETE
    @Path("/v3/directory/room/{roomAlias}")
    @Authenticated
    public Map<String, Object> deleteAlias(@PathParam("roomAlias") String alias) {
        aliases.delete(alias, requester.get());
        return Map.of();
    }

    /** {@code GET /_matrix/client/v3/rooms/{roomId}/aliases}: for members (or anyone if world-readable). */
    @GET
    @Path("/v3/rooms/{roomId}/aliases")
    @Authenticated
    public Map<String, Object> roomAliases(@PathParam("roomId") String roomId) {
        // Spec: for users in the room, or anyone when the room is world-readable.
        var room = access.room(roomId);
        boolean worldReadable = "world_readable".equals(access.historyVisibility(access.currentState(room)));
        if (!worldReadable) {
            access.requireJoined(roomId, requester.get().userId());
        }
        return Map.of("aliases", aliases.list(roomId));
    }

    /** {@code GET /_matrix/client/v3/directory/list/room/{roomId}}. */
    @GET
    @Path("/v3/directory/list/room/{roomId}")
    public Map<String, Object> visibility(@PathParam("roomId") String roomId) {
        return Map.of("visibility", directory.visibility(roomId));
    }

    /** {@code PUT /_matrix/client/v3/directory/list/room/{roomId}}. */
    @PUT
    @Path("/v3/directory/list/room/{roomId}")
    @Authenticated
    public Map<String, Object> setVisibility(@PathParam("roomId") String roomId, JsonObject body) {
        directory.setVisibility(roomId, requester.get(), body.requireString("visibility"));
        return Map.of();
    }

    /** {@code GET /_matrix/client/v3/publicRooms?limit=&since=&server=}: another server's directory is asked of it. */
    @GET
    @Path("/v3/publicRooms")
    public Map<String, Object> publicRooms(@QueryParam("limit") String limit, @QueryParam("since") String since,
                                           @QueryParam("server") String server) {
        Integer max = NumberParams.nonNegativeAtMost(limit, "limit", 1000);
        ServerName remote = remoteServer(server);
        return remote == null ? directory.publicRooms(max, since, null, null)
                : remoteDirectory.publicRooms(remote, max, since, null, null);
    }

    /** {@code POST /_matrix/client/v3/publicRooms?server=}: with filter.generic_search_term and filter.room_types. */
    @POST
    @Path("/v3/publicRooms")
    @Authenticated
    public Map<String, Object> searchPublicRooms(@QueryParam("server") String server, @OptionalBody JsonObject body) {
        JsonObject filter = body.optObject("filter");
        Long limit = body.optLong("limit");
        Integer max = limit == null ? null : (int) Math.max(0, Math.min(limit, 1000));
        String term = filter == null ? null : filter.optString("generic_search_term");
        List<Object> roomTypes = filter == null ? null : filter.optList("room_types");
        ServerName remote = remoteServer(server);
        return remote == null ? directory.publicRooms(max, body.optString("since"), term, roomTypes)
                : remoteDirectory.publicRooms(remote, max, body.optString("since"), term, roomTypes);
    }

    /** The server named by {@code server=}, or null for this one (or none named). */
    private ServerName remoteServer(String server) {
        if (server == null || server.equals(settings.serverName().toString())) {
            return null;
        }
        try {
            return ServerName.parse(server);
        } catch (IllegalArgumentException e) {
            throw MatrixException.invalidParam("server is not a server name");
        }
    }
}
