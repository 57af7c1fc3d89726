package org.weft.web.federation;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.ejb.federation.membership.ThirdPartyInvites;
import org.weft.web.auth.CurrentOrigin;
import org.weft.web.auth.FederationAuthenticated;

/**
 * {@code PUT /_matrix/federation/v1/exchange_third_party_invite/{roomId}} (server-server API,
 * "Third-party invites"): another server asks Weft, whose user sent the room's
 * {@code m.room.third_party_invite}, to issue the invite to the user the identifier is now bound to.
 */
@Path("/_matrix/federation/v1/exchange_third_party_invite/{roomId}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@FederationAuthenticated
public class FederationThirdPartyInviteResource {

    @Inject
    ThirdPartyInvites invites;

    @Inject
    CurrentOrigin origin;

    @PUT
    @SuppressWarnings("unchecked")
    public Map<String, Object> exchange(@PathParam("roomId") String roomId) {
        if (!(origin.content() instanceof Map<?, ?> event)) {
            throw MatrixException.badJson("The body must be a partial m.room.member event");
        }
        invites.exchange(origin.get(), roomId, (Map<String, Object>) event);
        return Map.of();
    }
}
