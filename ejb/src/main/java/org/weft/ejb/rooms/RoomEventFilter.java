package org.weft.ejb.rooms;

import java.util.List;
import org.weft.core.event.Pdu;
import org.weft.core.json.JsonObject;

/**
 * The RoomEventFilter of /messages and /context (client-server API, "Filtering"): event types
 * (with {@code *} wildcards), senders, contains_url, lazy_load_members. Filter IDs come with the
 * filter API; here the filter arrives inline as JSON.
 */
public record RoomEventFilter(List<String> types, List<String> notTypes, List<String> senders,
                              List<String> notSenders, Boolean containsUrl, boolean lazyLoadMembers,
                              Integer limit, boolean unreadThreadNotifications) {

    public static final RoomEventFilter NONE = new RoomEventFilter(null, List.of(), null, List.of(), null, false, null,
            false);

    public static RoomEventFilter parse(JsonObject json) {
        Long limit = json.optLong("limit");
        return new RoomEventFilter(json.optStringList("types"), orEmpty(json.optStringList("not_types")),
                json.optStringList("senders"), orEmpty(json.optStringList("not_senders")),
                json.optBoolean("contains_url"), json.optBoolean("lazy_load_members", false),
                limit == null ? null : (int) Math.max(0, Math.min(limit, 1000)),
                json.optBoolean("unread_thread_notifications", false));
    }

    public boolean matches(Pdu pdu) {
        if (types != null && types.stream().noneMatch(t -> typeMatches(t, pdu.type()))) {
            return false;
        }
        if (notTypes.stream().anyMatch(t -> typeMatches(t, pdu.type()))) {
            return false;
        }
        if (senders != null && !senders.contains(pdu.sender())) {
            return false;
        }
        if (notSenders.contains(pdu.sender())) {
            return false;
        }
        if (containsUrl != null && containsUrl != pdu.content().get("url") instanceof String) {
            return false;
        }
        return true;
    }

    /** Spec: "A '*' can be used as a wildcard to match any sequence of characters." */
    static boolean typeMatches(String pattern, String type) {
        if (!pattern.contains("*")) {
            return pattern.equals(type);
        }
        String regex = java.util.Arrays.stream(pattern.split("\\*", -1))
                .map(java.util.regex.Pattern::quote).collect(java.util.stream.Collectors.joining(".*"));
        return type.matches(regex);
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
