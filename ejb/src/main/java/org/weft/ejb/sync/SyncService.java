package org.weft.ejb.sync;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.weft.ejb.e2e.DeviceListChanges;
import org.weft.ejb.e2e.E2eKeysService;
import org.weft.ejb.ephemeral.EphemeralQueries;
import org.weft.ejb.ephemeral.EphemeralSerial;
import org.weft.ejb.ephemeral.PresenceService;
import org.weft.ejb.ephemeral.ToDeviceService;
import org.weft.ejb.events.StreamIdGenerator;
import org.weft.ejb.rooms.RoomEventsService;
import org.weft.persistence.rooms.ForgottenRoomEntity;
import org.weft.persistence.sync.AccountDataEntity;

/**
 * GET /_matrix/client/v3/sync computed once (client-server API, "Syncing"): everything visible to
 * the user between the token and the stream's complete position. The long-poll around it lives in
 * {@link SyncNotifier} and the resource; this bean only reads.
 */
@Stateless
public class SyncService {

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @EJB
    StreamIdGenerator stream;

    @EJB
    RoomSync rooms;

    @EJB
    EphemeralQueries ephemeral;

    @Inject
    org.weft.ejb.ephemeral.IgnoredUsers ignoredUsers;

    @Inject
    EphemeralSerial serial;

    @EJB
    PresenceService presence;

    @EJB
    ToDeviceService toDevice;

    @EJB
    E2eKeysService keys;

    @EJB
    DeviceListChanges deviceLists;

    @Inject
    SyncMemberships memberships;

    @EJB
    RoomEventsService roomEvents;

    public SyncResult sync(SyncRequest clientRequest) {
        // A sync only reads (its one write, deleting delivered to-device messages, is a bulk
        // statement): without this, every query of every room would first dirty-check each entity
        // the sync had loaded so far, which made an initial sync quadratic in its rooms.
        em.setFlushMode(FlushModeType.COMMIT);
        // Read the typing serial first: a typing change racing this read shows up next time, not never.
        long typingNow = serial.current();
        long currentPosition = stream.currentPosition();
        String userId = clientRequest.requester().userId();
        SyncRequest request = clientRequest.withIgnoredUsers(ignoredUsers.of(userId));
        SyncToken since = request.since();
        Long sincePos = since == null ? null : since.stream();
        SyncFilter filter = request.filter();
        // To-device messages first: when there are more than one response carries, everything
        // else stops where they stop, so the next token neither skips nor repeats anything.
        ToDeviceService.Inbox inbox = toDevice.inbox(userId, request.requester().deviceId(),
                sincePos == null ? 0 : sincePos, currentPosition);
        long upTo = inbox.reachedUpTo();

        Map<String, List<Map<String, Object>>> accountData = filter.accountData()
                ? ephemeral.accountData(userId, sincePos == null ? 0 : sincePos, upTo) : Map.of();
        Map<String, Object> join = new LinkedHashMap<>();
        Map<String, Object> invite = new LinkedHashMap<>();
        Map<String, Object> leave = new LinkedHashMap<>();
        Map<String, Object> knock = new LinkedHashMap<>();
        Set<String> wakeRooms = new HashSet<>();
        Set<String> joinedRooms = new HashSet<>();
        Set<String> membershipRooms = new HashSet<>();
        // Joined rooms are gathered first, so that their receipts and member counts are read in a
        // few queries for all of them rather than a few each.
        Map<String, Long> joinedSince = new LinkedHashMap<>();
        for (SyncMemberships.Membership member : memberships.of(userId)) {
            String roomId = member.roomId();
            String membership = member.membership();
            if (member.streamOrdering() > upTo) {
                continue; // committed after this sync's view of the stream: the next sync has it
            }
            if ("join".equals(membership) || "invite".equals(membership) || "knock".equals(membership)) {
                wakeRooms.add(roomId);
            }
            if ("join".equals(membership)) {
                joinedRooms.add(roomId);
            }
            if ("join".equals(membership) || (sincePos != null && member.streamOrdering() > sincePos)) {
                membershipRooms.add(roomId);
            }
            if (!filter.wantsRoom(roomId)) {
                continue;
            }
            boolean changed = sincePos == null || member.streamOrdering() > sincePos;
            switch (membership == null ? "" : membership) {
                // A room joined after the token is new to the client: it gets it whole (since null).
                // A membership event since the token that kept the user joined (a new display name or
                // avatar) is no new join: the room goes on incrementally, not whole again.
                case "join" -> joinedSince.put(roomId, sincePos == null || request.fullState()
                        || (changed && !rooms.wasJoinedAt(roomId, userId, sincePos)) ? null : sincePos);
                case "invite" -> {
                    // Spec ("Ignoring Users"): invites from ignored users are not sent.
                    if (changed && (request.ignoredUsers().isEmpty() || !isFromIgnored(request, member.eventId()))) {
                        invite.put(roomId, rooms.stripped(roomId, userId, "invite_state"));
                    }
                }
                case "knock" -> {
                    if (changed) {
                        knock.put(roomId, rooms.stripped(roomId, userId, "knock_state"));
                    }
                }
                case "leave", "ban" -> {
                    // Spec: an initial sync lists left rooms only when the filter's include_leave
                    // asks, and a forgotten room never again.
                    boolean report = (sincePos == null ? filter.includeLeave() : changed) && !forgotten(userId, roomId);
                    if (report) {
                        leave.put(roomId, rooms.left(request, roomId, sincePos, member.streamOrdering()));
                    }
                }
                default -> {
                    // no membership to report
                }
            }
        }
        RoomSync.Batch batch = batch(request, joinedSince, sincePos, upTo);
        for (Map.Entry<String, Long> room : joinedSince.entrySet()) {
            Map<String, Object> section = rooms.joined(request, room.getKey(), room.getValue(), upTo, since,
                    accountData.getOrDefault(room.getKey(), List.of()), batch);
            if (section != null) {
                join.put(room.getKey(), section);
            }
        }

        List<Map<String, Object>> globalData = accountData.getOrDefault(AccountDataEntity.GLOBAL, List.of());
        Map<String, Object> body = new LinkedHashMap<>();
        SyncToken nextBatch = new SyncToken(upTo, typingNow);
        body.put("next_batch", nextBatch.toString());
        body.put("rooms", Map.of("join", join, "invite", invite, "leave", leave, "knock", knock));
        body.put("account_data", Map.of("events", globalData));
        List<Map<String, Object>> presenceEvents = filter.presence()
                ? presence.events(userId, since == null ? null : since.typing()) : List.of();
        body.put("presence", Map.of("events", presenceEvents));
        body.put("to_device", Map.of("events", inbox.events()));
        // Spec: device_lists only in incremental syncs; an initial sync's client queries keys itself.
        DeviceListChanges.Delta devices = sincePos == null ? new DeviceListChanges.Delta(List.of(), List.of())
                : deviceLists.between(userId, membershipRooms, sincePos, upTo);
        body.put("device_lists", Map.of("changed", devices.changed(), "left", devices.left()));
        String deviceId = request.requester().deviceId();
        body.put("device_one_time_keys_count", keys.oneTimeKeyCounts(userId, deviceId));
        body.put("device_unused_fallback_key_types", keys.unusedFallbackKeyTypes(userId, deviceId));
        boolean empty = join.isEmpty() && invite.isEmpty() && leave.isEmpty() && knock.isEmpty() && globalData.isEmpty()
                && presenceEvents.isEmpty() && inbox.events().isEmpty() && devices.changed().isEmpty()
                && devices.left().isEmpty();
        return new SyncResult(body, empty, wakeRooms, joinedRooms, nextBatch, System.currentTimeMillis(),
                request.ignoredUsers());
    }

    private boolean forgotten(String userId, String roomId) {
        return em.find(ForgottenRoomEntity.class, new ForgottenRoomEntity.ForgottenRoomKey(userId, roomId)) != null;
    }

    /** What the joined rooms' sections need from the database, read for all of them at once. */
    private RoomSync.Batch batch(SyncRequest request, Map<String, Long> joinedSince, Long sincePos, long upTo) {
        String userId = request.requester().userId();
        List<String> whole = new ArrayList<>();
        List<String> incremental = new ArrayList<>();
        joinedSince.forEach((roomId, roomSince) -> (roomSince == null ? whole : incremental).add(roomId));
        Map<String, Map<String, Object>> receipts = new HashMap<>();
        if (request.filter().ephemeral()) {
            receipts.putAll(ephemeral.receipts(whole, userId, 0, upTo));
            if (!incremental.isEmpty()) {
                receipts.putAll(ephemeral.receipts(incremental, userId, sincePos, upTo));
            }
        }
        // Summaries are certain for rooms sent whole; the others' counts are read when they change.
        // Rooms are loaded into the persistence context together: each section's lookup of its
        // room is then answered from memory instead of one query per room.
        memberships.loadRooms(new ArrayList<>(joinedSince.keySet()));
        return new RoomSync.Batch(receipts, memberships.counts(whole),
                !joinedSince.isEmpty() && roomEvents.deviceHasTransactions(request.requester()));
    }

    private boolean isFromIgnored(SyncRequest request, String eventId) {
        String sender = rooms.senderOf(eventId);
        return sender != null && request.ignoredUsers().contains(sender);
    }
}
