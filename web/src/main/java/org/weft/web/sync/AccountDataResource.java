package org.weft.web.sync;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.weft.core.json.JsonObject;
import org.weft.ejb.ephemeral.AccountDataService;
import org.weft.web.auth.Authenticated;
import org.weft.web.auth.CurrentRequester;

/** Account data, global and per room, and room tags ("Client Config", "Room Tagging"). */
@Path("/_matrix/client")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class AccountDataResource {

    @EJB
    AccountDataService accountData;

    @Inject
    CurrentRequester requester;

    /** {@code GET /_matrix/client/v3/user/{userId}/account_data/{type}}. */
    @GET
    @Path("/v3/user/{userId}/account_data/{type}")
    public Map<String, Object> get(@PathParam("userId") String userId, @PathParam("type") String type) {
        return accountData.get(requester.self(userId).userId(), null, type);
    }

    /** {@code PUT /_matrix/client/v3/user/{userId}/account_data/{type}}. */
    @PUT
    @Path("/v3/user/{userId}/account_data/{type}")
    public Map<String, Object> put(@PathParam("userId") String userId, @PathParam("type") String type, JsonObject body) {
        accountData.putByClient(requester.self(userId).userId(), null, type, body.map());
        return Map.of();
    }

    /** {@code GET /_matrix/client/v3/user/{userId}/rooms/{roomId}/account_data/{type}}. */
    @GET
    @Path("/v3/user/{userId}/rooms/{roomId}/account_data/{type}")
    public Map<String, Object> getRoom(@PathParam("userId") String userId, @PathParam("roomId") String roomId,
                                       @PathParam("type") String type) {
        return accountData.get(requester.self(userId).userId(), roomId, type);
    }

    /** {@code PUT /_matrix/client/v3/user/{userId}/rooms/{roomId}/account_data/{type}}. */
    @PUT
    @Path("/v3/user/{userId}/rooms/{roomId}/account_data/{type}")
    public Map<String, Object> putRoom(@PathParam("userId") String userId, @PathParam("roomId") String roomId,
                                       @PathParam("type") String type, JsonObject body) {
        accountData.putByClient(requester.self(userId).userId(), roomId, type, body.map());
        return Map.of();
    }

    /** {@code GET /_matrix/client/v3/user/{userId}/rooms/{roomId}/tags}. */
    @GET
    @Path("/v3/user/{userId}/rooms/{roomId}/tags")
    public Map<String, Object> tags(@PathParam("userId") String userId, @PathParam("roomId") String roomId) {
        return accountData.tags(requester.self(userId).userId(), roomId);
    }

    /** {@code PUT /_matrix/client/v3/user/{userId}/rooms/{roomId}/tags/{tag}}. */
    @PUT
    @Path("/v3/user/{userId}/rooms/{roomId}/tags/{tag}")
    public Map<String, Object> putTag(@PathParam("userId") String userId, @PathParam("roomId") String roomId,
                                      @PathParam("tag") String tag, JsonObject body) {
        accountData.tag(requester.self(userId).userId(), roomId, tag, body.map());
        return Map.of();
    }

    /** {@code DELETE /_matrix/client/v3/user/{userId}/rooms/{roomId}/tags/{tag}}. */
    @DELETE
    @Path("/v3/user/{userId}/rooms/{roomId}/tags/{tag}")
    public Map<String, Object> deleteTag(@PathParam("userId") String userId, @PathParam("roomId") String roomId,
                                         @PathParam("tag") String tag) {
        accountData.tag(requester.self(userId).userId(), roomId, tag, null);
        return Map.of();
    }
}
