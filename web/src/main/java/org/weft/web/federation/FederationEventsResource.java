package org.weft.web.federation;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.event.Pdu;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.federation.FederationEventsService;
import org.weft.web.auth.CurrentOrigin;
import org.weft.web.auth.FederationAuthenticated;

/**
 * Events and state for other servers (server-server API, "Retrieving events", "Authorization"):
 * PDUs exactly as signed. Who may see what: {@link FederationEventsService}.
 */
@Path("/_matrix/federation/v1")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@FederationAuthenticated
public class FederationEventsResource {

    /** The most events a /backfill may start from (a server's backward extremities are few). */
    static final int MAX_BACKFILL_FROM = 20;

    @EJB
    FederationEventsService events;

    @Inject
    CurrentOrigin origin;

    @Inject
    WeftSettings settings;

    /** {@code GET /_matrix/federation/v1/event/{eventId}}: a transaction holding the one PDU. */
    @GET
    @Path("/event/{eventId}")
    public Map<String, Object> event(@PathParam("eventId") String eventId) {
        Pdu pdu = events.event(origin.get(), eventId);
        return Map.of("origin", settings.serverName().toString(), "origin_server_ts", System.currentTimeMillis(),
                "pdus", List.of(pdu.json()));
    }

    /** {@code GET /_matrix/federation/v1/state/{roomId}?event_id=}. */
    @GET
    @Path("/state/{roomId}")
    public Map<String, Object> state(@PathParam("roomId") String roomId, @QueryParam("event_id") String eventId) {
        FederationEventsService.StateAt state = events.stateAt(origin.get(), roomId, eventId);
        return Map.of("pdus", state.state().stream().map(Pdu::json).toList(),
                "auth_chain", state.authChain().stream().map(Pdu::json).toList());
    }

    /** {@code GET /_matrix/federation/v1/state_ids/{roomId}?event_id=}. */
    @GET
    @Path("/state_ids/{roomId}")
    public Map<String, Object> stateIds(@PathParam("roomId") String roomId, @QueryParam("event_id") String eventId) {
        FederationEventsService.StateAt state = events.stateAt(origin.get(), roomId, eventId);
        return Map.of("pdu_ids", state.state().stream().map(Pdu::eventId).toList(),
                "auth_chain_ids", state.authChain().stream().map(Pdu::eventId).toList());
    }

    /** {@code GET /_matrix/federation/v1/event_auth/{roomId}/{eventId}}. */
    @GET
    @Path("/event_auth/{roomId}/{eventId}")
    public Map<String, Object> eventAuth(@PathParam("roomId") String roomId, @PathParam("eventId") String eventId) {
        return Map.of("auth_chain", events.authChain(origin.get(), roomId, eventId).stream().map(Pdu::json).toList());
    }

    /**
     * {@code POST /_matrix/federation/v1/get_missing_events/{roomId}} with {@code earliest_events},
     * {@code latest_events}, {@code limit} (10) and {@code min_depth} (0).
     */
    @POST
    @Path("/get_missing_events/{roomId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> missingEvents(@PathParam("roomId") String roomId) {
        if (!(origin.content() instanceof Map<?, ?> body)) {
            throw MatrixException.badJson("The body is an object with earliest_events and latest_events");
        }
        List<String> earliest = eventIds(body.get("earliest_events"), "earliest_events");
        List<String> latest = eventIds(body.get("latest_events"), "latest_events");
        long limit = integer(body.get("limit"), 10, "limit");
        long minDepth = integer(body.get("min_depth"), 0, "min_depth");
        List<Pdu> found = events.missingEvents(origin.get(), roomId, earliest, latest,
                (int) Math.min(Integer.MAX_VALUE, Math.max(0, limit)), minDepth);
        return Map.of("events", found.stream().map(Pdu::json).toList());
    }

    /**
     * {@code GET /_matrix/federation/v1/backfill/{roomId}?v=&limit=}: the events named and those
     * before them, as a transaction.
     */
    @GET
    @Path("/backfill/{roomId}")
    public Map<String, Object> backfill(@PathParam("roomId") String roomId, @QueryParam("v") List<String> from,
                                        @QueryParam("limit") String limit) {
        if (from == null || from.isEmpty()) {
            throw MatrixException.missingParam("v");
        }
        if (from.size() > MAX_BACKFILL_FROM) {
            throw MatrixException.invalidParam("At most " + MAX_BACKFILL_FROM + " events in v");
        }
        List<Map<String, Object>> pdus = events.backfill(origin.get(), roomId, from,
                (int) Math.min(Integer.MAX_VALUE, nonNegative(limit, "limit")));
        return Map.of("origin", settings.serverName().toString(), "origin_server_ts", System.currentTimeMillis(),
                "pdus", pdus);
    }

    /**
     * {@code GET /_matrix/federation/v1/timestamp_to_event/{roomId}?ts=&dir=}: the event nearest
     * the time in that direction that the asking server may see.
     */
    @GET
    @Path("/timestamp_to_event/{roomId}")
    public Map<String, Object> timestampToEvent(@PathParam("roomId") String roomId, @QueryParam("ts") String ts,
                                                @QueryParam("dir") String dir) {
        Pdu found = events.eventAt(origin.get(), roomId, nonNegative(ts, "ts"), dir);
        return Map.of("event_id", found.eventId(), "origin_server_ts", found.originServerTs());
    }

    private static long nonNegative(String value, String name) {
        if (value == null) {
            throw MatrixException.missingParam(name);
        }
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw MatrixException.invalidParam(name + " must be an integer");
        }
        if (parsed < 0) {
            throw MatrixException.invalidParam(name + " must not be negative");
        }
        return parsed;
    }

    private static List<String> eventIds(Object value, String name) {
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw MatrixException.badJson(name + " must be an array of event IDs");
        }
        return list.stream().map(String.class::cast).toList();
    }

    private static long integer(Object value, long otherwise, String name) {
        if (value == null) {
            return otherwise;
        }
        if (value instanceof Long || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        throw MatrixException.badJson(name + " must be an integer");
    }
}
