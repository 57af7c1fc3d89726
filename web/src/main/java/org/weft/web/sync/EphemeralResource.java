package org.weft.web.sync;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.json.JsonObject;
import org.weft.ejb.ephemeral.PresenceService;
import org.weft.ejb.ephemeral.ReceiptService;
import org.weft.ejb.ephemeral.TypingService;
import org.weft.web.auth.Authenticated;
import org.weft.web.auth.CurrentRequester;
import org.weft.web.json.OptionalBody;

/** Typing, presence, receipts and read markers ("Typing Notifications", "Presence", "Receipts", "Fully read markers"). */
@Path("/_matrix/client")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class EphemeralResource {

    @EJB
    TypingService typing;

    @EJB
    ReceiptService receipts;

    @EJB
    PresenceService presence;

    @Inject
    CurrentRequester requester;

    private static final long DEFAULT_TYPING_TIMEOUT_MS = 30_000;

    /** {@code PUT /_matrix/client/v3/rooms/{roomId}/typing/{userId}}. */
    @PUT
    @Path("/v3/rooms/{roomId}/typing/{userId}")
    public Map<String, Object> typing(@PathParam("roomId") String roomId, @PathParam("userId") String userId,
                                      JsonObject body) {
        String self = requester.self(userId).userId();
        if (!(body.get("typing") instanceof Boolean isTyping)) {
            throw body.has("typing") ? MatrixException.badJson("typing must be a boolean") : MatrixException.missingParam("typing");
        }
        Long timeout = body.optLong("timeout");
        // The spec shows a timeout with typing=true but does not require one; without it, the
        // usual 30 s (Synapse's default too) rather than refusing a client that leaves it out.
        typing.set(roomId, self, isTyping, isTyping ? (timeout == null ? DEFAULT_TYPING_TIMEOUT_MS : timeout) : 0);
        return Map.of();
    }

    /** {@code GET /_matrix/client/v3/presence/{userId}/status}. */
    @GET
    @Path("/v3/presence/{userId}/status")
    public Map<String, Object> presence(@PathParam("userId") String userId) {
        return presence.status(requester.get().userId(), userId);
    }

    /** {@code PUT /_matrix/client/v3/presence/{userId}/status}. */
    @PUT
    @Path("/v3/presence/{userId}/status")
    public Map<String, Object> setPresence(@PathParam("userId") String userId, JsonObject body) {
        String self = requester.self(userId).userId();
        Object state = body.get("presence");
        if (state == null) {
            throw MatrixException.missingParam("presence");
        }
        Object message = body.get("status_msg");
        if (!(state instanceof String) || (message != null && !(message instanceof String))) {
            throw MatrixException.badJson("presence and status_msg must be strings");
        }
        presence.set(self, (String) state, (String) message);
        return Map.of();
    }

    /** {@code POST /_matrix/client/v3/rooms/{roomId}/receipt/{receiptType}/{eventId}}. */
    @POST
    @Path("/v3/rooms/{roomId}/receipt/{receiptType}/{eventId}")
    public Map<String, Object> receipt(@PathParam("roomId") String roomId, @PathParam("receiptType") String type,
                                       @PathParam("eventId") String eventId, @OptionalBody JsonObject body) {
        Object thread = body.get("thread_id");
        if (thread != null && !(thread instanceof String)) {
            throw MatrixException.invalidParam("thread_id must be a non-empty string");
        }
        receipts.receipt(roomId, requester.get().userId(), type, eventId, (String) thread);
        return Map.of();
    }

    /** {@code POST /_matrix/client/v3/rooms/{roomId}/read_markers}. */
    @POST
    @Path("/v3/rooms/{roomId}/read_markers")
    public Map<String, Object> readMarkers(@PathParam("roomId") String roomId, JsonObject body) {
        receipts.markers(roomId, requester.get().userId(), body.optString("m.fully_read"), body.optString("m.read"),
                body.optString("m.read.private"));
        return Map.of();
    }
}
