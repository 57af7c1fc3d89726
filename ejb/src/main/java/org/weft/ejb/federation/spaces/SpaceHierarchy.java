package org.weft.ejb.federation.spaces;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.weft.core.error.MatrixException;
import org.weft.core.id.ServerName;
import org.weft.ejb.federation.FederationHttp;
import org.weft.ejb.rooms.MembershipService;
import org.weft.ejb.rooms.SpaceRooms;

/**
 * {@code GET /_matrix/client/v1/rooms/{roomId}/hierarchy} (client-server API, "Spaces"): the space
 * tree depth-first from the room, children in the spec's order, each room as the user may see it.
 * Rooms this server holds are described from their state; others are asked of the servers in
 * their {@code m.space.child} event's {@code via} ({@code GET /_matrix/federation/v1/hierarchy},
 * at most {@link #MAX_SERVERS_ASKED} of them). A walk stops after {@link #MAX_ROOMS} rooms and
 * {@link #MAX_DEPTH} levels; pages are slices of the walk, re-made for each request.
 */
@ApplicationScoped
public class SpaceHierarchy {

    private static final Logger LOG = Logger.getLogger(SpaceHierarchy.class);

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;
    static final int MAX_DEPTH = 10;
    static final int MAX_ROOMS = 500;
    static final int MAX_SERVERS_ASKED = 3;

    @EJB
    SpaceRooms spaces;

    @EJB
    MembershipService memberships;

    @Inject
    FederationHttp http;

    @Inject
    org.weft.ejb.config.WeftSettings settings;

    /** A room to visit: its depth below the root and the servers that may describe it. */
    private record Visit(String roomId, int depth, List<String> via) {
    }

    /** A room as the walk shows it: its summary and the children it leads to. */
    private record Node(Map<String, Object> summary, List<Map<String, Object>> children) {
    }

    /**
     * @throws MatrixException 403 when the user may not see the root, 400 for bad parameters or a
     *                         {@code from} of another walk
     */
    public Map<String, Object> walk(String userId, String roomId, boolean suggestedOnly, Integer limit, Integer maxDepth,
                                    String from) {
        if (limit != null && limit <= 0) {
            throw MatrixException.invalidParam("limit must be greater than zero");
        }
        if (maxDepth != null && maxDepth < 0) {
            throw MatrixException.invalidParam("max_depth must not be negative");
        }
        int depthLimit = maxDepth == null ? MAX_DEPTH : Math.min(maxDepth, MAX_DEPTH);
        int pageSize = limit == null ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
        int offset = from == null ? 0 : HierarchyToken.parse(from, suggestedOnly, depthLimit);
        Walk walk = new Walk(userId, suggestedOnly);
        List<Map<String, Object>> rooms = new ArrayList<>();
        Deque<Visit> stack = new ArrayDeque<>();
        stack.push(new Visit(roomId, 0, serverOf(roomId)));
        Set<String> visited = new HashSet<>();
        while (!stack.isEmpty() && rooms.size() < MAX_ROOMS) {
            Visit visit = stack.pop();
            if (!visited.add(visit.roomId())) {
                continue;
            }
            Node node = walk.node(visit);
            if (node == null) {
                if (visit.depth() == 0) {
                    throw MatrixException.forbidden("You are not allowed to view this room");
                }
                continue;
            }
            Map<String, Object> chunk = new LinkedHashMap<>(node.summary());
            chunk.put("children_state", node.children());
            rooms.add(chunk);
            if (visit.depth() < depthLimit) {
                for (int i = node.children().size() - 1; i >= 0; i--) {
                    Map<String, Object> child = node.children().get(i);
                    List<String> via = child.get("content") instanceof Map<?, ?> content && content.get("via") instanceof List<?> list
                            ? list.stream().filter(String.class::isInstance).map(String.class::cast).toList() : List.of();
                    stack.push(new Visit(String.valueOf(child.get("state_key")), visit.depth() + 1, via));
                }
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        int end = Math.min(rooms.size(), offset + pageSize);
        answer.put("rooms", offset >= rooms.size() ? List.of() : rooms.subList(offset, end));
        if (end < rooms.size()) {
            answer.put("next_batch", HierarchyToken.make(end, suggestedOnly, depthLimit));
        }
        return answer;
    }

    /** One walk's state: the user's rooms, and what other servers said, asked once each. */
    private final class Walk {

        private final String userId;
        private final boolean suggestedOnly;
        private List<String> joined;
        /** Summaries of rooms other servers gave as children, by room ID. */
        private final Map<String, Map<String, Object>> remoteChildren = new HashMap<>();
        /** Rooms another server said may not be seen from here. */
        private final Set<String> inaccessible = new HashSet<>();

        Walk(String userId, boolean suggestedOnly) {
            this.userId = userId;
            this.suggestedOnly = suggestedOnly;
        }

        Node node(Visit visit) {
            SpaceRooms.Space local = spaces.local(visit.roomId());
            if (local != null) {
                return spaces.visibleTo(userId, local) ? new Node(local.summary(), followed(local.childrenState())) : null;
            }
            if (inaccessible.contains(visit.roomId())) {
                return null;
            }
            Map<String, Object> known = remoteChildren.get(visit.roomId());
            if (known != null && !"m.space".equals(known.get("room_type"))) {
                // A room that is not a space has no children to show: its parent's answer says enough.
                return visible(known) ? new Node(known, List.of()) : null;
            }
            return remote(visit);
        }

        @SuppressWarnings("unchecked")
        private Node remote(Visit visit) {
            String path = "/_matrix/federation/v1/hierarchy/" + URLEncoder.encode(visit.roomId(), StandardCharsets.UTF_8)
                    + "?suggested_only=" + suggestedOnly;
            String us = settings.serverName().toString();
            for (String server : visit.via().stream().filter(s -> !s.equals(us)).limit(MAX_SERVERS_ASKED).toList()) {
                try {
                    Map<String, Object> answer = http.json("GET", ServerName.parse(server), path, null);
                    if (!(answer.get("room") instanceof Map<?, ?> room) || !visit.roomId().equals(room.get("room_id"))) {
                        continue;
                    }
                    if (answer.get("children") instanceof List<?> children) {
                        children.stream().filter(c -> c instanceof Map<?, ?> m && m.get("room_id") instanceof String)
                                .forEach(c -> remoteChildren.put((String) ((Map<?, ?>) c).get("room_id"), (Map<String, Object>) c));
                    }
                    if (answer.get("inaccessible_children") instanceof List<?> ids) {
                        ids.stream().filter(String.class::isInstance).map(String.class::cast).forEach(inaccessible::add);
                    }
                    Map<String, Object> summary = new LinkedHashMap<>((Map<String, Object>) room);
                    Object childrenState = summary.remove("children_state");
                    if (!visible(summary)) {
                        return null;
                    }
                    List<Map<String, Object>> children = new ArrayList<>();
                    if (childrenState instanceof List<?> list) {
                        list.stream().filter(Map.class::isInstance).forEach(c -> children.add((Map<String, Object>) c));
                    }
                    return new Node(summary, followed(children));
                } catch (MatrixException | IllegalArgumentException e) {
                    LOG.debugf("Hierarchy of %s from %s: %s", visit.roomId(), server, e.getMessage());
                }
            }
            return null;
        }

        /** A room of another server the user may see: open to all, or restricted to a room they are in. */
        private boolean visible(Map<String, Object> summary) {
            if (SpaceRooms.openToAll(summary)) {
                return true;
            }
            if (joined == null) {
                joined = memberships.joinedRooms(userId);
            }
            return summary.get("allowed_room_ids") instanceof List<?> allowed && allowed.stream().anyMatch(joined::contains);
        }

        /** The children to follow and show: with a via, and suggested ones only when asked. */
        private List<Map<String, Object>> followed(List<Map<String, Object>> children) {
            return children.stream().filter(child -> child.get("content") instanceof Map<?, ?> content
                    && content.get("via") instanceof List<?> via && !via.isEmpty()
                    && (!suggestedOnly || Boolean.TRUE.equals(content.get("suggested")))).toList();
        }
    }

    private static List<String> serverOf(String roomId) {
        int colon = roomId.indexOf(':');
        return colon < 0 ? List.of() : List.of(roomId.substring(colon + 1));
    }
}
