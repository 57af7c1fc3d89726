package org.weft.ejb.federation.inbound;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.weft.core.error.MatrixException;
import org.weft.core.event.RoomVersion;
import org.weft.core.event.StateKey;
import org.weft.core.id.ServerName;
import org.weft.core.pdu.InvalidPduException;
import org.weft.core.pdu.JoinResponse;
import org.weft.ejb.events.EventsAside;
import org.weft.ejb.events.RoomState;
import org.weft.ejb.events.StateAtEvent;
import org.weft.ejb.federation.FederationHttp;
import org.weft.ejb.federation.RemoteServerKeys;

/**
 * The state before an event, asked of another server when this server cannot work it out (the
 * states after the event's prev_events are unknown here): {@code GET /state/{roomId}?event_id=}
 * (server-server API, "Retrieving events"). Every event of the answer is checked as those of a
 * {@code send_join} answer are ({@link JoinResponse}: format, signatures, hashes, auth against its
 * own auth events) and kept as an outlier, or as rejected.
 */
@ApplicationScoped
public class RemoteStateAt {

    private static final Logger LOG = Logger.getLogger(RemoteStateAt.class);

    @Inject
    FederationHttp http;

    @Inject
    RemoteServerKeys keys;

    @EJB
    EventsAside aside;

    /**
     * The checked state before the event, or null when the server gave none that can be used: one
     * of another create event than the room's ({@code createEventId}, when this server knows it)
     * is refused, and events this server rejected are left out of it.
     */
    public RoomState fetch(ServerName server, String roomId, RoomVersion version, String eventId, String createEventId) {
        Map<String, Object> answer;
        try {
            answer = http.json("GET", server, "/_matrix/federation/v1/state/" + encode(roomId) + "?event_id="
                    + encode(eventId), null);
        } catch (MatrixException e) {
            LOG.debugf("%s gave no state at %s: %s", server, eventId, e.getMessage());
            return null;
        }
        if (!(answer.get("pdus") instanceof List<?> state) || !(answer.get("auth_chain") instanceof List<?> chain)) {
            return null;
        }
        try {
            JoinResponse.Checked checked = JoinResponse.check(state, chain, roomId, version, keys.forRoom(version),
                    StateAtEvent.RULES);
            if (createEventId != null && !createEventId.equals(checked.state().get(StateKey.of("m.room.create", "")))) {
                LOG.infof("The state %s gave at %s is of another room (its create event)", server, eventId);
                return null;
            }
            aside.storeChecked(checked, "a /state answer");
            Map<StateKey, String> usable = new LinkedHashMap<>(checked.state());
            usable.values().removeIf(aside::isRejected);
            return RoomState.of(usable);
        } catch (InvalidPduException e) {
            LOG.infof("The state %s gave at %s is unusable: %s", server, eventId, e.getMessage());
            return null;
        }
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
