package org.weft.ejb.ephemeral;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.weft.core.error.MatrixException;
import org.weft.core.json.Json;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.events.StreamChange;
import org.weft.ejb.events.StreamIdGenerator;
import org.weft.ejb.users.Requester;
import org.weft.persistence.rooms.EventTxnEntity;
import org.weft.persistence.sync.DeviceMessageEntity;
import org.weft.persistence.users.DeviceEntity;

/**
 * Send-to-device messaging (client-server API, "Send-to-Device messaging"): PUT
 * /sendToDevice/{eventType}/{txnId} stores one message per target device, each on the sync stream;
 * the device gets them in {@code to_device} and they are deleted once it syncs past them.
 */
@Stateless
public class ToDeviceService {

    /** Spec does not bound a sync's to_device list; a cap keeps one response small. */
    static final int MAX_PER_SYNC = 100;

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @EJB
    StreamIdGenerator stream;

    @Inject
    WeftSettings settings;

    @Inject
    Event<ToDeviceForServer> toServer;

    /**
     * PUT /sendToDevice/{eventType}/{txnId}: idempotent per (device, txnId). Messages for other
     * servers' users go to those servers as one m.direct_to_device EDU each, queued in this
     * transaction ({@link ToDeviceForServer}).
     */
    public void send(Requester requester, String type, String txnId, Map<String, Object> messages) {
        String scope = "sendToDevice " + type;
        EventTxnEntity.EventTxnKey key = new EventTxnEntity.EventTxnKey(requester.userId(), requester.deviceId(), scope, txnId);
        if (em.find(EventTxnEntity.class, key) != null) {
            return;
        }
        Map<String, Map<String, Object>> remote = new TreeMap<>();
        for (Map.Entry<String, Object> byUser : messages.entrySet()) {
            if (!(byUser.getValue() instanceof Map<?, ?> byDevice)) {
                throw MatrixException.badJson("messages." + byUser.getKey() + " must be an object");
            }
            for (Object content : byDevice.values()) {
                if (!(content instanceof Map<?, ?>)) {
                    throw MatrixException.badJson("Each message must be an object");
                }
            }
            String server = serverOf(byUser.getKey());
            if (server == null || server.equals(settings.serverName().toString())) {
                deliver(requester.userId(), type, byUser.getKey(), byDevice);
            } else {
                remote.computeIfAbsent(server, s -> new LinkedHashMap<>()).put(byUser.getKey(), byDevice);
            }
        }
        remote.forEach((server, byUser) -> toServer.fire(new ToDeviceForServer(server, Map.of("sender", requester.userId(),
                "type", type, "message_id", UUID.randomUUID().toString(), "messages", byUser))));
        em.persist(new EventTxnEntity(requester.userId(), requester.deviceId(), scope, txnId, "-", null, System.currentTimeMillis()));
    }

    /**
     * An m.direct_to_device EDU from another server (server-server API, "Send-to-device
     * messaging"): delivered to the local users it names, once per sender and message ID however
     * often the server sends it. Users of other servers are ignored.
     *
     * @return false when it had been delivered before
     */
    public boolean deliverRemote(String sender, String type, String messageId, Map<?, ?> messages) {
        if (em.createNativeQuery("SELECT 1 FROM federation_inbound_to_device WHERE sender = ? AND message_id = ?")
                .setParameter(1, sender).setParameter(2, messageId).getResultList().size() > 0) {
            return false;
        }
        em.createNativeQuery("INSERT INTO federation_inbound_to_device (sender, message_id, received_ts) VALUES (?,?,?)")
                .setParameter(1, sender).setParameter(2, messageId).setParameter(3, System.currentTimeMillis()).executeUpdate();
        for (Map.Entry<?, ?> byUser : messages.entrySet()) {
            if (byUser.getKey() instanceof String userId && settings.serverName().toString().equals(serverOf(userId))
                    && byUser.getValue() instanceof Map<?, ?> byDevice) {
                deliver(sender, type, userId, byDevice);
            }
        }
        return true;
    }

    /** Forgets to-device message IDs of other servers older than a day: a server resends within hours, not days. */
    @Schedule(hour = "*", minute = "17", persistent = false)
    void forgetOldMessageIds() {
        em.createNativeQuery("DELETE FROM federation_inbound_to_device WHERE received_ts < ?")
                .setParameter(1, System.currentTimeMillis() - 86_400_000L).executeUpdate();
    }

    private void deliver(String sender, String type, String userId, Map<?, ?> byDevice) {
        List<String> userDevices = devicesOf(userId);
        for (Map.Entry<?, ?> message : byDevice.entrySet()) {
            if (!(message.getKey() instanceof String deviceId) || !(message.getValue() instanceof Map<?, ?> content)) {
                continue;
            }
            List<String> targets = "*".equals(deviceId) ? userDevices
                    : userDevices.contains(deviceId) ? List.of(deviceId) : List.of();
            for (String target : targets) {
                long position = stream.nextPosition(StreamChange.user(userId));
                em.persist(new DeviceMessageEntity(position, userId, target, sender, type, Json.write(content)));
            }
        }
    }

    private static String serverOf(String userId) {
        int colon = userId.indexOf(':');
        return colon < 0 ? null : userId.substring(colon + 1);
    }

    /**
     * The device's messages after {@code since} (deleting those up to it: the client has them), at
     * most {@link #MAX_PER_SYNC}; the position of the last one returned, or {@code upTo} when all fit.
     */
    public Inbox inbox(String userId, String deviceId, long since, long upTo) {
        if (since > 0) {
            em.createQuery("delete from DeviceMessageEntity m where m.userId = :userId and m.deviceId = :deviceId"
                    + " and m.streamPos <= :since").setParameter("userId", userId).setParameter("deviceId", deviceId)
                    .setParameter("since", since).executeUpdate();
        }
        List<DeviceMessageEntity> rows = em.createQuery("select m from DeviceMessageEntity m where m.userId = :userId"
                + " and m.deviceId = :deviceId and m.streamPos > :since and m.streamPos <= :upTo order by m.streamPos",
                DeviceMessageEntity.class).setParameter("userId", userId).setParameter("deviceId", deviceId)
                .setParameter("since", since).setParameter("upTo", upTo).setMaxResults(MAX_PER_SYNC).getResultList();
        List<Map<String, Object>> events = new ArrayList<>();
        for (DeviceMessageEntity row : rows) {
            events.add(Map.of("type", row.getType(), "sender", row.getSender(), "content", Json.parse(row.getContent())));
        }
        boolean all = rows.size() < MAX_PER_SYNC;
        return new Inbox(events, all ? upTo : rows.get(rows.size() - 1).getStreamPos());
    }

    /** A device's pending messages and how far they reach. */
    public record Inbox(List<Map<String, Object>> events, long reachedUpTo) {
    }

    private List<String> devicesOf(String userId) {
        return em.createNamedQuery(DeviceEntity.FIND_BY_USER, DeviceEntity.class).setParameter("userId", userId)
                .getResultList().stream().map(DeviceEntity::getDeviceId).toList();
    }
}
