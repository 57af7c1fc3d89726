package org.weft.ejb.events;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.Map;
import org.weft.core.event.Pdu;
import org.weft.core.json.Json;
import org.weft.core.pdu.JoinResponse;
import org.weft.ejb.tx.TransactionEnd;

/**
 * Events Weft holds outside any timeline (table {@code events_aside}): rejected by the receipt
 * checks, soft-failed, or outliers fetched for an auth chain (server-server API, "Checks performed
 * on receipt of a PDU", "Rejection", "Soft failure"). They are never shown to clients and never
 * become forward extremities, but they answer "do we have this event?" so nothing is fetched or
 * judged twice, and events citing them can still be judged.
 */
@Stateless
public class EventsAside {

    /** Why an event is aside. */
    public enum Kind {
        REJECTED('r'), SOFT_FAILED('s'), OUTLIER('o');

        final char code;

        Kind(char code) {
            this.code = code;
        }

        static Kind of(String code) {
            for (Kind kind : values()) {
                if (code.charAt(0) == kind.code) {
                    return kind;
                }
            }
            throw new IllegalStateException("Unknown events_aside kind " + code);
        }
    }

    /** An event aside, with the state after it (before it, when rejected), null for an outlier. */
    public record AsideEvent(Pdu pdu, Kind kind, Long stateGroup) {
    }

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @Inject
    StateCache cache;

    @Inject
    EventGroups groups;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Stores an event aside in the caller's transaction; one already there is left as it is. */
    public void store(Pdu pdu, Kind kind, String reason, Long stateGroup) {
        if (find(pdu.eventId()) != null) {
            return;
        }
        em.createNativeQuery("INSERT INTO events_aside (event_id, room_id, kind, reason, state_group, received_ts, json)"
                        + " VALUES (?,?,?,?,?,?,?)")
                .setParameter(1, pdu.eventId()).setParameter(2, pdu.roomId()).setParameter(3, String.valueOf(kind.code))
                .setParameter(4, reason == null ? null : truncate(reason)).setParameter(5, stateGroup)
                .setParameter(6, System.currentTimeMillis()).setParameter(7, Json.write(pdu.json()))
                .executeUpdate();
        cache.putEvent(pdu);
        if (stateGroup != null) {
            groups.remember(pdu.eventId(), stateGroup);
        }
    }

    /** The event if it is aside, or null. */
    @SuppressWarnings("unchecked")
    public AsideEvent find(String eventId) {
        List<Object[]> rows = em.createNativeQuery("SELECT kind, state_group, json FROM events_aside WHERE event_id = ?",
                Object[].class).setParameter(1, eventId).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = rows.get(0);
        Pdu pdu = cache.event(eventId);
        if (pdu == null) {
            pdu = Pdu.of(eventId, (Map<String, Object>) Json.parse((String) row[2]));
            cache.putEvent(pdu);
        }
        Long group = row[1] == null ? null : ((Number) row[1]).longValue();
        return new AsideEvent(pdu, Kind.of(String.valueOf(row[0])), group);
    }

    /**
     * Stores the events of a checked state answer from another server ({@code send_join},
     * {@code /state}) that this server lacks: outliers, or rejected ones as rejected.
     */
    public void storeChecked(JoinResponse.Checked answer, String where) {
        for (Pdu event : answer.events()) {
            if (find(event.eventId()) == null && em.createNativeQuery("SELECT COUNT(*) FROM events WHERE event_id = ?")
                    .setParameter(1, event.eventId()).getSingleResult() instanceof Number n && n.longValue() == 0) {
                boolean rejected = answer.rejected().contains(event.eventId());
                store(event, rejected ? Kind.REJECTED : Kind.OUTLIER, rejected ? "rejected in " + where : null, null);
            }
        }
    }

    /** An outlier that has just entered a timeline (backfill) is no longer aside. */
    public void forgetOutlier(String eventId) {
        em.createNativeQuery("DELETE FROM events_aside WHERE event_id = ? AND kind = ?").setParameter(1, eventId)
                .setParameter(2, String.valueOf(Kind.OUTLIER.code)).executeUpdate();
    }

    /**
     * Whether the event was rejected by the receipt checks (rule 2.3: such an event may not be
     * cited). Asked of every auth event of every PDU received, so one light query answers it, and
     * a "no" for an event this server holds is remembered once committed: an event aside keeps its
     * kind, and one in a timeline is never rejected.
     */
    public boolean isRejected(String eventId) {
        if (cache.knownNotRejected(eventId)) {
            return false;
        }
        List<?> kinds = em.createNativeQuery("SELECT kind FROM events_aside WHERE event_id = ? UNION ALL"
                + " SELECT '-' FROM events WHERE event_id = ?").setParameter(1, eventId).setParameter(2, eventId).getResultList();
        boolean rejected = kinds.stream().anyMatch(kind -> String.valueOf(Kind.REJECTED.code).equals(String.valueOf(kind)));
        if (!rejected && !kinds.isEmpty()) {
            TransactionEnd.afterCommit(transactions, () -> cache.putNotRejected(eventId));
        }
        return rejected;
    }

    private static String truncate(String reason) {
        return reason.length() <= 1000 ? reason : reason.substring(0, 1000);
    }
}
