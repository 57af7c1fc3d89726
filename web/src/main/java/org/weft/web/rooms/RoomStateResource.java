package org.weft.web.rooms;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.weft.core.json.JsonObject;
import org.weft.ejb.rooms.RoomStateService;
import org.weft.web.auth.Authenticated;
import org.weft.web.auth.CurrentRequester;

/** Room state (client-server API, GET /rooms/{roomId}/state, GET/PUT /state/{eventType}/{stateKey}). */
@Path("/_matrix/client")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class RoomStateResource {

    @EJB
    RoomStateService state;

    @Inject
    CurrentRequester requester;

    /** {@code GET /_matrix/client/v3/rooms/{roomId}/state}. */
    @GET
    @Path("/v3/rooms/{roomId}/state")
    public List<Map<String, Object>> all(@PathParam("roomId") String roomId) {
        return state.all(roomId, requester.get().userId());
    }

    /** {@code GET /_matrix/client/v3/rooms/{roomId}/state/{eventType}}: the empty state key. */
    @GET
    @Path("/v3/rooms/{roomId}/state/{eventType}")
    public Map<String, Object> getEmptyKey(@PathParam("roomId") String roomId, @PathParam("eventType") String type,
                                           @QueryParam("format") String format) {
        return get(roomId, type, "", format);
    }

    /** {@code GET /_matrix/client/v3/rooms/{roomId}/state/{eventType}/{stateKey}?format=content|event}. */
    @GET
    @Path("/v3/rooms/{roomId}/state/{eventType}/{stateKey}")
    public Map<String, Object> get(@PathParam("roomId") String roomId, @PathParam("eventType") String type,
                                   @PathParam("stateKey") String stateKey, @QueryParam("format") String format) {
        if ("event".equals(format)) {
            return state.oneAsEvent(roomId, requester.get().userId(), type, stateKey);
        }
        return state.one(roomId, requester.get().userId(), type, stateKey);
    }

    /** {@code PUT /_matrix/client/v3/rooms/{roomId}/state/{eventType}}: the empty state key. */
    @PUT
    @Path("/v3/rooms/{roomId}/state/{eventType}")
    public Map<String, Object> putEmptyKey(@PathParam("roomId") String roomId, @PathParam("eventType") String type,
                                           JsonObject content) {
        return put(roomId, type, "", content);
    }

    /** {@code PUT /_matrix/client/v3/rooms/{roomId}/state/{eventType}/{stateKey}}. */
    @PUT
    @Path("/v3/rooms/{roomId}/state/{eventType}/{stateKey}")
    public Map<String, Object> put(@PathParam("roomId") String roomId, @PathParam("eventType") String type,
                                   @PathParam("stateKey") String stateKey, JsonObject content) {
        return Map.of("event_id", state.put(roomId, requester.get().userId(), type, stateKey, content.map()));
    }
}
