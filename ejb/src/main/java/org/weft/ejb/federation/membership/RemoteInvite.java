package org.weft.ejb.federation.membership;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.core.id.ServerName;
import org.weft.core.id.UserId;
import org.weft.core.pdu.PduSignatures;
import org.weft.ejb.events.EventReader;
import org.weft.ejb.events.RoomState;
import org.weft.ejb.events.StrippedState;
import org.weft.ejb.federation.FederationHttp;
import org.weft.ejb.federation.RemoteServerKeys;

/**
 * Our user invites a user of another server (server-server API, "Inviting to a room"): before the
 * invite is stored, the invitee's server gets it ({@code PUT /_matrix/federation/v2/invite}) with
 * the room's stripped state, and must sign it. Its signature is added to ours; anything else it
 * changed is ignored. A refusal is the client's answer ({@code 403}); an unreachable server,
 * {@code 502}.
 */
@ApplicationScoped
public class RemoteInvite {

    @Inject
    FederationHttp http;

    @Inject
    RemoteServerKeys keys;

    @EJB
    EventReader reader;

    /** The invite with the invitee's server's signature; called by the write path before it stores the event. */
    public Pdu countersign(Pdu invite, RoomVersion version, RoomState current) {
        ServerName target = UserId.parse(invite.stateKey()).server();
        Map<String, Object> request = Map.of("event", invite.json(), "room_version", version.id(),
                "invite_room_state", StrippedState.pdus(current, reader::pdu, invite.sender()));
        Map<String, Object> answer = http.json("PUT", target, "/_matrix/federation/v2/invite/"
                + encode(invite.roomId()) + "/" + encode(invite.eventId()), request);
        Pdu both = AddedSignatures.of(invite, answer.get("event"), target.toString());
        if (both == null) {
            throw MatrixException.forbidden(target + " did not sign the invite");
        }
        if (!PduSignatures.isSignedBy(both, version, target.toString(), keys.forRoom(version))) {
            throw MatrixException.forbidden(target + "'s signature on the invite does not verify");
        }
        return both;
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
