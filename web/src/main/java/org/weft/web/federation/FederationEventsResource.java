package org.weft.web.federation;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
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
}
