package org.weft.web.federation;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.weft.core.json.JsonObject;
import org.weft.ejb.rooms.DirectoryService;
import org.weft.web.auth.FederationAuthenticated;
import org.weft.web.http.NumberParams;
import org.weft.web.json.OptionalBody;

/**
 * Weft's public room directory for other servers (server-server API, "Public Room Directory"): the
 * rooms published here, as clients of this server see them. Third-party networks are not bridged,
 * so {@code include_all_networks} and {@code third_party_instance_id} change nothing.
 */
@Path("/_matrix/federation/v1/publicRooms")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@FederationAuthenticated
public class FederationPublicRoomsResource {

    @EJB
    DirectoryService directory;

    /** {@code GET /_matrix/federation/v1/publicRooms?limit=&since=}. */
    @GET
    public Map<String, Object> list(@QueryParam("limit") String limit, @QueryParam("since") String since) {
        return directory.publicRooms(NumberParams.nonNegativeAtMost(limit, "limit", 1000), since, null, null);
    }

    /** {@code POST /_matrix/federation/v1/publicRooms}: with filter.generic_search_term and filter.room_types. */
    @POST
    public Map<String, Object> search(@OptionalBody JsonObject body) {
        JsonObject filter = body.optObject("filter");
        Long limit = body.optLong("limit");
        List<Object> roomTypes = filter == null ? null : filter.optList("room_types");
        return directory.publicRooms(limit == null ? null : (int) Math.max(0, Math.min(limit, 1000)), body.optString("since"),
                filter == null ? null : filter.optString("generic_search_term"), roomTypes);
    }
}
