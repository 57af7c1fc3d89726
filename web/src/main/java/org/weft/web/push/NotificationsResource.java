package org.weft.web.push;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.weft.ejb.push.NotificationsService;
import org.weft.web.auth.Authenticated;
import org.weft.web.auth.CurrentRequester;
import org.weft.web.http.NumberParams;

/** The user's notifications ("Listing Notifications"). */
@Path("/_matrix/client")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class NotificationsResource {

    @EJB
    NotificationsService notifications;

    @Inject
    CurrentRequester requester;

    /** {@code GET /_matrix/client/v3/notifications?from=&limit=&only=highlight}. */
    @GET
    @Path("/v3/notifications")
    public Map<String, Object> list(@QueryParam("from") String from, @QueryParam("limit") String limit,
                                    @QueryParam("only") String only) {
        return notifications.list(requester.get(), from, NumberParams.optional(limit, "limit"), only);
    }
}
