package org.weft.web.client;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.json.JsonObject;
import org.weft.ejb.ephemeral.UserDirectoryService;
import org.weft.web.auth.Authenticated;
import org.weft.web.auth.CurrentRequester;

/** The user directory ("User directory"). */
@Path("/_matrix/client")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class UserDirectoryResource {

    @EJB
    UserDirectoryService directory;

    @Inject
    CurrentRequester requester;

    /** {@code POST /_matrix/client/v3/user_directory/search}: {@code search_term}, {@code limit} (default 10, at most 100). */
    @POST
    @Path("/v3/user_directory/search")
    public Map<String, Object> search(JsonObject body) {
        String term = body.requireString("search_term");
        Long limit = body.optLong("limit");
        if (limit != null && limit < 0) {
            throw MatrixException.invalidParam("limit must not be negative");
        }
        return directory.search(requester.get().userId(), term, limit == null ? 10 : (int) Math.min(limit, 100));
    }
}
