package org.weft.ejb.push;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.weft.ejb.rooms.MembershipService;

/**
 * The {@code push_deliveries} queue: rows added in the event's own transaction (so a restart loses
 * none), read when due, and removed or rescheduled, each change its own short transaction; the
 * HTTP requests between them hold none.
 */
@Stateless
public class PushDeliveryStore {

    /** One queued notification for one pusher. */
    public record Delivery(String id, String userId, String appId, String pushkey, String roomId, String eventId,
                           long streamPos, String actionsJson, int attempts, long createdTs) {
    }

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @Inject
    PusherDirectory directory;

    @EJB
    PusherService pushers;

    @EJB
    MembershipService membership;

    @Inject
    PushActionStore actions;

    @Inject
    org.weft.ejb.config.WeftSettings settings;

    /**
     * Queues the event for every pusher of the members it notified (in the caller's transaction):
     * for push gateways now, for email pushers after weft.push.email_delay_ms.
     *
     * @return when the first of them is due, or {@code Long.MAX_VALUE} when nothing was queued
     */
    public long enqueue(String roomId, String eventId, long position, Map<String, PushActionStore.Outcome> outcomes) {
        Set<String> withPushers = directory.users();
        long firstDue = Long.MAX_VALUE;
        long now = System.currentTimeMillis();
        long emailDue = now + settings.push().emailDelayMs();
        for (Map.Entry<String, PushActionStore.Outcome> entry : outcomes.entrySet()) {
            if (!entry.getValue().notifies() || !withPushers.contains(entry.getKey())) {
                continue;
            }
            for (PusherService.Pusher pusher : pushers.pushers(entry.getKey())) {
                long due = "email".equals(pusher.kind()) ? emailDue : now;
                em.createNativeQuery("INSERT INTO push_deliveries (id, user_id, app_id, pushkey, room_id, event_id,"
                        + " stream_pos, actions_json, attempts, next_attempt_ts, created_ts) VALUES (?,?,?,?,?,?,?,?,0,?,?)")
                        .setParameter(1, UUID.randomUUID().toString()).setParameter(2, pusher.userId())
                        .setParameter(3, pusher.appId()).setParameter(4, pusher.pushkey()).setParameter(5, roomId)
                        .setParameter(6, eventId).setParameter(7, position)
                        .setParameter(8, entry.getValue().actionsJson()).setParameter(9, due).setParameter(10, now)
                        .executeUpdate();
                firstDue = Math.min(firstDue, due);
            }
        }
        return firstDue;
    }

    /** Removes an email pusher's other waiting notifications: the summary just sent covered them. */
    public void coveredBySummary(String userId, String appId, String pushkey) {
        em.createNativeQuery("DELETE FROM push_deliveries WHERE user_id = ?1 AND app_id = ?2 AND pushkey = ?3")
                .setParameter(1, userId).setParameter(2, appId).setParameter(3, pushkey).executeUpdate();
    }

    /** Deliveries due now, oldest first. */
    public List<Delivery> due(long now, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, user_id, app_id, pushkey, room_id, event_id, stream_pos,"
                + " actions_json, attempts, created_ts FROM push_deliveries WHERE next_attempt_ts <= ?1"
                + " ORDER BY next_attempt_ts, stream_pos").setParameter(1, now).setMaxResults(limit).getResultList();
        List<Delivery> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new Delivery((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                    ((Number) r[6]).longValue(), (String) r[7], ((Number) r[8]).intValue(), ((Number) r[9]).longValue()));
        }
        return out;
    }

    public boolean exists(String id) {
        return !em.createNativeQuery("SELECT 1 FROM push_deliveries WHERE id = ?1").setParameter(1, id).getResultList()
                .isEmpty();
    }

    public void done(String id) {
        em.createNativeQuery("DELETE FROM push_deliveries WHERE id = ?1").setParameter(1, id).executeUpdate();
    }

    public void retryAt(String id, int attempts, long next) {
        em.createNativeQuery("UPDATE push_deliveries SET attempts = ?1, next_attempt_ts = ?2 WHERE id = ?3")
                .setParameter(1, attempts).setParameter(2, next).setParameter(3, id).executeUpdate();
    }

    /** The pusher a delivery is for, or null when it was removed since. */
    public PusherService.Pusher pusher(Delivery delivery) {
        return pushers.pushers(delivery.userId()).stream()
                .filter(p -> p.appId().equals(delivery.appId()) && p.pushkey().equals(delivery.pushkey()))
                .findFirst().orElse(null);
    }

    /** The gateway rejected these pushkeys: their pushers go (spec: "remove the associated pushers"). */
    public void rejected(String userId, String appId, List<String> pushkeys) {
        for (String pushkey : pushkeys) {
            pushers.delete(userId, appId, pushkey);
        }
    }

    /** The user's unread notifications across their rooms (the notification's counts.unread). */
    public long unreadTotal(String userId) {
        long total = 0;
        for (String roomId : membership.joinedRooms(userId)) {
            total += actions.unread(userId, roomId).all().notifications();
        }
        return total;
    }
}
