package org.weft.ejb.federation.outbound;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import org.weft.ejb.tx.JdbcReads;

/**
 * The outbound queue's tables: {@code federation_outbound_pdus} and {@code federation_outbound_edus}
 * (what each server is still to receive, in order) and {@code federation_destinations} (servers that failed, and when to try
 * again). Rows are added in the event's transaction; the sender reads and removes them in
 * transactions of its own.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class OutboundQueueStore {

    /** A queued PDU. */
    public record Queued(long id, String eventId) {
    }

    /** A queued EDU that must arrive. */
    public record QueuedEdu(long id, String type, String contentJson) {
    }

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @Inject
    JdbcReads jdbc;

    /** Adds a PDU for a server, in the caller's transaction. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void add(long id, String destination, String eventId) {
        em.createNativeQuery("INSERT INTO federation_outbound_pdus (id, destination, event_id, queued_ts) VALUES (?,?,?,?)")
                .setParameter(1, id).setParameter(2, destination).setParameter(3, eventId)
                .setParameter(4, System.currentTimeMillis()).executeUpdate();
    }

    /** Adds an EDU that must arrive (to-device, device lists) for a server, in the caller's transaction. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void addEdu(long id, String destination, String type, String contentJson) {
        em.createNativeQuery("INSERT INTO federation_outbound_edus (id, destination, edu_type, content_json, queued_ts)"
                        + " VALUES (?,?,?,?,?)").setParameter(1, id).setParameter(2, destination).setParameter(3, type)
                .setParameter(4, contentJson).setParameter(5, System.currentTimeMillis()).executeUpdate();
    }

    /** The oldest EDUs queued for a server, at most {@code limit}; a read of committed rows, as {@link #next}. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<QueuedEdu> nextEdus(String destination, int limit) {
        return jdbc.list("SELECT id, edu_type, content_json FROM federation_outbound_edus WHERE destination = ?"
                        + " ORDER BY destination, id LIMIT ?",
                row -> new QueuedEdu(row.getLong(1), row.getString(2), row.getString(3)), destination, limit);
    }

    /** The highest queue ID ever stored, for the ID counter after a restart. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public long maxId() {
        Object pdus = em.createNativeQuery("SELECT MAX(id) FROM federation_outbound_pdus").getSingleResult();
        Object edus = em.createNativeQuery("SELECT MAX(id) FROM federation_outbound_edus").getSingleResult();
        return Math.max(pdus == null ? 0 : ((Number) pdus).longValue(), edus == null ? 0 : ((Number) edus).longValue());
    }

    /**
     * The oldest PDUs queued for a server, at most {@code limit}. The sender reads before every
     * transaction it sends, outside any transaction and in plain JDBC (a new transaction and a
     * Hibernate query for each of the two reads were a millisecond of a message's way to
     * another server in the federation benchmark); what it reads is committed.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Queued> next(String destination, int limit) {
        // "ORDER BY destination, id", the index's own order: H2 reads the first rows of the index
        // then. Ordered by id alone it read and sorted the destination's whole queue (a backlog
        // of 10,000 rows for every 50 sent: most of the sender's time in the federation benchmark).
        return jdbc.list("SELECT id, event_id FROM federation_outbound_pdus WHERE destination = ? ORDER BY destination, id LIMIT ?",
                row -> new Queued(row.getLong(1), row.getString(2)), destination, limit);
    }

    /** Removes PDUs and EDUs the server has taken, and with {@code recovered} its backoff: one transaction. */
    public void sent(String destination, List<Long> ids, List<Long> eduIds, boolean recovered) {
        if (!ids.isEmpty()) {
            // By ID alone (IDs are unique across destinations): with the destination in the condition
            // H2 walked the destination's whole queue, testing each row against the list, so a
            // backlog of 10,000 cost 10,000 rows read per transaction sent (seen in a profile of
            // the federation benchmark's sender); the primary key finds the 50 directly.
            em.createNativeQuery("DELETE FROM federation_outbound_pdus WHERE id IN (:ids)")
                    .setParameter("ids", ids).executeUpdate();
        }
        if (!eduIds.isEmpty()) {
            em.createNativeQuery("DELETE FROM federation_outbound_edus WHERE id IN (:ids)")
                    .setParameter("ids", eduIds).executeUpdate();
        }
        if (recovered) {
            em.createNativeQuery("DELETE FROM federation_destinations WHERE destination = ?")
                    .setParameter(1, destination).executeUpdate();
        }
    }

    /** Drops everything queued for a server (one Weft no longer federates with). */
    public void drop(String destination) {
        em.createNativeQuery("DELETE FROM federation_outbound_pdus WHERE destination = ?")
                .setParameter(1, destination).executeUpdate();
        em.createNativeQuery("DELETE FROM federation_outbound_edus WHERE destination = ?")
                .setParameter(1, destination).executeUpdate();
    }

    /** Servers with PDUs or EDUs waiting. */
    public List<String> destinationsWaiting() {
        List<String> destinations = new ArrayList<>();
        for (Object name : em.createNativeQuery("SELECT destination FROM federation_outbound_pdus UNION"
                + " SELECT destination FROM federation_outbound_edus").getResultList()) {
            destinations.add((String) name);
        }
        return destinations;
    }

    /** When the server may be tried again (0: now). */
    public long retryAt(String destination) {
        List<?> rows = em.createNativeQuery("SELECT retry_at_ts FROM federation_destinations WHERE destination = ?")
                .setParameter(1, destination).getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).longValue();
    }

    /**
     * Records a failure: the wait doubles from {@code initialMs} with each one, up to {@code maxMs}.
     *
     * @return when to try again
     */
    public long failed(String destination, long initialMs, long maxMs) {
        List<?> rows = em.createNativeQuery("SELECT failures FROM federation_destinations WHERE destination = ?")
                .setParameter(1, destination).getResultList();
        int failures = rows.isEmpty() ? 1 : ((Number) rows.get(0)).intValue() + 1;
        long wait = Backoff.delay(failures, initialMs, maxMs);
        long retryAt = System.currentTimeMillis() + wait;
        if (rows.isEmpty()) {
            em.createNativeQuery("INSERT INTO federation_destinations (destination, failures, retry_at_ts) VALUES (?,?,?)")
                    .setParameter(1, destination).setParameter(2, failures).setParameter(3, retryAt).executeUpdate();
        } else {
            em.createNativeQuery("UPDATE federation_destinations SET failures = ?, retry_at_ts = ? WHERE destination = ?")
                    .setParameter(1, failures).setParameter(2, retryAt).setParameter(3, destination).executeUpdate();
        }
        return retryAt;
    }
}
