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
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.json.JsonObject;
import org.weft.ejb.rooms.RoomEventFilter;
import org.weft.ejb.rooms.RoomEventsService;
import org.weft.ejb.rooms.RoomHistoryService;
import org.weft.web.auth.Authenticated;
import org.weft.web.auth.CurrentRequester;
import org.weft.web.json.OptionalBody;
import org.weft.web.http.NumberParams;

/**
 * Sending and reading room events (client-server API, "Sending events to a room", "Redactions",
 * "Getting events for a room", "Room history", timestamp_to_event).
 */
@Path("/_matrix/client")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class RoomEventsResource {

    @EJB
    RoomEventsService events;

    @EJB
    RoomHistoryService history;

    @Inject
    CurrentRequester requester;

    /** {@code PUT /_matrix/client/v3/rooms/{roomId}/send/{eventType}/{txnId}}. */
    @PUT
    @Path("/v3/rooms/{roomId}/send/{eventType}/{txnId}")
    public Map<String, Object> send(@PathParam("roomId") String roomId, @PathParam("eventType") String type,
                                    @PathParam("txnId") String txnId, JsonObject content) {
        return Map.of("event_id", events.send(roomId, requester.get(), type, txnId, content.map()));
    }

    /** {@code PUT /_matrix/client/v3/rooms/{roomId}/redact/{eventId}/{txnId}}. */
    @PUT
    @Path("/v3/rooms/{roomId}/redact/{eventId}/{txnId}")
    public Map<String, Object> redact(@PathParam("roomId") String roomId, @PathParam("eventId") String eventId,
                                      @PathParam("txnId") String txnId, @OptionalBody JsonObject body) {
        return Map.of("event_id", events.redact(roomId, requester.get(), eventId, txnId, body.optString("reason")));
    }

    /** {@code GET /_matrix/client/v3/rooms/{roomId}/event/{eventId}}. */
    @GET
    @Path("/v3/rooms/{roomId}/event/{eventId}")
    public Map<String, Object> event(@PathParam("roomId") String roomId, @PathParam("eventId") String eventId) {
        return events.event(roomId, requester.get(), eventId);
    }

    /** {@code GET /_matrix/client/v3/rooms/{roomId}/messages?from=&to=&dir=&limit=&filter=}. */
    @GET
    @Path("/v3/rooms/{roomId}/messages")
    public Map<String, Object> messages(@PathParam("roomId") String roomId, @QueryParam("from") String from,
                                        @QueryParam("to") String to, @QueryParam("dir") String dir,
                                        @QueryParam("limit") String limit, @QueryParam("filter") String filter) {
        return history.messages(roomId, requester.get(), from, to, dir, NumberParams.nonNegativeAtMost(limit, "limit", Integer.MAX_VALUE), filter(filter));
    }

    /** {@code GET /_matrix/client/v3/rooms/{roomId}/context/{eventId}?limit=&filter=}. */
    @GET
    @Path("/v3/rooms/{roomId}/context/{eventId}")
    public Map<String, Object> context(@PathParam("roomId") String roomId, @PathParam("eventId") String eventId,
                                       @QueryParam("limit") String limit, @QueryParam("filter") String filter) {
        return history.context(roomId, requester.get(), eventId, NumberParams.nonNegativeAtMost(limit, "limit", Integer.MAX_VALUE), filter(filter));
    }

    /** {@code GET /_matrix/client/v1/rooms/{roomId}/timestamp_to_event?ts=&dir=}. */
    @GET
    @Path("/v1/rooms/{roomId}/timestamp_to_event")
    public Map<String, Object> timestampToEvent(@PathParam("roomId") String roomId, @QueryParam("ts") String ts,
                                                @QueryParam("dir") String dir) {
        Long at = NumberParams.optional(ts, "ts");
        if (at == null) {
            throw MatrixException.missingParam("ts");
        }
        if (dir == null) {
            throw MatrixException.missingParam("dir");
        }
        return history.eventAt(roomId, requester.get(), at, dir);
    }

    private static RoomEventFilter filter(String filter) {
        if (filter == null || filter.isBlank()) {
            return RoomEventFilter.NONE;
        }
        if (!filter.trim().startsWith("{")) {
            throw MatrixException.invalidParam("Stored filter IDs are not supported yet; send the filter as JSON");
        }
        try {
            return RoomEventFilter.parse(JsonObject.parseBody(filter));
        } catch (MatrixException e) {
            throw MatrixException.invalidParam("Invalid filter: " + e.getMessage());
        }
    }
}
