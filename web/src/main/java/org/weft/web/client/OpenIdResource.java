package org.weft.web.client;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.users.OpenIdTokens;
import org.weft.web.auth.Authenticated;
import org.weft.web.auth.CurrentRequester;
import org.weft.web.json.OptionalBody;
import org.weft.core.json.JsonObject;

/** OpenID tokens for third parties (client-server API, "OpenID"). */
@Path("/_matrix/client/v3/user/{userId}/openid/request_token")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class OpenIdResource {

    @EJB
    OpenIdTokens tokens;

    @Inject
    CurrentRequester requester;

    @Inject
    WeftSettings settings;

    /** {@code POST /_matrix/client/v3/user/{userId}/openid/request_token}: for oneself only. */
    @POST
    public Map<String, Object> requestToken(@PathParam("userId") String userId, @OptionalBody JsonObject body) {
        if (!requester.get().userId().equals(userId)) {
            throw MatrixException.forbidden("You may only ask for your own OpenID token");
        }
        return Map.of("access_token", tokens.issue(userId), "token_type", "Bearer",
                "matrix_server_name", settings.serverName().toString(), "expires_in", tokens.lifetimeSeconds());
    }
}
