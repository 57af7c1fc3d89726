package org.weft.ejb.federation.membership;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.weft.core.error.MatrixException;
import org.weft.core.id.ServerName;
import org.weft.core.id.UserId;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.federation.FederationHttp;
import org.weft.ejb.rooms.MembershipService;

/**
 * Third-party invites once the identifier is bound (server-server API, "Third-party invites"):
 * the identity server tells the user's server ({@code PUT /3pid/onbind}), which turns each pending
 * invite into an {@code m.room.member} invite carrying the identity server's {@code signed}
 * object: itself when the inviter is one of its users, else by asking the inviter's server
 * ({@code PUT /exchange_third_party_invite/{roomId}}). The auth rules check the signature against
 * the public keys of the room's {@code m.room.third_party_invite} event.
 */
@ApplicationScoped
public class ThirdPartyInvites {

    private static final Logger LOG = Logger.getLogger(ThirdPartyInvites.class);

    /** Each invite is an event written: a binding notification may carry this many. */
    static final int MAX_INVITES = 100;

    @EJB
    MembershipService memberships;

    @Inject
    FederationHttp http;

    @Inject
    WeftSettings settings;

    /**
     * {@code PUT /_matrix/federation/v1/3pid/onbind}: each invite for a local user is issued; one
     * that fails (refused by the auth rules, the inviter's server unreachable) is logged and the
     * others go on, as the identity server cannot do anything about it.
     *
     * @throws MatrixException 400 for a body that is not a binding notification
     */
    public void onBind(Map<String, Object> body) {
        if (!(body.get("mxid") instanceof String mxid) || !(body.get("invites") instanceof List<?> invites)) {
            throw MatrixException.badJson("mxid and invites are required");
        }
        if (!isLocal(mxid)) {
            throw MatrixException.invalidParam(mxid + " is not a user of this server");
        }
        if (invites.size() > MAX_INVITES) {
            throw MatrixException.badJson("At most " + MAX_INVITES + " invites at once");
        }
        for (Object item : invites) {
            if (!(item instanceof Map<?, ?> invite) || !mxid.equals(invite.get("mxid"))
                    || !(invite.get("room_id") instanceof String roomId) || !(invite.get("sender") instanceof String sender)
                    || !(invite.get("signed") instanceof Map<?, ?> signed)) {
                LOG.debugf("A third-party invite for %s is malformed; skipped", mxid);
                continue;
            }
            Map<String, Object> thirdPartyInvite = new LinkedHashMap<>();
            thirdPartyInvite.put("display_name", invite.get("address") instanceof String address ? address : mxid);
            thirdPartyInvite.put("signed", signed);
            try {
                if (isLocal(sender)) {
                    memberships.thirdPartyInvite(roomId, sender, mxid, thirdPartyInvite);
                } else {
                    exchange(UserId.parse(sender).server(), roomId, sender, mxid, thirdPartyInvite);
                }
            } catch (MatrixException | IllegalArgumentException e) {
                LOG.infof("The third-party invite of %s to %s in %s was not issued: %s", sender, mxid, roomId, e.getMessage());
            }
        }
    }

    /**
     * {@code PUT /_matrix/federation/v1/exchange_third_party_invite/{roomId}}: the invited user's
     * server asks the inviter's to issue the invite.
     *
     * @throws MatrixException 400 for a partial event that is not such an invite, 403 when the
     *                         inviter is not ours, the invitee not the origin's, or the auth rules refuse it
     */
    public void exchange(ServerName origin, String roomId, Map<String, Object> event) {
        if (!"m.room.member".equals(event.get("type")) || !roomId.equals(event.get("room_id"))
                || !(event.get("sender") instanceof String sender) || !(event.get("state_key") instanceof String target)
                || !(event.get("content") instanceof Map<?, ?> content) || !"invite".equals(content.get("membership"))
                || !(content.get("third_party_invite") instanceof Map<?, ?> thirdPartyInvite)) {
            throw MatrixException.badJson("A partial m.room.member invite of this room, with third_party_invite, is expected");
        }
        if (!isLocal(sender)) {
            throw MatrixException.forbidden(sender + " is not a user of this server");
        }
        ServerName targetServer;
        try {
            targetServer = UserId.parse(target).server();
        } catch (IllegalArgumentException e) {
            throw MatrixException.badJson("state_key is not a user ID");
        }
        if (!targetServer.equals(origin)) {
            throw MatrixException.forbidden("Only " + targetServer + " may ask for invites of its users");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> invite = (Map<String, Object>) thirdPartyInvite;
        memberships.thirdPartyInvite(roomId, sender, target, invite);
    }

    private void exchange(ServerName inviterServer, String roomId, String sender, String mxid, Map<String, Object> thirdPartyInvite) {
        Map<String, Object> event = Map.of("type", "m.room.member", "room_id", roomId, "sender", sender, "state_key", mxid,
                "content", Map.of("membership", "invite", "third_party_invite", thirdPartyInvite));
        http.json("PUT", inviterServer, "/_matrix/federation/v1/exchange_third_party_invite/"
                + URLEncoder.encode(roomId, StandardCharsets.UTF_8), event);
    }

    private boolean isLocal(String userId) {
        try {
            return UserId.parse(userId).server().equals(settings.serverName());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
