package org.weft.ejb.rooms;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.ejb.events.RoomState;
import org.weft.ejb.users.Requester;
import org.weft.persistence.rooms.RoomEntity;

/**
 * The public room directory (client-server API, "Listing rooms"): a room's visibility in it, and
 * GET/POST /publicRooms with limit, since and a generic search term.
 */
@Stateless
public class DirectoryService {

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @EJB
    RoomAccess access;

    @EJB
    PowerLevelQueries powerLevels;

    @EJB
    org.weft.ejb.events.EventService events;

    public String visibility(String roomId) {
        return access.room(roomId).isPublished() ? "public" : "private";
    }

    /** PUT /directory/list/room/{roomId}: for members who may change the room's aliases, or server admins. */
    public void setVisibility(String roomId, Requester requester, String visibility) {
        if (!"public".equals(visibility) && !"private".equals(visibility)) {
            throw MatrixException.invalidParam("visibility must be 'public' or 'private'");
        }
        RoomEntity room = events.lockRoom(roomId);
        boolean allowed = requester.admin() || ("join".equals(access.membership(roomId, requester.userId()))
                && powerLevels.canSendState(room, requester.userId(), "m.room.canonical_alias"));
        if (!allowed) {
            throw MatrixException.forbidden("You may not change this room's directory visibility");
        }
        room.setPublished("public".equals(visibility));
    }

    /**
     * GET/POST /publicRooms, for clients and other servers: most-joined first; {@code since} is an
     * offset token "o&lt;n&gt;".
     *
     * @param roomTypes the room types wanted ({@code filter.room_types}; null in it for rooms without
     *                  a type), or null for all
     */
    public Map<String, Object> publicRooms(Integer limit, String since, String searchTerm, List<?> roomTypes) {
        List<Map<String, Object>> all = new ArrayList<>();
        String term = searchTerm == null || searchTerm.isBlank() ? null : searchTerm.toLowerCase(Locale.ROOT);
        for (RoomEntity room : em.createNamedQuery(RoomEntity.FIND_PUBLIC, RoomEntity.class).getResultList()) {
            Map<String, Object> entry = describe(room);
            if ((term == null || matches(entry, term)) && (roomTypes == null || roomTypes.contains(entry.get("room_type")))) {
                all.add(entry);
            }
        }
        all.sort(Comparator.comparingLong((Map<String, Object> e) -> -((Number) e.get("num_joined_members")).longValue())
                .thenComparing(e -> (String) e.get("room_id")));
        int offset = since == null ? 0 : parseSince(since);
        int size = limit == null || limit <= 0 ? all.size() : limit;
        int to = Math.min(all.size(), offset + size);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("chunk", offset >= all.size() ? List.of() : all.subList(offset, to));
        if (to < all.size()) {
            body.put("next_batch", "o" + to);
        }
        if (offset > 0) {
            body.put("prev_batch", "o" + Math.max(0, offset - size));
        }
        body.put("total_room_count_estimate", all.size());
        return body;
    }

    /**
     * A room's summary (client-server API, "room_summary"): what the directory lists, with the
     * room's version and encryption as space hierarchies show them.
     */
    public Map<String, Object> summary(RoomEntity room) {
        Map<String, Object> summary = describe(room);
        summary.put("room_version", room.getRoomVersion());
        Map<String, Object> encryption = access.content(access.currentState(room), "m.room.encryption", "");
        if (encryption != null && encryption.get("algorithm") instanceof String algorithm) {
            summary.put("encryption", algorithm);
        }
        return summary;
    }

    private Map<String, Object> describe(RoomEntity room) {
        RoomState state = access.currentState(room);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("room_id", room.getRoomId());
        long joined = state.entries().entrySet().stream()
                .filter(e -> "m.room.member".equals(e.getKey().type()))
                .filter(e -> "join".equals(access.membershipIn(state, e.getKey().stateKey()))).count();
        entry.put("num_joined_members", joined);
        putIfPresent(entry, "name", access.content(state, "m.room.name", ""), "name");
        putIfPresent(entry, "topic", access.content(state, "m.room.topic", ""), "topic");
        putIfPresent(entry, "canonical_alias", access.content(state, "m.room.canonical_alias", ""), "alias");
        putIfPresent(entry, "avatar_url", access.content(state, "m.room.avatar", ""), "url");
        putIfPresent(entry, "join_rule", access.content(state, "m.room.join_rules", ""), "join_rule");
        putIfPresent(entry, "room_type", access.content(state, "m.room.create", ""), "type");
        entry.put("world_readable", "world_readable".equals(access.historyVisibility(state)));
        Map<String, Object> guest = access.content(state, "m.room.guest_access", "");
        entry.put("guest_can_join", guest != null && "can_join".equals(guest.get("guest_access")));
        return entry;
    }

    private static void putIfPresent(Map<String, Object> entry, String key, Map<String, Object> content, String field) {
        if (content != null && content.get(field) instanceof String value) {
            entry.put(key, value);
        }
    }

    private static boolean matches(Map<String, Object> entry, String term) {
        for (String key : new String[] {"name", "topic", "canonical_alias"}) {
            if (entry.get(key) instanceof String value && value.toLowerCase(Locale.ROOT).contains(term)) {
                return true;
            }
        }
        return false;
    }

    private static int parseSince(String since) {
        try {
            if (since.startsWith("o")) {
                return Math.max(0, Integer.parseInt(since.substring(1)));
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw MatrixException.invalidParam("Invalid since token");
    }
}
