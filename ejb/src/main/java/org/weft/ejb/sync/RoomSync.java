package org.weft.ejb.sync;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.weft.core.event.RoomVersion;
import org.weft.core.event.StateKey;
import org.weft.ejb.ephemeral.EphemeralQueries;
import org.weft.ejb.events.EventReader;
import org.weft.ejb.events.RoomState;
import org.weft.ejb.events.StateStore;
import org.weft.ejb.events.StrippedState;
import org.weft.ejb.events.StoredEvent;
import org.weft.ejb.push.PushActionStore;
import org.weft.ejb.rooms.ClientEvents;
import org.weft.ejb.rooms.RoomAccess;
import org.weft.ejb.rooms.RoomEventFilter;
import org.weft.ejb.rooms.RoomEventsService;
import org.weft.ejb.rooms.StreamToken;
import org.weft.persistence.rooms.RoomEntity;

/**
 * The per-room sections of a sync response (client-server API, "Syncing", GET /sync: Joined Room,
 * Invited Room, Left Room): the timeline since the token, limited with a prev_batch when the gap is
 * larger than the filter's limit; the state between the token and the timeline's start; ephemeral
 * events; the room's account data; the summary.
 */
@Stateless
public class RoomSync {

    @EJB
    EventReader reader;

    @EJB
    org.weft.ejb.events.InviteStates inviteStates;

    @EJB
    StateStore states;

    @EJB
    RoomAccess access;

    @EJB
    RoomEventsService roomEvents;

    @EJB
    EphemeralQueries ephemeral;

    @Inject
    LazyMembersSent lazySent;

    @Inject
    SyncMemberships memberships;

    @Inject
    PushActionStore pushActions;

    @Inject
    UnreadBaseline unreadBaseline;

    /**
     * What the sections of all joined rooms of one sync need from the database, read at once.
     *
     * @param receipts each room's m.receipt content since its token (rooms without are absent)
     * @param counts   member counts of the rooms sent whole (rooms without members are absent)
     * @param txnIds   whether the device has sent events with transaction IDs (a new device has not)
     */
    public record Batch(Map<String, Map<String, Object>> receipts, Map<String, SyncMemberships.MemberCounts> counts,
                        boolean txnIds) {
    }

    /**
     * A joined room's section, or null when nothing in it changed since the token.
     *
     * @param since       the stream position of the token, or null when the room is new to the client
     *                    (initial sync, a join since the token, or full_state)
     * @param accountData the room's account data changed since the token
     */
    public Map<String, Object> joined(SyncRequest request, String roomId, Long since, long upTo, SyncToken sinceToken,
                                      List<Map<String, Object>> accountData, Batch batch) {
        RoomEntity room = access.room(roomId);
        RoomVersion version = access.version(room);
        String userId = request.requester().userId();
        Timeline timeline = timeline(request, roomId, version, since == null ? 0 : since, upTo, "join", batch.txnIds());

        RoomState atStart = timeline.stateBefore() != null ? timeline.stateBefore()
                : stateBefore(roomId, timeline.firstPosition(upTo));
        List<Map<String, Object>> state;
        if (since == null || request.fullState()) {
            state = stateEvents(atStart, null, version, request.filter().lazyLoadMembers() ? timeline.senders(userId) : null);
        } else if (timeline.limited()) {
            // The events between the token and the timeline's start are skipped: send their net state change.
            state = stateEvents(atStart, stateAt(roomId, since), version, null);
        } else {
            state = new ArrayList<>();
        }
        if (request.filter().lazyLoadMembers()) {
            lazyMembers(request, roomId, atStart, timeline, state, version, since == null || request.fullState());
        }
        state = stateOut(request, state, version);

        List<Map<String, Object>> ephemeralEvents = request.filter().ephemeral()
                ? ephemeral.roomEvents(roomId, since == null ? null : sinceToken, batch.receipts().getOrDefault(roomId, Map.of()))
                : List.of();
        if (since != null && timeline.events().isEmpty() && state.isEmpty() && ephemeralEvents.isEmpty()
                && accountData.isEmpty() && !request.fullState()) {
            return null;
        }
        Map<String, Object> section = section(timeline.json(), state, ephemeralEvents, accountData);
        // Spec: the summary may be left out when it did not change; it changes only with membership.
        if (since == null || request.fullState() || timeline.events().stream().anyMatch(e -> "m.room.member".equals(e.pdu().type()))
                || !state.isEmpty()) {
            section.put("summary", summary(room, userId, since == null ? batch.counts().get(roomId) : null));
        }
        PushActionStore.Unread unread = pushActions.unread(userId, roomId, upTo);
        unreadBaseline.remember(userId, roomId, unread, upTo);
        UnreadNotifications.put(section, unread, request.filter().timeline().unreadThreadNotifications());
        return section;
    }

    /** State events the state filter lets through, as the filter's event_format and event_fields ask. */
    private List<Map<String, Object>> stateOut(SyncRequest request, List<Map<String, Object>> events, RoomVersion version) {
        SyncFilter filter = request.filter();
        boolean filtered = !filter.state().equals(RoomEventFilter.NONE) && !events.isEmpty();
        if (!filtered && !filter.reshapesEvents()) {
            return events;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> event : events) {
            var pdu = reader.pdu((String) event.get("event_id"));
            if (filter.state().matches(pdu)) {
                out.add(filter.present(event, pdu, version));
            }
        }
        return out;
    }

    /** A joined room's section without its summary and counts (those follow, when sent). */
    static Map<String, Object> section(Map<String, Object> timeline, List<Map<String, Object>> state,
                                       List<Map<String, Object>> ephemeral, List<Map<String, Object>> accountData) {
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("timeline", timeline);
        section.put("state", Map.of("events", state));
        section.put("ephemeral", Map.of("events", ephemeral));
        section.put("account_data", Map.of("events", accountData));
        return section;
    }

    static Map<String, Object> timelineJson(List<Map<String, Object>> events, boolean limited, long prevBatch) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("events", events);
        json.put("limited", limited);
        json.put("prev_batch", StreamToken.of(prevBatch));
        return json;
    }

    /**
     * Lazy-loading: adds the memberships of the timeline's senders that the device was not sent
     * yet (all of them with include_redundant_members), and notes what it now has.
     */
    private void lazyMembers(SyncRequest request, String roomId, RoomState atStart, Timeline timeline,
                             List<Map<String, Object>> state, RoomVersion version, boolean whole) {
        Set<String> included = new HashSet<>();
        for (Map<String, Object> event : state) {
            if ("m.room.member".equals(event.get("type"))) {
                included.add((String) event.get("event_id"));
            }
        }
        if (!whole) {
            Set<String> senders = new HashSet<>();
            timeline.events().forEach(e -> senders.add(e.pdu().sender()));
            for (String sender : senders) {
                String memberId = atStart.get("m.room.member", sender);
                if (memberId != null && !included.contains(memberId) && (request.filter().includeRedundantMembers()
                        || !lazySent.wasSent(request.requester(), roomId, memberId))) {
                    state.add(ClientEvents.withoutRoomId(access.clientEvent(memberId, version)));
                    included.add(memberId);
                }
            }
        }
        timeline.events().stream().filter(e -> "m.room.member".equals(e.pdu().type()))
                .forEach(e -> included.add(e.pdu().eventId()));
        lazySent.sent(request.requester(), roomId, included);
    }

    /** A room the user left (or was kicked or banned from) since the token: the timeline up to the leave. */
    public Map<String, Object> left(SyncRequest request, String roomId, Long since, long leavePosition) {
        RoomVersion version = access.version(access.room(roomId));
        Timeline timeline = timeline(request, roomId, version, since == null ? 0 : since, leavePosition, "leave", true);
        List<Map<String, Object>> state = since == null ? stateEvents(timeline.stateBefore() != null ? timeline.stateBefore()
                : stateBefore(roomId, timeline.firstPosition(leavePosition)), null, version, null) : List.of();
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("timeline", timeline.json());
        section.put("state", Map.of("events", stateOut(request, state, version)));
        section.put("account_data", Map.of("events", List.of()));
        return section;
    }

    /** The sender of an event (who invited the user, for their invite), or null when it is unknown. */
    public String senderOf(String eventId) {
        var pdu = eventId == null ? null : reader.pdu(eventId);
        return pdu == null ? null : pdu.sender();
    }

    /**
     * An invited (or knocking) room: stripped state, the user's own membership event included. An
     * invite from another server shows what that server sent with it ({@code invite_room_state}).
     */
    public Map<String, Object> stripped(String roomId, String userId, String key) {
        RoomState current = access.currentState(access.room(roomId));
        String member = current.get("m.room.member", userId);
        List<Map<String, Object>> sent = member == null ? null : inviteStates.find(member);
        List<Map<String, Object>> events;
        if (sent != null) {
            events = new ArrayList<>(sent);
            events.removeIf(e -> "m.room.member".equals(e.get("type")) && userId.equals(e.get("state_key")));
            events.add(StrippedState.strip(reader.pdu(member)));
        } else {
            events = StrippedState.of(current, reader::pdu, userId);
        }
        return Map.of(key, Map.of("events", events));
    }

    /**
     * A room's timeline in a sync.
     *
     * @param stateBefore the room's state just before the first event of {@code events}, when the
     *                    timeline query already told it; null when it must be read
     */
    private record Timeline(List<StoredEvent> events, List<Map<String, Object>> formatted, boolean limited,
                            long prevBatch, RoomState stateBefore) {

        long firstPosition(long upTo) {
            return events.isEmpty() ? upTo + 1 : events.get(0).streamOrdering();
        }

        Set<String> senders(String userId) {
            Set<String> senders = new HashSet<>();
            senders.add(userId);
            events.forEach(e -> senders.add(e.pdu().sender()));
            return senders;
        }

        Map<String, Object> json() {
            return timelineJson(formatted, limited, prevBatch);
        }
    }

    /** The newest events in (from, upTo], at most the filter's limit, oldest first. */
    private Timeline timeline(SyncRequest request, String roomId, RoomVersion version, long from, long upTo,
                              String membership, boolean txnIds) {
        int limit = request.filter().timelineLimit();
        // One more than the limit: whether the timeline is limited, and the state just before it.
        List<StoredEvent> newestFirst = reader.range(roomId, upTo, from, false, limit + 1);
        boolean limited = newestFirst.size() > limit;
        List<StoredEvent> raw = new ArrayList<>(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
        Collections.reverse(raw);
        String userId = request.requester().userId();
        List<StoredEvent> kept = new ArrayList<>();
        Map<Long, Boolean> visibleInGroup = new HashMap<>();
        for (StoredEvent event : raw) {
            if (request.filter().timeline().matches(event.pdu()) && !request.ignores(event.pdu())
                    && visible(userId, event, membership, visibleInGroup)) {
                kept.add(event);
            }
        }
        List<Map<String, Object>> formatted = new ArrayList<>(kept.size());
        List<Map<String, Object>> clientEvents = roomEvents.formatAll(kept, version, request.requester(), txnIds);
        for (int i = 0; i < kept.size(); i++) {
            formatted.add(request.filter().present(ClientEvents.withoutRoomId(clientEvents.get(i)), kept.get(i).pdu(), version));
        }
        long prevBatch = raw.isEmpty() ? upTo : raw.get(0).streamOrdering() - 1;
        // The state before the timeline is known without a query when its first event is the first
        // of the range read (the filter dropped none before it): after the one read beyond the limit,
        // or nothing at all when the range reached the room's start.
        RoomState stateBefore = null;
        if (!kept.isEmpty() && kept.get(0) == raw.get(0)) {
            if (limited) {
                stateBefore = states.load(newestFirst.get(limit).stateGroup());
            } else if (from == 0) {
                stateBefore = RoomState.EMPTY;
            }
        }
        return new Timeline(kept, formatted, limited, prevBatch, stateBefore);
    }

    /**
     * History visibility of one event for the user. Events after the same state event share a
     * state group, and every rule but one reads only that state: decided once per group.
     */
    private boolean visible(String userId, StoredEvent event, String membership, Map<Long, Boolean> visibleInGroup) {
        if ("m.room.member".equals(event.pdu().type()) && userId.equals(event.pdu().stateKey())) {
            return true; // the user's own membership events, always (RoomAccess.canSee)
        }
        if ("m.room.history_visibility".equals(event.pdu().type())) {
            return access.canSee(userId, event, membership); // its own rule (before or after it): not the group's
        }
        return visibleInGroup.computeIfAbsent(event.stateGroup(), group -> access.canSee(userId, event, membership));
    }

    /** The room's state just before the event at {@code position} (the state after the one before it). */
    private RoomState stateBefore(String roomId, long position) {
        List<StoredEvent> previous = reader.range(roomId, position - 1, 0, false, 1);
        return previous.isEmpty() ? RoomState.EMPTY : states.load(previous.get(0).stateGroup());
    }

    /** Whether the user was joined to the room at stream position {@code position}. */
    public boolean wasJoinedAt(String roomId, String userId, long position) {
        return "join".equals(access.membershipIn(stateAt(roomId, position), userId));
    }

    private RoomState stateAt(String roomId, long position) {
        return stateBefore(roomId, position + 1);
    }

    /** State events of {@code state} that differ from {@code base} (all when base is null). */
    private List<Map<String, Object>> stateEvents(RoomState state, RoomState base, RoomVersion version,
                                                  Set<String> onlyMembers) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<StateKey, String> entry : state.entries().entrySet()) {
            StateKey key = entry.getKey();
            if (base != null && entry.getValue().equals(base.get(key))) {
                continue;
            }
            if (onlyMembers != null && "m.room.member".equals(key.type()) && !onlyMembers.contains(key.stateKey())) {
                continue;
            }
            out.add(ClientEvents.withoutRoomId(access.clientEvent(entry.getValue(), version)));
        }
        return out;
    }

    /**
     * Spec "Calculating the display name for a room": the member counts, and heroes when the room
     * has neither a name nor a canonical alias (read from the room's current state, so that a
     * named room whose whole history is in the timeline does not get heroes).
     *
     * @param counts the counts when the sync read them with other rooms', or null to read them here
     */
    private Map<String, Object> summary(RoomEntity room, String userId, SyncMemberships.MemberCounts counts) {
        String roomId = room.getRoomId();
        SyncMemberships.MemberCounts known = counts != null ? counts
                : memberships.counts(List.of(roomId)).getOrDefault(roomId, SyncMemberships.MemberCounts.NONE);
        RoomState current = access.currentState(room);
        Map<String, Object> summary = new LinkedHashMap<>();
        if (current.get("m.room.name", "") == null && current.get("m.room.canonical_alias", "") == null) {
            summary.put("m.heroes", memberships.heroes(roomId, userId));
        }
        summary.put("m.joined_member_count", known.joined());
        summary.put("m.invited_member_count", known.invited());
        return summary;
    }
}
