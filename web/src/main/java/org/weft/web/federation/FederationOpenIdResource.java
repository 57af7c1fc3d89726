package org.weft.web.federation;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.users.OpenIdTokens;

/**
 * {@code GET /_matrix/federation/v1/openid/userinfo?access_token=} (server-server API, "OpenID"):
 * the user an OpenID token was issued to. Not signed: the caller is a third party (an integration
 * manager), not a homeserver; the token is the proof. Off with federation.
 */
@Path("/_matrix/federation/v1/openid/userinfo")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class FederationOpenIdResource {

    @EJB
    OpenIdTokens tokens;

    @Inject
    WeftSettings settings;

    @GET
    public Map<String, Object> userinfo(@QueryParam("access_token") String token) {
        if (!settings.federation().enabled()) {
            throw new MatrixException(ErrCode.M_FORBIDDEN, "Federation is disabled on this server");
        }
        if (token == null) {
            throw MatrixException.missingToken();
        }
        return Map.of("sub", tokens.userOf(token));
    }
}
