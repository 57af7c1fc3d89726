package org.weft.web.rooms;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.weft.core.json.JsonObject;
import org.weft.ejb.rooms.MembershipService;
import org.weft.ejb.rooms.RoomMembersService;
import org.weft.web.auth.Authenticated;
import org.weft.web.auth.CurrentRequester;
import org.weft.web.json.OptionalBody;

/** Changing and listing memberships (client-server API, "Room membership"). */
@Path("/_matrix/client")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class RoomMembershipResource {

    @EJB
    MembershipService membership;

    @EJB
    RoomMembersService members;

    @Inject
    CurrentRequester requester;

    /** {@code POST /_matrix/client/v3/rooms/{roomId}/invite}. */
    @POST
    @Path("/v3/rooms/{roomId}/invite")
    public Map<String, Object> invite(@PathParam("roomId") String roomId, JsonObject body) {
        membership.invite(roomId, requester.get().userId(), body.requireString("user_id"), body.optString("reason"));
        return Map.of();
    }

    /** {@code POST /_matrix/client/v3/rooms/{roomId}/leave}. */
    @POST
    @Path("/v3/rooms/{roomId}/leave")
    public Map<String, Object> leave(@PathParam("roomId") String roomId, @OptionalBody JsonObject body) {
        membership.leave(roomId, requester.get().userId(), body.optString("reason"));
        return Map.of();
    }

    /** {@code POST /_matrix/client/v3/rooms/{roomId}/kick}. */
    @POST
    @Path("/v3/rooms/{roomId}/kick")
    public Map<String, Object> kick(@PathParam("roomId") String roomId, JsonObject body) {
        membership.kick(roomId, requester.get().userId(), body.requireString("user_id"), body.optString("reason"));
        return Map.of();
    }

    /** {@code POST /_matrix/client/v3/rooms/{roomId}/ban}. */
    @POST
    @Path("/v3/rooms/{roomId}/ban")
    public Map<String, Object> ban(@PathParam("roomId") String roomId, JsonObject body) {
        membership.ban(roomId, requester.get().userId(), body.requireString("user_id"), body.optString("reason"));
        return Map.of();
    }

    /** {@code POST /_matrix/client/v3/rooms/{roomId}/unban}. */
    @POST
    @Path("/v3/rooms/{roomId}/unban")
    public Map<String, Object> unban(@PathParam("roomId") String roomId, JsonObject body) {
        membership.unban(roomId, requester.get().userId(), body.requireString("user_id"), body.optString("reason"));
        return Map.of();
    }

    /** {@code POST /_matrix/client/v3/rooms/{roomId}/forget}. */
    @POST
    @Path("/v3/rooms/{roomId}/forget")
    public Map<String, Object> forget(@PathParam("roomId") String roomId) {
        membership.forget(roomId, requester.get().userId());
        return Map.of();
    }

    /** {@code GET /_matrix/client/v3/rooms/{roomId}/members?at=&membership=&not_membership=}. */
    @GET
    @Path("/v3/rooms/{roomId}/members")
    public Map<String, Object> members(@PathParam("roomId") String roomId, @QueryParam("at") String at,
                                       @QueryParam("membership") String only, @QueryParam("not_membership") String not) {
        return Map.of("chunk", members.members(roomId, requester.get().userId(), at, only, not));
    }

    /** {@code GET /_matrix/client/v3/rooms/{roomId}/joined_members}. */
    @GET
    @Path("/v3/rooms/{roomId}/joined_members")
    public Map<String, Object> joinedMembers(@PathParam("roomId") String roomId) {
        return Map.of("joined", members.joinedMembers(roomId, requester.get().userId()));
    }
}
