package org.weft.web.federation;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.ejb.rooms.SpaceRooms;
import org.weft.web.auth.CurrentOrigin;
import org.weft.web.auth.FederationAuthenticated;

/**
 * {@code GET /_matrix/federation/v1/hierarchy/{roomId}?suggested_only=} (server-server API,
 * "Spaces"): a space held here and its children, as far as the asking server could peek or join
 * them; children held here that it could not are named in {@code inaccessible_children}, children
 * not held here are left out.
 */
@Path("/_matrix/federation/v1/hierarchy/{roomId}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@FederationAuthenticated
public class FederationHierarchyResource {

    @EJB
    SpaceRooms spaces;

    @Inject
    CurrentOrigin origin;

    @GET
    public Map<String, Object> hierarchy(@PathParam("roomId") String roomId, @QueryParam("suggested_only") String suggestedOnly) {
        boolean suggested = "true".equals(suggestedOnly);
        String server = origin.get().toString();
        SpaceRooms.Space space = spaces.local(roomId);
        if (space == null || !spaces.visibleToServer(server, space)) {
            throw MatrixException.notFound("Unknown room " + roomId);
        }
        List<Map<String, Object>> childrenState = space.childrenState().stream()
                .filter(child -> !suggested || child.get("content") instanceof Map<?, ?> content
                        && Boolean.TRUE.equals(content.get("suggested"))).toList();
        List<Object> children = new ArrayList<>();
        List<Object> inaccessible = new ArrayList<>();
        for (Map<String, Object> child : childrenState) {
            String childId = String.valueOf(child.get("state_key"));
            SpaceRooms.Space held = spaces.local(childId);
            if (held != null && spaces.visibleToServer(server, held)) {
                children.add(held.summary());
            } else if (held != null) {
                inaccessible.add(childId);
            }
        }
        Map<String, Object> room = new LinkedHashMap<>(space.summary());
        room.put("children_state", childrenState);
        return Map.of("room", room, "children", children, "inaccessible_children", inaccessible);
    }
}
