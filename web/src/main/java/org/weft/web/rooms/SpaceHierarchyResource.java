package org.weft.web.rooms;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.ejb.federation.spaces.SpaceHierarchy;
import org.weft.web.auth.Authenticated;
import org.weft.web.auth.CurrentRequester;
import org.weft.web.http.NumberParams;

/** {@code GET /_matrix/client/v1/rooms/{roomId}/hierarchy} (client-server API, "Spaces"). */
@Path("/_matrix/client/v1/rooms/{roomId}/hierarchy")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class SpaceHierarchyResource {

    @Inject
    SpaceHierarchy hierarchy;

    @Inject
    CurrentRequester requester;

    @GET
    public Map<String, Object> hierarchy(@PathParam("roomId") String roomId, @QueryParam("suggested_only") String suggestedOnly,
                                         @QueryParam("limit") String limit, @QueryParam("max_depth") String maxDepth,
                                         @QueryParam("from") String from) {
        Long pageSize = NumberParams.optional(limit, "limit");
        Long depth = NumberParams.optional(maxDepth, "max_depth");
        return hierarchy.walk(requester.get().userId(), roomId, flag(suggestedOnly),
                pageSize == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, pageSize)),
                depth == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, depth)), from);
    }

    static boolean flag(String value) {
        if (value == null || "false".equals(value)) {
            return false;
        }
        if ("true".equals(value)) {
            return true;
        }
        throw MatrixException.invalidParam("suggested_only must be true or false");
    }
}
