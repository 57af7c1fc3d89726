package org.weft.ejb.federation.outbound;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.e2e.CrossSigningService;
import org.weft.ejb.e2e.DeviceListChanged;
import org.weft.ejb.e2e.SigningKeysChanged;
import org.weft.ejb.ephemeral.PresenceChanged;
import org.weft.ejb.ephemeral.ReceiptPosted;
import org.weft.ejb.ephemeral.ToDeviceForServer;
import org.weft.ejb.ephemeral.TypingChanged;
import org.weft.ejb.rooms.MembershipService;
import org.weft.ejb.users.DeviceService;

/**
 * Local users' ephemeral changes, as EDUs for the other servers concerned (server-server API,
 * "EDUs"): typing and receipts to the servers of the room's joined members, presence, device list
 * and signing key updates to every server sharing a room with the user, to-device messages to the
 * server of their recipients. Each is observed in the change's transaction, where the servers
 * concerned are read; typing, receipts and presence are queued once it committed, the rest in it
 * ({@link OutboundEdus}).
 */
@ApplicationScoped
public class EduBroadcaster {

    @Inject
    OutboundEdus edus;

    @Inject
    RoomServers roomServers;

    @Inject
    WeftSettings settings;

    @EJB
    MembershipService memberships;

    @EJB
    CrossSigningService crossSigning;

    @EJB
    DeviceService devices;

    void onTyping(@Observes TypingChanged typing) {
        edus.ephemeral(roomServers.of(typing.roomId()), "typing " + typing.roomId() + " " + typing.userId(), "m.typing",
                Map.of("room_id", typing.roomId(), "user_id", typing.userId(), "typing", typing.typing()));
    }

    void onReceipt(@Observes ReceiptPosted receipt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ts", receipt.ts());
        if (receipt.threadId() != null) {
            data.put("thread_id", receipt.threadId());
        }
        Map<String, Object> byUser = Map.of(receipt.userId(), Map.of("event_ids", List.of(receipt.eventId()), "data", data));
        edus.ephemeral(roomServers.of(receipt.roomId()),
                "receipt " + receipt.roomId() + " " + receipt.userId() + " " + receipt.threadId(), "m.receipt",
                Map.of(receipt.roomId(), Map.of("m.read", byUser)));
    }

    void onPresence(@Observes PresenceChanged presence) {
        Map<String, Object> entry = new LinkedHashMap<>(presence.content());
        entry.put("user_id", presence.userId());
        edus.ephemeral(serversSharingARoomWith(presence.userId()), "presence " + presence.userId(), "m.presence",
                Map.of("push", List.of(entry)));
    }

    void onToDevice(@Observes ToDeviceForServer message) {
        edus.durable(message.destination(), "m.direct_to_device", message.content());
    }

    void onDeviceList(@Observes DeviceListChanged change) {
        Set<String> destinations = serversSharingARoomWith(change.userId());
        if (destinations.isEmpty()) {
            return;
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("user_id", change.userId());
        content.put("device_id", change.deviceId());
        content.put("stream_id", change.streamId());
        content.put("prev_id", change.prevId() == 0 ? List.of() : List.of(change.prevId()));
        if (change.keys() == null) {
            content.put("deleted", true);
        } else {
            content.put("keys", change.keys());
            String name = devices.displayName(change.userId(), change.deviceId());
            if (name != null) {
                content.put("device_display_name", name);
            }
        }
        destinations.forEach(destination -> edus.durable(destination, "m.device_list_update", content));
    }

    void onSigningKeys(@Observes SigningKeysChanged change) {
        Set<String> destinations = serversSharingARoomWith(change.userId());
        if (destinations.isEmpty()) {
            return;
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("user_id", change.userId());
        Map<String, Object> master = crossSigning.key(change.userId(), "master");
        Map<String, Object> selfSigning = crossSigning.key(change.userId(), "self_signing");
        if (master != null) {
            content.put("master_key", master);
        }
        if (selfSigning != null) {
            content.put("self_signing_key", selfSigning);
        }
        destinations.forEach(destination -> edus.durable(destination, "m.signing_key_update", content));
    }

    /** The other servers with a member joined to a room the user is joined to. */
    private Set<String> serversSharingARoomWith(String userId) {
        Set<String> servers = new TreeSet<>();
        for (String roomId : memberships.joinedRooms(userId)) {
            servers.addAll(roomServers.of(roomId));
        }
        servers.remove(settings.serverName().toString());
        return servers;
    }
}
