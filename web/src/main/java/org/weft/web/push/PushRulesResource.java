package org.weft.web.push;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.weft.ejb.push.PushRulesService;
import org.weft.web.auth.Authenticated;
import org.weft.web.auth.CurrentRequester;

/** Reading push rules ("Push Rules: API"); clients such as matrix-js-sdk need it before their first sync. */
@Path("/_matrix/client")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class PushRulesResource {

    @EJB
    PushRulesService rules;

    @Inject
    CurrentRequester requester;

    /** {@code GET /_matrix/client/v3/pushrules/}. */
    @GET
    @Path("/v3/pushrules/")
    public Map<String, Object> all() {
        return rules.rules(requester.get().userId());
    }
}
