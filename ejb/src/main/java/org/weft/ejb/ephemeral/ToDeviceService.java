package org.weft.ejb.ephemeral;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.json.Json;
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

    /** PUT /sendToDevice/{eventType}/{txnId}: idempotent per (device, txnId). Remote users are skipped until federation. */
    public void send(Requester requester, String type, String txnId, Map<String, Object> messages) {
        String scope = "sendToDevice " + type;
        EventTxnEntity.EventTxnKey key = new EventTxnEntity.EventTxnKey(requester.userId(), requester.deviceId(), scope, txnId);
        if (em.find(EventTxnEntity.class, key) != null) {
            return;
        }
        for (Map.Entry<String, Object> byUser : messages.entrySet()) {
            if (!(byUser.getValue() instanceof Map<?, ?> byDevice)) {
                throw MatrixException.badJson("messages." + byUser.getKey() + " must be an object");
            }
            List<String> userDevices = devicesOf(byUser.getKey());
            for (Map.Entry<?, ?> message : byDevice.entrySet()) {
                if (!(message.getValue() instanceof Map<?, ?> content)) {
                    throw MatrixException.badJson("Each message must be an object");
                }
                String deviceId = (String) message.getKey();
                List<String> targets = "*".equals(deviceId) ? userDevices
                        : userDevices.contains(deviceId) ? List.of(deviceId) : List.of();
                for (String target : targets) {
                    long position = stream.nextPosition(StreamChange.user(byUser.getKey()));
                    em.persist(new DeviceMessageEntity(position, byUser.getKey(), target, requester.userId(), type,
                            Json.write(content)));
                }
            }
        }
        em.persist(new EventTxnEntity(requester.userId(), requester.deviceId(), scope, txnId, "-", null, System.currentTimeMillis()));
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
