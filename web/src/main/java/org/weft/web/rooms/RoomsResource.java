package org.weft.web.rooms;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.json.JsonObject;
import org.weft.ejb.rooms.CreateRoomRequest;
import org.weft.ejb.rooms.MembershipService;
import org.weft.ejb.rooms.RoomCreationService;
import org.weft.ejb.rooms.RoomUpgradeService;
import org.weft.web.auth.Authenticated;
import org.weft.web.auth.CurrentRequester;
import org.weft.web.json.OptionalBody;

/** Room creation, joining and the user's rooms (client-server API, "Creation", "Joining rooms"). */
@Path("/_matrix/client")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class RoomsResource {

    @EJB
    RoomCreationService creation;

    @EJB
    MembershipService membership;

    @EJB
    RoomUpgradeService upgrades;

    @Inject
    CurrentRequester requester;

    /** {@code POST /_matrix/client/v3/createRoom}. */
    @POST
    @Path("/v3/createRoom")
    public Map<String, Object> createRoom(JsonObject body) {
        List<CreateRoomRequest.InitialStateEvent> initialState = new ArrayList<>();
        List<Object> states = body.optList("initial_state");
        if (states != null) {
            for (Object item : states) {
                if (!(item instanceof Map<?, ?>)) {
                    throw MatrixException.badJson("initial_state entries must be objects");
                }
                @SuppressWarnings("unchecked")
                JsonObject state = JsonObject.of((Map<String, Object>) item);
                String stateKey = state.optString("state_key");
                initialState.add(new CreateRoomRequest.InitialStateEvent(state.requireString("type"),
                        stateKey == null ? "" : stateKey, state.requireObject("content").map()));
            }
        }
        List<String> invite = body.optStringList("invite");
        JsonObject plOverride = body.optObject("power_level_content_override");
        JsonObject creationContent = body.optObject("creation_content");
        String roomId = creation.create(requester.get().userId(), new CreateRoomRequest(
                body.optString("visibility"), body.optString("room_alias_name"), body.optString("name"),
                body.optString("topic"), invite == null ? List.of() : invite, body.optString("preset"), initialState,
                plOverride == null ? null : plOverride.map(), creationContent == null ? null : creationContent.map(),
                body.optString("room_version"), body.optBoolean("is_direct", false)));
        return Map.of("room_id", roomId);
    }

    /** {@code POST /_matrix/client/v3/join/{roomIdOrAlias}}. */
    @POST
    @Path("/v3/join/{roomIdOrAlias}")
    public Map<String, Object> join(@PathParam("roomIdOrAlias") String roomIdOrAlias,
                                    @QueryParam("via") List<String> via, @QueryParam("server_name") List<String> serverName,
                                    @OptionalBody JsonObject body) {
        // server_name: the name before spec v1.12; both may come, via first.
        List<String> servers = new java.util.ArrayList<>(via);
        servers.addAll(serverName);
        return Map.of("room_id", membership.join(roomIdOrAlias, requester.get().userId(), body.optString("reason"), servers));
    }

    /** {@code POST /_matrix/client/v3/rooms/{roomId}/join}. */
    @POST
    @Path("/v3/rooms/{roomId}/join")
    public Map<String, Object> joinRoom(@PathParam("roomId") String roomId, @OptionalBody JsonObject body) {
        return Map.of("room_id", membership.join(roomId, requester.get().userId(), body.optString("reason")));
    }

    /** {@code POST /_matrix/client/v3/knock/{roomIdOrAlias}}. */
    @POST
    @Path("/v3/knock/{roomIdOrAlias}")
    public Map<String, Object> knock(@PathParam("roomIdOrAlias") String roomIdOrAlias,
                                     @QueryParam("via") List<String> via, @QueryParam("server_name") List<String> serverName,
                                     @OptionalBody JsonObject body) {
        List<String> servers = new ArrayList<>(via);
        servers.addAll(serverName);
        return Map.of("room_id", membership.knock(roomIdOrAlias, requester.get().userId(), body.optString("reason"), servers));
    }

    /** {@code POST /_matrix/client/v3/rooms/{roomId}/upgrade}. */
    @POST
    @Path("/v3/rooms/{roomId}/upgrade")
    public Map<String, Object> upgrade(@PathParam("roomId") String roomId, JsonObject body) {
        return Map.of("replacement_room", upgrades.upgrade(roomId, requester.get().userId(),
                body.requireString("new_version")));
    }

    /** {@code GET /_matrix/client/v3/joined_rooms}. */
    @GET
    @Path("/v3/joined_rooms")
    public Map<String, Object> joinedRooms() {
        return Map.of("joined_rooms", membership.joinedRooms(requester.get().userId()));
    }
}
