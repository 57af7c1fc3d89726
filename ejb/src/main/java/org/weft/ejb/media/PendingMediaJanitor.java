package org.weft.ejb.media;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.jboss.logging.Logger;

/**
 * Removes media IDs from POST /media/v1/create that expired without an upload. They already count
 * for nothing (not for quotas, not for the pending limit, and downloads answer 404); this only
 * keeps the table from growing. The same sweep brings the remote media cache within its bounds
 * when an operator lowered them (fetches keep it there otherwise). A non-persistent timer: a
 * missed sweep is made up by the next.
 */
@Singleton
public class PendingMediaJanitor {

    private static final Logger LOG = Logger.getLogger(PendingMediaJanitor.class);

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @jakarta.ejb.EJB
    RemoteMediaCache remoteCache;

    @Schedule(hour = "*", minute = "*/10", persistent = false)
    void sweep() {
        int removed = em.createQuery("delete from MediaEntity m where m.uploadedTs is null and m.pendingUntil < :now")
                .setParameter("now", System.currentTimeMillis()).executeUpdate();
        if (removed > 0) {
            LOG.debugf("Removed %d expired pending media IDs", removed);
        }
        remoteCache.evictBeyondBounds();
    }
}
