package org.weft.ejb.rooms;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.weft.core.error.MatrixException;
import org.weft.core.event.RoomVersion;
import org.weft.ejb.events.EventReader;
import org.weft.ejb.events.RoomState;
import org.weft.ejb.events.StateStore;
import org.weft.ejb.events.StoredEvent;
import org.weft.ejb.events.StreamIdGenerator;
import org.weft.ejb.federation.history.RoomBackfill;
import org.weft.ejb.users.Requester;
import org.weft.persistence.rooms.RoomEntity;

/**
 * Reading a room's history (client-server API, GET /rooms/{roomId}/messages, /context/{eventId},
 * GET /_matrix/client/v1/rooms/{roomId}/timestamp_to_event). History visibility filters every
 * event; tokens are stream positions, so they work in both directions. Paging back past the
 * oldest event held of a room joined late fetches its past from other servers (backfill), stored
 * at negative positions.
 */
@Stateless
public class RoomHistoryService {

    private static final Logger LOG = Logger.getLogger(RoomHistoryService.class);

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 1000;

    @EJB
    EventReader reader;

    @EJB
    RoomAccess access;

    @jakarta.inject.Inject
    org.weft.ejb.ephemeral.IgnoredUsers ignoredUsers;

    @EJB
    StateStore states;

    @EJB
    StreamIdGenerator stream;

    @EJB
    RoomEventsService roomEvents;

    @EJB
    RoomBackfill backfill;

    /** GET /rooms/{roomId}/messages. */
    public Map<String, Object> messages(String roomId, Requester requester, String from, String to,
                                        String dir, Integer limit, RoomEventFilter filter) {
        boolean forwards = switch (dir == null ? "" : dir) {
            case "f" -> true;
            case "b" -> false;
            default -> throw MatrixException.invalidParam("dir must be 'f' or 'b'");
        };
        RoomEntity room = access.room(roomId);
        String membership = access.requireReadable(room, requester.userId());
        int max = clamp(limit != null ? limit : filter.limit() != null ? filter.limit() : DEFAULT_LIMIT);
        long start = from != null ? StreamToken.parse(from) : forwards ? beforeOldest(roomId) : stream.currentPosition();
        // Backwards without an end: down to the oldest event, backfilled history (below 0) included.
        long end = to != null ? StreamToken.parse(to) : forwards ? stream.currentPosition() : Long.MIN_VALUE;

        List<StoredEvent> raw = reader.range(roomId, start, end, forwards, max);
        boolean backfilled = !forwards && to == null && raw.size() < max && backfilled(roomId, max - raw.size()) > 0;
        if (backfilled) {
            raw = reader.range(roomId, start, end, forwards, max);
        }
        List<StoredEvent> visible = visible(requester, membership, raw, filter);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("chunk", roomEvents.formatAll(visible, access.version(room), requester));
        body.put("start", StreamToken.of(start));
        // A page that history from another server just extended may not be the last: there may be more to fetch.
        boolean exhausted = raw.size() < max && !backfilled;
        if (!raw.isEmpty() && !(exhausted && !forwards)) {
            StoredEvent last = raw.get(raw.size() - 1);
            body.put("end", StreamToken.of(forwards ? last.streamOrdering() : last.streamOrdering() - 1));
        }
        if (filter.lazyLoadMembers()) {
            body.put("state", memberStateOf(room, visible));
        }
        return body;
    }

    /** GET /rooms/{roomId}/context/{eventId}: the event and up to {@code limit} around it. */
    public Map<String, Object> context(String roomId, Requester requester, String eventId, Integer limit,
                                       RoomEventFilter filter) {
        RoomEntity room = access.room(roomId);
        String membership = access.requireReadable(room, requester.userId());
        StoredEvent event = reader.stored(eventId);
        if (event == null || !roomId.equals(event.pdu().roomId()) || !access.canSee(requester.userId(), event, membership)) {
            throw MatrixException.notFound("Event not found");
        }
        int max = clamp(limit != null ? limit : DEFAULT_LIMIT);
        int before = max / 2;
        int after = max - before;
        List<StoredEvent> rawBefore = reader.range(roomId, event.streamOrdering() - 1, Long.MIN_VALUE, false, before);
        List<StoredEvent> rawAfter = reader.range(roomId, event.streamOrdering(), stream.currentPosition(), true, after);
        RoomVersion version = access.version(room);
        List<StoredEvent> visibleBefore = visible(requester, membership, rawBefore, filter);
        List<StoredEvent> visibleAfter = visible(requester, membership, rawAfter, filter);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", roomEvents.format(event, version, requester));
        body.put("events_before", roomEvents.formatAll(visibleBefore, version, requester));
        body.put("events_after", roomEvents.formatAll(visibleAfter, version, requester));
        long startPos = rawBefore.isEmpty() ? event.streamOrdering() - 1 : rawBefore.get(rawBefore.size() - 1).streamOrdering() - 1;
        long endPos = rawAfter.isEmpty() ? event.streamOrdering() : rawAfter.get(rawAfter.size() - 1).streamOrdering();
        body.put("start", StreamToken.of(Math.max(0, startPos)));
        body.put("end", StreamToken.of(endPos));
        // Spec: the state of the room at the last event returned (returned, so never one the user
        // may not see, such as the state after a former member left).
        StoredEvent last = visibleAfter.isEmpty() ? event : visibleAfter.get(visibleAfter.size() - 1);
        body.put("state", stateEvents(states.load(last.stateGroup()), version, filter.lazyLoadMembers()
                ? sendersOf(visibleBefore, visibleAfter, event) : null));
        return body;
    }

    /** GET /_matrix/client/v1/rooms/{roomId}/timestamp_to_event?ts=&dir=. */
    public Map<String, Object> eventAt(String roomId, Requester requester, long ts, String dir) {
        boolean forwards = switch (dir == null ? "" : dir) {
            case "f" -> true;
            case "b" -> false;
            default -> throw MatrixException.invalidParam("dir must be 'f' or 'b'");
        };
        RoomEntity room = access.room(roomId);
        String membership = access.requireReadable(room, requester.userId());
        for (StoredEvent candidate : reader.nearestInTime(roomId, ts, forwards, 50)) {
            if (access.canSee(requester.userId(), candidate, membership)) {
                return Map.of("event_id", candidate.pdu().eventId(), "origin_server_ts", candidate.pdu().originServerTs());
            }
        }
        throw MatrixException.notFound("No event found " + (forwards ? "after" : "before") + " " + ts);
    }

    /** The position just before the room's oldest event (below 0 when history was backfilled). */
    private long beforeOldest(String roomId) {
        StoredEvent oldest = reader.oldest(roomId);
        return oldest == null ? 0 : Math.min(0, oldest.streamOrdering() - 1);
    }

    /**
     * The room's past asked of other servers, when a client has read all this server holds
     * ({@link RoomBackfill}); a failure there leaves the page as it was.
     */
    private int backfilled(String roomId, int wanted) {
        try {
            return backfill.backfill(roomId, Math.max(wanted, 20));
        } catch (RuntimeException e) {
            LOG.debugf("Backfilling %s failed: %s", roomId, e);
            return 0;
        }
    }

    private List<StoredEvent> visible(Requester requester, String membership, List<StoredEvent> raw,
                                      RoomEventFilter filter) {
        List<StoredEvent> out = new ArrayList<>(raw.size());
        // Ignored users' events stay out of history as of /sync (spec "Ignoring Users"; state kept).
        Set<String> ignored = ignoredUsers.of(requester.userId());
        for (StoredEvent event : raw) {
            if (filter.matches(event.pdu()) && !(ignored.contains(event.pdu().sender()) && !event.pdu().isState())
                    && access.canSee(requester.userId(), event, membership)) {
                out.add(event);
            }
        }
        return out;
    }

    /** lazy_load_members: the current member events of the chunk's senders. */
    private List<Map<String, Object>> memberStateOf(RoomEntity room, List<StoredEvent> chunk) {
        Set<String> senders = new LinkedHashSet<>();
        chunk.forEach(e -> senders.add(e.pdu().sender()));
        return stateEvents(access.currentState(room), access.version(room), senders);
    }

    private List<Map<String, Object>> stateEvents(RoomState state, RoomVersion version, Set<String> onlyMembers) {
        return access.clientState(state, version, onlyMembers);
    }

    private static Set<String> sendersOf(Object... parts) {
        Set<String> senders = new LinkedHashSet<>();
        for (Object part : parts) {
            if (part instanceof StoredEvent e) {
                senders.add(e.pdu().sender());
            } else if (part instanceof List<?> list) {
                list.forEach(e -> senders.add(((StoredEvent) e).pdu().sender()));
            }
        }
        return senders;
    }

    private static int clamp(int limit) {
        return Math.max(1, Math.min(limit, MAX_LIMIT));
    }
}
