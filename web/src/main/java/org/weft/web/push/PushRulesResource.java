package org.weft.web.push;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.json.JsonObject;
import org.weft.ejb.push.PushRulesService;
import org.weft.web.auth.Authenticated;
import org.weft.web.auth.CurrentRequester;

/** Push rules ("Push Rules: API"): reading them, and the user's own rules and changes. */
@Path("/_matrix/client")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class PushRulesResource {

    private static final String RULE = "/v3/pushrules/global/{kind}/{ruleId}";

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

    /** {@code GET /_matrix/client/v3/pushrules/global/}. */
    @GET
    @Path("/v3/pushrules/global/")
    public Object global() {
        return rules.rules(requester.get().userId()).get("global");
    }

    /** {@code GET /_matrix/client/v3/pushrules/global/{kind}/{ruleId}}. */
    @GET
    @Path(RULE)
    public Map<String, Object> rule(@PathParam("kind") String kind, @PathParam("ruleId") String ruleId) {
        return rules.rule(requester.get().userId(), kind, ruleId);
    }

    /** {@code PUT /_matrix/client/v3/pushrules/global/{kind}/{ruleId}?before=&after=}. */
    @PUT
    @Path(RULE)
    public Map<String, Object> put(@PathParam("kind") String kind, @PathParam("ruleId") String ruleId,
                                   @QueryParam("before") String before, @QueryParam("after") String after,
                                   JsonObject body) {
        if (!(body.map().get("actions") instanceof List<?>)) {
            throw MatrixException.badJson("actions must be an array");
        }
        rules.put(requester.get().userId(), kind, ruleId, body.map(), before, after);
        return Map.of();
    }

    /** {@code DELETE /_matrix/client/v3/pushrules/global/{kind}/{ruleId}}. */
    @DELETE
    @Path(RULE)
    public Map<String, Object> delete(@PathParam("kind") String kind, @PathParam("ruleId") String ruleId) {
        rules.delete(requester.get().userId(), kind, ruleId);
        return Map.of();
    }

    /** {@code GET /_matrix/client/v3/pushrules/global/{kind}/{ruleId}/enabled}. */
    @GET
    @Path(RULE + "/enabled")
    public Map<String, Object> enabled(@PathParam("kind") String kind, @PathParam("ruleId") String ruleId) {
        return Map.of("enabled", rules.rule(requester.get().userId(), kind, ruleId).get("enabled"));
    }

    /** {@code PUT /_matrix/client/v3/pushrules/global/{kind}/{ruleId}/enabled}. */
    @PUT
    @Path(RULE + "/enabled")
    public Map<String, Object> setEnabled(@PathParam("kind") String kind, @PathParam("ruleId") String ruleId,
                                          JsonObject body) {
        if (!(body.map().get("enabled") instanceof Boolean enabled)) {
            throw MatrixException.badJson("enabled must be true or false");
        }
        rules.setEnabled(requester.get().userId(), kind, ruleId, enabled);
        return Map.of();
    }

    /** {@code GET /_matrix/client/v3/pushrules/global/{kind}/{ruleId}/actions}. */
    @GET
    @Path(RULE + "/actions")
    public Map<String, Object> actions(@PathParam("kind") String kind, @PathParam("ruleId") String ruleId) {
        return Map.of("actions", rules.rule(requester.get().userId(), kind, ruleId).get("actions"));
    }

    /** {@code PUT /_matrix/client/v3/pushrules/global/{kind}/{ruleId}/actions}. */
    @PUT
    @Path(RULE + "/actions")
    @SuppressWarnings("unchecked")
    public Map<String, Object> setActions(@PathParam("kind") String kind, @PathParam("ruleId") String ruleId,
                                          JsonObject body) {
        if (!(body.map().get("actions") instanceof List<?> actions)) {
            throw MatrixException.badJson("actions must be an array");
        }
        rules.setActions(requester.get().userId(), kind, ruleId, (List<Object>) actions);
        return Map.of();
    }
}
