package org.weft.web.federation;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.core.json.JsonObject;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.federation.membership.ThirdPartyInvites;

/**
 * {@code PUT /_matrix/federation/v1/3pid/onbind} (server-server API, "Third-party invites"): an
 * identity server says a third-party identifier is now bound to one of Weft's users, with the
 * invites stored for it. Not signed (the caller is an identity server); what it sends is only
 * acted on when the identity server's signature in each invite matches the public keys in the
 * room's {@code m.room.third_party_invite}, which the auth rules check. Off with federation.
 */
@Path("/_matrix/federation/v1/3pid/onbind")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ThirdPartyBindResource {

    @Inject
    ThirdPartyInvites invites;

    @Inject
    WeftSettings settings;

    @PUT
    public Map<String, Object> onBind(JsonObject body) {
        if (!settings.federation().enabled()) {
            throw new MatrixException(ErrCode.M_FORBIDDEN, "Federation is disabled on this server");
        }
        invites.onBind(body.map());
        return Map.of();
    }
}
