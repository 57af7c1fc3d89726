package org.weft.ejb.media;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.weft.core.error.MatrixException;
import org.weft.ejb.config.MediaSettings;
import org.weft.ejb.config.WeftSettings;
import org.weft.persistence.media.RemoteMediaEntity;

/**
 * The rows of cached remote media: lookups, recording a fetched item, quarantine, and keeping the
 * cache within weft.media.remote_cache_max_bytes and _max_count by evicting the least recently
 * accessed items. Each method is its own short transaction; fetching happens outside them
 * ({@link RemoteMediaFetcher}).
 */
@Stateless
public class RemoteMediaCache {

    private static final Logger LOG = Logger.getLogger(RemoteMediaCache.class);

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @Inject
    WeftSettings settings;

    @Inject
    MediaStores stores;

    /**
     * The cached item, or null when it is not cached.
     *
     * @throws MatrixException 404 for quarantined items, and for the deprecated endpoints when the
     *                         item arrived after the freeze
     */
    public MediaService.Media find(String serverName, String mediaId, boolean unauthenticated) {
        RemoteMediaEntity cached = em.find(RemoteMediaEntity.class, RemoteMediaEntity.Key.of(serverName, mediaId));
        if (cached == null) {
            return null;
        }
        if (cached.isQuarantined() || (unauthenticated && cached.isAfterFreeze())) {
            throw MatrixException.notFound("No such media");
        }
        cached.accessed(System.currentTimeMillis());
        return media(cached);
    }

    /** Records a fetched item whose bytes are already in the store under its remote key. */
    public MediaService.Media record(RemoteMediaFetcher.Fetched fetched) {
        RemoteMediaEntity existing = em.find(RemoteMediaEntity.class,
                RemoteMediaEntity.Key.of(fetched.serverName(), fetched.mediaId()));
        if (existing != null) {
            return media(existing); // fetched twice at once on two nodes: the bytes are the same item
        }
        RemoteMediaEntity cached = new RemoteMediaEntity(fetched.serverName(), fetched.mediaId(), fetched.contentType(),
                fetched.fileName(), fetched.size(), fetched.sha256(), System.currentTimeMillis(),
                settings.media().legacyFrozen(), fetched.width(), fetched.height());
        em.persist(cached);
        return media(cached);
    }

    /** Quarantines a cached item (admin); it answers 404 from now on and is never fetched again while its row stays. */
    public boolean quarantine(String serverName, String mediaId) {
        RemoteMediaEntity cached = em.find(RemoteMediaEntity.class, RemoteMediaEntity.Key.of(serverName, mediaId));
        if (cached == null) {
            return false;
        }
        cached.quarantine();
        return true;
    }

    /** Removes a cached item and its files (admin); false when it was not cached. */
    public boolean delete(String serverName, String mediaId) {
        RemoteMediaEntity cached = em.find(RemoteMediaEntity.class, RemoteMediaEntity.Key.of(serverName, mediaId));
        if (cached == null) {
            return false;
        }
        em.remove(cached);
        em.flush();
        deleteFiles(List.of(cached));
        return true;
    }

    /**
     * Evicts least recently accessed items until the cache is within its bounds. Quarantined
     * rows are kept (they remember the quarantine) but their bytes count like any other.
     *
     * @return how many items were evicted
     */
    public int evictBeyondBounds() {
        MediaSettings limits = settings.media();
        Object[] totals = em.createNamedQuery(RemoteMediaEntity.TOTALS, Object[].class).getSingleResult();
        long count = ((Number) totals[0]).longValue();
        long bytes = ((Number) totals[1]).longValue();
        if (count <= limits.remoteCacheMaxCount() && bytes <= limits.remoteCacheMaxBytes()) {
            return 0;
        }
        List<RemoteMediaEntity> evicted = new ArrayList<>();
        List<RemoteMediaEntity> oldestFirst = em.createNamedQuery(RemoteMediaEntity.LEAST_RECENT, RemoteMediaEntity.class)
                .setMaxResults(1000).getResultList();
        for (RemoteMediaEntity item : oldestFirst) {
            if (count <= limits.remoteCacheMaxCount() && bytes <= limits.remoteCacheMaxBytes()) {
                break;
            }
            if (item.isQuarantined()) {
                continue;
            }
            em.remove(item);
            evicted.add(item);
            count--;
            bytes -= item.getSizeBytes();
        }
        em.flush(); // rows first: bytes without rows are garbage, rows without bytes would be errors
        deleteFiles(evicted);
        if (!evicted.isEmpty()) {
            LOG.debugf("Evicted %d remote media items from the cache", evicted.size());
        }
        return evicted.size();
    }

    private void deleteFiles(List<RemoteMediaEntity> items) {
        MediaStore store = stores.current();
        for (RemoteMediaEntity item : items) {
            try {
                store.delete(MediaStore.remoteKey(item.getServerName(), item.getMediaId()));
                store.delete(MediaStore.remoteThumbnailsKey(item.getServerName(), item.getMediaId()));
            } catch (IOException e) {
                LOG.warnf("Cached media %s/%s removed, but its files could not be: %s", item.getServerName(),
                        item.getMediaId(), e.getMessage());
            }
        }
    }

    private static MediaService.Media media(RemoteMediaEntity cached) {
        return new MediaService.Media(cached.getServerName(), cached.getMediaId(), cached.getContentType(),
                cached.getUploadName(), cached.getSizeBytes(), cached.getWidth(), cached.getHeight(),
                MediaStore.remoteKey(cached.getServerName(), cached.getMediaId()));
    }
}
