package org.weft.ejb.push;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.json.Json;
import org.weft.ejb.events.EventReader;
import org.weft.ejb.events.StoredEvent;
import org.weft.ejb.rooms.RoomAccess;
import org.weft.ejb.rooms.RoomEventsService;
import org.weft.ejb.users.Requester;

/**
 * GET /notifications (client-server API, "Listing Notifications"): the events that notified the
 * user, newest first, each with its actions, whether a read receipt covers it, and a token to page
 * further back.
 */
@Stateless
public class NotificationsService {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 1000;

    @Inject
    PushActionStore store;

    @EJB
    EventReader reader;

    @EJB
    RoomEventsService roomEvents;

    @EJB
    RoomAccess access;

    @EJB
    org.weft.ejb.rooms.MembershipService membership;

    public Map<String, Object> list(Requester requester, String from, Long limit, String only) {
        long before = Long.MAX_VALUE;
        if (from != null) {
            try {
                before = Long.parseLong(from);
            } catch (NumberFormatException e) {
                throw MatrixException.invalidParam("from is not a token from this endpoint");
            }
        }
        if (limit != null && limit < 1) {
            throw MatrixException.invalidParam("limit must be positive");
        }
        int n = limit == null ? DEFAULT_LIMIT : (int) Math.min(limit, MAX_LIMIT);
        List<PushActionStore.Stored> rows = store.notifications(requester.userId(),
                membership.joinedRooms(requester.userId()), before, n, "highlight".equals(only));
        Map<String, Map<String, Long>> receipts = new HashMap<>();
        List<Map<String, Object>> notifications = new ArrayList<>();
        for (PushActionStore.Stored row : rows) {
            StoredEvent stored = reader.stored(row.eventId());
            if (stored == null) {
                continue;
            }
            Map<String, Long> read = receipts.computeIfAbsent(row.roomId(),
                    room -> store.readPositions(requester.userId(), room));
            Map<String, Object> notification = new LinkedHashMap<>();
            notification.put("actions", Json.parse(row.actionsJson()));
            notification.put("event", roomEvents.format(stored, access.version(access.room(row.roomId())), requester));
            notification.put("read", row.streamPos() <= PushActionStore.readUpTo(read, row.threadId()));
            notification.put("room_id", row.roomId());
            notification.put("ts", row.ts());
            notifications.add(notification);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("notifications", notifications);
        if (rows.size() == n) {
            body.put("next_token", Long.toString(rows.get(rows.size() - 1).streamPos()));
        }
        return body;
    }
}
