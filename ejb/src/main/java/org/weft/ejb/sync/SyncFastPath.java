package org.weft.ejb.sync;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weft.core.event.Pdu;
import org.weft.ejb.events.StreamChange;
import org.weft.ejb.push.PushActionStore;
import org.weft.ejb.rooms.ClientEvents;

/**
 * Answers a waiting /sync from memory when all that happened since its token is new messages
 * (non-state events) from others in rooms the user has joined: the common case when a room's
 * members all wait and one of them speaks. The answer is exactly what {@link SyncService} would
 * compute: those rooms' timelines, not limited, with a prev_batch before their first event, and
 * nothing else new. Anything else in the window (a state event, a receipt, account data, the
 * user's own event, a typing or presence change, a position no longer in memory) makes it give
 * up, and the database answers as before.
 */
final class SyncFastPath {

    /** The most positions one attempt walks; a longer gap is the database's job. */
    static final int MAX_WINDOW = 1024;

    private record Positioned(long position, StreamChange.NewEvent event) {
    }

    private final RecentChanges changes;
    private final LazyMembersSent lazySent;
    private final PushActionStore pushActions;
    private final UnreadBaseline unreadBaseline;

    SyncFastPath(RecentChanges changes, LazyMembersSent lazySent, PushActionStore pushActions,
                 UnreadBaseline unreadBaseline) {
        this.changes = changes;
        this.lazySent = lazySent;
        this.pushActions = pushActions;
        this.unreadBaseline = unreadBaseline;
    }

    /**
     * @param serialNow the ephemeral serial, read before {@code upTo}
     * @param upTo      the stream's complete position
     * @param formatted client-format events already built for this batch of waiters, by event ID
     * @return the response, or null when only the full computation can answer
     */
    SyncResult attempt(SyncWaiter waiter, long serialNow, long upTo, Map<String, Map<String, Object>> formatted) {
        SyncResult last = waiter.lastEmpty();
        SyncRequest request = waiter.request();
        long from = request.since().stream();
        if (serialNow != last.token().typing() || upTo < last.token().stream() || upTo - from > MAX_WINDOW) {
            return null;
        }
        Map<String, List<Positioned>> byRoom = newInJoinedRooms(waiter, last, from, upTo);
        if (byRoom == null) {
            return null;
        }
        SyncFilter filter = request.filter();
        Map<String, Object> join = new LinkedHashMap<>();
        for (Map.Entry<String, List<Positioned>> room : byRoom.entrySet()) {
            List<Positioned> events = room.getValue();
            if (!filter.wantsRoom(room.getKey())) {
                continue;
            }
            if (events.size() > filter.timelineLimit()) {
                return null; // limited: state between the token and the timeline is needed
            }
            List<Map<String, Object>> timeline = new ArrayList<>();
            for (Positioned p : events) {
                Pdu pdu = p.event().pdu();
                if (filter.timeline().matches(pdu) && !(pdu.sender() != null && !pdu.isState()
                        && last.ignoredUsers().contains(pdu.sender()))) {
                    if (filter.lazyLoadMembers() && !memberAlreadySent(request, room.getKey(), p.event())) {
                        return null; // the sender's membership must go with it: the database has it
                    }
                    timeline.add(filter.present(formatted.computeIfAbsent(pdu.eventId(), id -> ClientEvents.withoutRoomId(
                            ClientEvents.format(pdu, p.event().version(), null, null, null, System.currentTimeMillis()))),
                            pdu, p.event().version()));
                }
            }
            if (!timeline.isEmpty()) {
                Map<String, Object> section = RoomSync.section(
                        RoomSync.timelineJson(timeline, false, events.get(0).position() - 1), List.of(), List.of(), List.of());
                // The last counts sent plus what the new events decided; the database only when memory
                // cannot tell.
                String userId = request.requester().userId();
                PushActionStore.Unread unread = unreadBaseline.at(userId, room.getKey(), upTo, changes, MAX_WINDOW);
                if (unread == null) {
                    unread = pushActions.unread(userId, room.getKey(), upTo);
                }
                unreadBaseline.remember(userId, room.getKey(), unread, upTo);
                UnreadNotifications.put(section, unread, filter.timeline().unreadThreadNotifications());
                join.put(room.getKey(), section);
            }
        }
        SyncToken token = new SyncToken(upTo, serialNow);
        // The last computation reported nothing: its lists are empty and its key counts current.
        Map<String, Object> body = new LinkedHashMap<>(last.body());
        body.put("next_batch", token.toString());
        body.put("rooms", Map.of("join", join, "invite", Map.of(), "leave", Map.of(), "knock", Map.of()));
        return new SyncResult(body, join.isEmpty(), last.roomIds(), last.joinedRooms(), token, last.computedAt(),
                last.ignoredUsers());
    }

    private boolean memberAlreadySent(SyncRequest request, String roomId, StreamChange.NewEvent event) {
        return !request.filter().includeRedundantMembers() && event.senderMember() != null
                && lazySent.wasSent(request.requester(), roomId, event.senderMember());
    }

    /** New events by joined room in (from, upTo], oldest first; null when something else happened. */
    private Map<String, List<Positioned>> newInJoinedRooms(SyncWaiter waiter, SyncResult last, long from, long upTo) {
        String userId = waiter.userId();
        Map<String, List<Positioned>> byRoom = new LinkedHashMap<>();
        for (long position = from + 1; position <= upTo; position++) {
            StreamChange change = changes.get(position);
            if (change == null || userId.equals(change.userId())
                    || !Collections.disjoint(change.alsoRooms(), last.roomIds())) {
                return null;
            }
            String roomId = change.roomId();
            if (roomId == null || !last.joinedRooms().contains(roomId)) {
                continue; // not the user's business (invites and knocks show no timeline)
            }
            StreamChange.NewEvent event = change.event();
            if (event == null || event.pdu().isState() || "m.room.redaction".equals(event.pdu().type())
                    || userId.equals(event.pdu().sender())) {
                return null; // receipts, state, redactions, and the sender's own transaction_id
            }
            byRoom.computeIfAbsent(roomId, k -> new ArrayList<>()).add(new Positioned(position, event));
        }
        return byRoom;
    }
}
