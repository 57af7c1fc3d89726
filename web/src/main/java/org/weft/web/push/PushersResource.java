package org.weft.web.push;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.weft.core.json.JsonObject;
import org.weft.ejb.push.PusherService;
import org.weft.web.auth.Authenticated;
import org.weft.web.auth.CurrentRequester;

/** Pushers (client-server API, "Push Notifications": GET /pushers, POST /pushers/set). */
@Path("/_matrix/client")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class PushersResource {

    @EJB
    PusherService pushers;

    @Inject
    CurrentRequester requester;

    /** {@code GET /_matrix/client/v3/pushers}. */
    @GET
    @Path("/v3/pushers")
    public Map<String, Object> list() {
        return Map.of("pushers", pushers.list(requester.get().userId()));
    }

    /** {@code POST /_matrix/client/v3/pushers/set}: add, replace, or (kind null) remove. */
    @POST
    @Path("/v3/pushers/set")
    public Map<String, Object> set(JsonObject body) {
        pushers.set(requester.get().userId(), body.map());
        return Map.of();
    }
}
