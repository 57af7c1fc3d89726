package org.weft.ejb.federation.inbound;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.weft.core.error.MatrixException;
import org.weft.core.id.ServerName;
import org.weft.core.json.Json;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.ephemeral.PresenceService;
import org.weft.ejb.ephemeral.ReceiptService;
import org.weft.ejb.ephemeral.ToDeviceService;
import org.weft.ejb.ephemeral.TypingService;
import org.weft.ejb.federation.e2e.RemoteDeviceLists;

/**
 * The EDUs of an incoming transaction (server-server API, "EDUs"), each on its own: one that is
 * malformed, too large ({@code weft.federation.max_edu_bytes}), of an unknown type, or about a
 * user of another server than the one that sent it is dropped, and the others are received. An
 * EDU is never a reason to refuse the transaction.
 */
@ApplicationScoped
public class EduIntake {

    private static final Logger LOG = Logger.getLogger(EduIntake.class);

    @EJB
    TypingService typing;

    @EJB
    ReceiptService receipts;

    @EJB
    PresenceService presence;

    @EJB
    ToDeviceService toDevice;

    @EJB
    RemoteDeviceLists deviceLists;

    @Inject
    WeftSettings settings;

    /** Receives a transaction's EDUs. */
    public void receiveAll(ServerName origin, List<?> edus) {
        for (Object edu : edus) {
            try {
                receive(origin, edu);
            } catch (MatrixException | IllegalArgumentException | ClassCastException | EJBException e) {
                LOG.debugf("EDU from %s dropped: %s", origin, e.getMessage());
            }
        }
    }

    private void receive(ServerName origin, Object item) {
        if (!(item instanceof Map<?, ?> edu) || !(edu.get("edu_type") instanceof String type)
                || !(edu.get("content") instanceof Map<?, ?> content)) {
            throw new IllegalArgumentException("an EDU is an object with edu_type and content");
        }
        if (Json.write(content).getBytes(StandardCharsets.UTF_8).length > settings.federation().maxEduBytes()) {
            throw new IllegalArgumentException(type + " larger than weft.federation.max_edu_bytes");
        }
        switch (type) {
            case "m.typing" -> {
                String userId = userOf(origin, content.get("user_id"));
                typing.setRemote(text(content.get("room_id")), userId, Boolean.TRUE.equals(content.get("typing")));
            }
            case "m.receipt" -> receipts(origin, content);
            case "m.presence" -> presence(origin, content);
            case "m.direct_to_device" -> toDevice.deliverRemote(userOf(origin, content.get("sender")), text(content.get("type")),
                    text(content.get("message_id")), content.get("messages") instanceof Map<?, ?> messages ? messages : Map.of());
            case "m.device_list_update" -> {
                userOf(origin, content.get("user_id"));
                deviceLists.update(content);
            }
            case "m.signing_key_update" -> {
                userOf(origin, content.get("user_id"));
                deviceLists.signingKeys(content);
            }
            default -> LOG.debugf("EDU of unknown type %s from %s ignored", type, origin);
        }
    }

    /** m.receipt: {room_id: {m.read: {user_id: {event_ids, data: {ts, thread_id}}}}}; each receipt on its own. */
    private void receipts(ServerName origin, Map<?, ?> content) {
        content.forEach((roomId, byType) -> {
            if (!(byType instanceof Map<?, ?> types) || !(types.get("m.read") instanceof Map<?, ?> byUser)) {
                return; // other receipt types are not shared across servers
            }
            byUser.forEach((userId, receipt) -> {
                try {
                    String user = userOf(origin, userId);
                    if (receipt instanceof Map<?, ?> r && r.get("event_ids") instanceof List<?> ids && !ids.isEmpty()
                            && r.get("data") instanceof Map<?, ?> data) {
                        long ts = data.get("ts") instanceof Number n ? n.longValue() : System.currentTimeMillis();
                        receipts.remote(text(roomId), user, text(ids.get(ids.size() - 1)), ts,
                                data.get("thread_id") instanceof String thread ? thread : null);
                    }
                } catch (MatrixException | IllegalArgumentException | EJBException e) {
                    LOG.debugf("Receipt from %s in %s dropped: %s", origin, roomId, e.getMessage());
                }
            });
        });
    }

    /** m.presence: {push: [{user_id, presence, status_msg, last_active_ago, currently_active}]}. */
    private void presence(ServerName origin, Map<?, ?> content) {
        if (!(content.get("push") instanceof List<?> push)) {
            throw new IllegalArgumentException("m.presence needs push");
        }
        for (Object item : push) {
            try {
                if (item instanceof Map<?, ?> entry) {
                    presence.setRemote(userOf(origin, entry.get("user_id")), text(entry.get("presence")),
                            entry.get("status_msg") instanceof String message ? message : null,
                            entry.get("last_active_ago") instanceof Number ago ? ago.longValue() : 0);
                }
            } catch (MatrixException | IllegalArgumentException | EJBException e) {
                LOG.debugf("Presence from %s dropped: %s", origin, e.getMessage());
            }
        }
    }

    /** A user ID of the sending server: EDUs speak only for their origin's users. */
    private static String userOf(ServerName origin, Object userId) {
        String id = text(userId);
        if (!id.startsWith("@") || !id.endsWith(":" + origin)) {
            throw new IllegalArgumentException(id + " is not a user of " + origin);
        }
        return id;
    }

    private static String text(Object value) {
        if (!(value instanceof String text) || text.isEmpty()) {
            throw new IllegalArgumentException("a string is missing");
        }
        return text;
    }
}
