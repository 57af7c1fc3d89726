package org.weft.ejb.push;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weft.core.event.Pdu;
import org.weft.core.json.Json;
import org.weft.core.push.PushActions;
import org.weft.ejb.events.EventReader;
import org.weft.ejb.events.RoomState;
import org.weft.ejb.rooms.RoomAccess;

/**
 * The {@code notification} object of the push gateway API ({@code POST /_matrix/push/v1/notify}):
 * the event's fields, the room's name and the sender's display name, the user's unread count, and
 * the device with the pusher's data (without its url) and the rule's tweaks. With
 * {@code format: event_id_only} only the event and room IDs, counts and device go.
 */
@Stateless
public class PushNotificationBuilder {

    @EJB
    EventReader reader;

    @EJB
    RoomAccess access;

    @EJB
    PushDeliveryStore store;

    public Map<String, Object> build(PushDeliveryStore.Delivery delivery, PusherService.Pusher pusher) {
        PushActions actions = PushActions.parse((List<?>) Json.parse(delivery.actionsJson()));
        Map<String, Object> data = new LinkedHashMap<>(pusher.data());
        data.remove("url");
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("app_id", pusher.appId());
        device.put("pushkey", pusher.pushkey());
        device.put("data", data);
        device.put("tweaks", actions.tweaks());

        Map<String, Object> notification = new LinkedHashMap<>();
        notification.put("event_id", delivery.eventId());
        notification.put("room_id", delivery.roomId());
        // "high" wakes the device now: a sound or highlight, or an encrypted message the gateway
        // cannot judge (as Synapse does; most messages are encrypted).
        Pdu event = reader.pdu(delivery.eventId());
        boolean encrypted = event != null && "m.room.encrypted".equals(event.type());
        notification.put("prio", actions.sound() != null || actions.highlight() || encrypted ? "high" : "low");
        notification.put("counts", Map.of("unread", store.unreadTotal(delivery.userId())));
        notification.put("devices", List.of(device));
        if ("event_id_only".equals(pusher.data().get("format"))) {
            return notification;
        }
        Pdu pdu = event;
        if (pdu != null) {
            RoomState state = access.currentState(access.room(delivery.roomId()));
            notification.put("type", pdu.type());
            notification.put("sender", pdu.sender());
            notification.put("content", pdu.content());
            Map<String, Object> member = access.content(state, "m.room.member", pdu.sender());
            if (member != null && member.get("displayname") instanceof String name) {
                notification.put("sender_display_name", name);
            }
            String roomName = access.name(state);
            if (roomName != null) {
                notification.put("room_name", roomName);
            }
            if ("m.room.member".equals(pdu.type())) {
                notification.put("user_is_target", delivery.userId().equals(pdu.stateKey()));
            }
        }
        return notification;
    }
}
