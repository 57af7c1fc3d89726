package org.weft.ejb.federation.inbound;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.weft.core.error.MatrixException;
import org.weft.core.event.Pdu;
import org.weft.core.id.ServerName;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.federation.FederationHttp;
import org.weft.persistence.rooms.RoomEntity;

/**
 * Fills a gap in a room's graph before an event is judged (server-server API, "Retrieving missing
 * events": {@code POST /_matrix/federation/v1/get_missing_events/{roomId}}): the events between our
 * forward extremities and the new event, asked of the server that sent it, at most
 * {@code weft.federation.missing_events_limit} of them. A gap wider than that leaves the event's
 * state unknown; the event is then refused (not rejected), so a later transaction can bring it.
 */
@ApplicationScoped
public class MissingEvents {

    private static final Logger LOG = Logger.getLogger(MissingEvents.class);

    @Inject
    FederationHttp http;

    @Inject
    WeftSettings settings;

    /** The missing events as the server sent them (unchecked JSON), or none when it cannot say. */
    public List<Map<String, Object>> fetch(ServerName origin, RoomEntity room, Pdu pdu) {
        int limit = settings.federation().missingEventsLimit();
        Map<String, Object> request = Map.of("earliest_events", room.getForwardExtremities(),
                "latest_events", List.of(pdu.eventId()), "limit", limit, "min_depth", 0);
        String path = "/_matrix/federation/v1/get_missing_events/" + URLEncoder.encode(room.getRoomId(), StandardCharsets.UTF_8);
        List<Map<String, Object>> events = new ArrayList<>();
        try {
            if (http.json("POST", origin, path, request).get("events") instanceof List<?> list) {
                for (Object item : list) {
                    if (events.size() >= limit) {
                        break;
                    }
                    if (item instanceof Map<?, ?> map) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> event = (Map<String, Object>) map;
                        events.add(event);
                    }
                }
            }
        } catch (MatrixException e) {
            LOG.debugf("get_missing_events for %s from %s failed: %s", pdu.eventId(), origin, e.getMessage());
        }
        return events;
    }
}
