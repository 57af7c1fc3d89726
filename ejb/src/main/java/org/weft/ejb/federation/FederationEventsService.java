package org.weft.ejb.federation;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.Set;
import org.weft.core.error.MatrixException;
import org.weft.core.event.Pdu;
import org.weft.core.event.Redaction;
import org.weft.core.event.RoomVersion;
import org.weft.core.event.StateKey;
import org.weft.core.federation.ServerAcl;
import org.weft.core.id.ServerName;
import org.weft.core.id.UserId;
import org.weft.core.state.AuthChains;
import org.weft.core.state.EventLookup;
import org.weft.ejb.events.EventReader;
import org.weft.ejb.events.RoomState;
import org.weft.ejb.events.StateAtEvent;
import org.weft.ejb.events.StoredEvent;
import org.weft.ejb.rooms.RoomAccess;
import org.weft.persistence.rooms.RoomEntity;

/**
 * Events and state of rooms Weft holds, for other servers (server-server API, "Retrieving
 * events": {@code /event}, {@code /state}, {@code /state_ids}; "Authorization": {@code /event_auth}).
 *
 * <p>A server sees an event when the room's {@code m.room.server_acl} lets it in and, in the state
 * before the event, the history is world-readable or one of its users is joined (invited, when the
 * history is {@code invited}); with {@code shared} history, also when one of its users is joined
 * now. Anything else, and an event of another room, is {@code 403 M_FORBIDDEN} or
 * {@code 404 M_NOT_FOUND} as the spec lists them.
 */
@Stateless
public class FederationEventsService {

    /** The most events one /backfill answer holds. */
    static final int MAX_BACKFILL = 100;

    /** The state at an event and the auth chain of that state. */
    public record StateAt(List<Pdu> state, List<Pdu> authChain) {
    }

    @EJB
    EventReader reader;

    @EJB
    StateAtEvent stateAt;

    @EJB
    RoomAccess rooms;

    @jakarta.inject.Inject
    org.weft.ejb.config.WeftSettings settings;

    /** {@code GET /event/{eventId}}. */
    public Pdu event(ServerName origin, String eventId) {
        StoredEvent stored = known(eventId);
        RoomEntity room = rooms.room(stored.pdu().roomId());
        requireVisible(origin, room, stored);
        return stored.pdu();
    }

    /** {@code GET /state/{roomId}?event_id=} and {@code /state_ids}: the state before the event. */
    public StateAt stateAt(ServerName origin, String roomId, String eventId) {
        StoredEvent stored = inRoom(roomId, eventId);
        RoomEntity room = rooms.room(roomId);
        RoomState before = requireVisible(origin, room, stored);
        List<Pdu> state = pdus(before.entries().values());
        Set<String> chain = new AuthChains(lookup()).ofAll(before.entries().values());
        return new StateAt(state, pdus(chain));
    }

    /** {@code GET /event_auth/{roomId}/{eventId}}: the event's whole auth chain. */
    public List<Pdu> authChain(ServerName origin, String roomId, String eventId) {
        StoredEvent stored = inRoom(roomId, eventId);
        requireVisible(origin, rooms.room(roomId), stored);
        return pdus(new AuthChains(lookup()).of(eventId));
    }

    private StoredEvent known(String eventId) {
        StoredEvent stored = reader.stored(eventId);
        if (stored == null) {
            throw MatrixException.notFound("Unknown event " + eventId);
        }
        return stored;
    }

    private StoredEvent inRoom(String roomId, String eventId) {
        if (eventId == null) {
            throw MatrixException.missingParam("event_id");
        }
        StoredEvent stored = known(eventId);
        if (!roomId.equals(stored.pdu().roomId())) {
            throw MatrixException.notFound("Event " + eventId + " is not in room " + roomId);
        }
        return stored;
    }

    /** Checks the server may see the event; returns the state before it. */
    private RoomState requireVisible(ServerName origin, RoomEntity room, StoredEvent stored) {
        RoomState current = rooms.currentState(room);
        requireAclAllows(current, origin);
        RoomState before = stateBefore(room, stored);
        if (visible(origin, before, current)) {
            return before;
        }
        throw MatrixException.forbidden("No user of " + origin + " may see this event");
    }

    private void requireAclAllows(RoomState current, ServerName origin) {
        String aclId = current.get("m.room.server_acl", "");
        if (aclId != null && !ServerAcl.allows(reader.pdu(aclId).content(), origin)) {
            throw MatrixException.forbidden("The room's server ACL does not admit " + origin);
        }
    }

    private boolean visible(ServerName origin, RoomState before, RoomState current) {
        String visibility = rooms.historyVisibility(before);
        return "world_readable".equals(visibility) || hasMember(before, origin, "join")
                || ("invited".equals(visibility) && hasMember(before, origin, "invite"))
                || ("shared".equals(visibility) && hasMember(current, origin, "join"));
    }

    /**
     * {@code POST /get_missing_events/{roomId}}: "a breadth-first walk of the prev_events for the
     * latest events, ignoring any events in earliest_events and stopping at the limit", here also at
     * {@code weft.federation.missing_events_limit}; events below {@code minDepth}, or that the server
     * may not see, are left out. Oldest first.
     */
    public List<Pdu> missingEvents(ServerName origin, String roomId, List<String> earliest, List<String> latest,
                                   int limit, long minDepth) {
        RoomEntity room = rooms.room(roomId);
        RoomState current = rooms.currentState(room);
        requireAclAllows(current, origin);
        int cap = Math.max(0, Math.min(limit, settings.federation().missingEventsLimit()));
        Set<String> seen = new java.util.HashSet<>(earliest);
        java.util.Deque<String> queue = new java.util.ArrayDeque<>();
        for (String id : latest) {
            StoredEvent stored = reader.stored(id);
            if (stored != null && roomId.equals(stored.pdu().roomId())) {
                seen.add(id);
                queue.addAll(stored.pdu().prevEvents());
            }
        }
        List<Pdu> found = new ArrayList<>();
        // The walk itself is bounded too: a server asking for a room's whole history gets a page.
        int budget = cap * 4;
        while (!queue.isEmpty() && found.size() < cap && budget-- > 0) {
            String id = queue.poll();
            if (!seen.add(id)) {
                continue;
            }
            StoredEvent stored = reader.stored(id);
            if (stored == null || !roomId.equals(stored.pdu().roomId()) || stored.pdu().depth() < minDepth) {
                continue;
            }
            if (visible(origin, stateBefore(room, stored), current)) {
                found.add(stored.pdu());
            }
            queue.addAll(stored.pdu().prevEvents());
        }
        found.sort(java.util.Comparator.comparingLong(Pdu::depth));
        return found;
    }

    /**
     * {@code GET /backfill/{roomId}?v=&limit=}: the events named and those before them, newest
     * first (by depth, walking prev_events), at most {@code limit} and {@value #MAX_BACKFILL} (as
     * Synapse gives). An event the server may not see is given
     * redacted, as Synapse does, so that its walk back stays connected while nothing it may not
     * read leaves this server.
     */
    public List<Map<String, Object>> backfill(ServerName origin, String roomId, List<String> from, int limit) {
        RoomEntity room = rooms.room(roomId);
        RoomState current = rooms.currentState(room);
        requireAclAllows(current, origin);
        RoomVersion version = RoomVersion.recognised(room.getRoomVersion()).orElseThrow();
        int cap = Math.max(0, Math.min(limit, MAX_BACKFILL));
        PriorityQueue<StoredEvent> queue = new PriorityQueue<>(
                Comparator.comparingLong((StoredEvent e) -> e.pdu().depth()).reversed());
        Set<String> seen = new HashSet<>();
        for (String id : from) {
            enqueue(roomId, id, seen, queue);
        }
        List<Map<String, Object>> found = new ArrayList<>();
        while (!queue.isEmpty() && found.size() < cap) {
            StoredEvent next = queue.poll();
            // Unknown state before it (the oldest event of a backfilled batch, say): not shown.
            RoomState before = stateAt.before(version, next.pdu().prevEvents());
            boolean visible = (before != null || next.pdu().prevEvents().isEmpty())
                    && visible(origin, before != null ? before : RoomState.EMPTY, current);
            found.add(visible ? next.pdu().json() : Redaction.redact(next.pdu().json(), version));
            for (String prev : next.pdu().prevEvents()) {
                enqueue(roomId, prev, seen, queue);
            }
        }
        return found;
    }

    private void enqueue(String roomId, String eventId, Set<String> seen, Queue<StoredEvent> queue) {
        if (seen.add(eventId)) {
            StoredEvent stored = reader.stored(eventId);
            if (stored != null && roomId.equals(stored.pdu().roomId())) {
                queue.add(stored);
            }
        }
    }

    /**
     * {@code GET /timestamp_to_event/{roomId}?ts=&dir=}: the event nearest the time from that side
     * that the server may see.
     */
    public Pdu eventAt(ServerName origin, String roomId, long ts, String dir) {
        if (dir == null) {
            throw MatrixException.missingParam("dir");
        }
        boolean forwards = switch (dir) {
            case "f" -> true;
            case "b" -> false;
            default -> throw MatrixException.invalidParam("dir must be 'f' or 'b'");
        };
        RoomEntity room = rooms.room(roomId);
        RoomState current = rooms.currentState(room);
        requireAclAllows(current, origin);
        for (StoredEvent candidate : reader.nearestInTime(roomId, ts, forwards, 50)) {
            if (visible(origin, stateBefore(room, candidate), current)) {
                return candidate.pdu();
            }
        }
        throw MatrixException.notFound("No event found " + (forwards ? "after" : "before") + " " + ts);
    }

    private boolean hasMember(RoomState state, ServerName server, String membership) {
        for (Map.Entry<StateKey, String> entry : state.entries().entrySet()) {
            if (!"m.room.member".equals(entry.getKey().type())) {
                continue;
            }
            try {
                if (UserId.parse(entry.getKey().stateKey()).server().equals(server)
                        && membership.equals(rooms.membershipIn(state, entry.getKey().stateKey()))) {
                    return true;
                }
            } catch (IllegalArgumentException notAUserId) {
                // not a member of anyone's server
            }
        }
        return false;
    }

    /** The state before the event (the states after its prev_events, resolved). */
    private RoomState stateBefore(RoomEntity room, StoredEvent stored) {
        RoomVersion version = RoomVersion.recognised(room.getRoomVersion()).orElseThrow();
        RoomState before = stateAt.before(version, stored.pdu().prevEvents());
        return before != null ? before : RoomState.EMPTY;
    }

    private EventLookup lookup() {
        return stateAt.lookup();
    }

    private List<Pdu> pdus(java.util.Collection<String> eventIds) {
        List<Pdu> pdus = new ArrayList<>(eventIds.size());
        for (String id : eventIds) {
            Pdu pdu = reader.pdu(id);
            if (pdu != null) {
                pdus.add(pdu);
            }
        }
        return pdus;
    }
}
