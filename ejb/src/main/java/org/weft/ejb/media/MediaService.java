package org.weft.ejb.media;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.ejb.config.MediaSettings;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.users.Requester;
import org.weft.persistence.media.MediaEntity;

/**
 * Local media (client-server API, "Content repository"): uploads in one step (POST
 * /media/v3/upload) or two (POST /media/v1/create, then PUT /media/v3/upload/{serverName}/{mediaId}),
 * the quotas and limits of the spec's security considerations, lookups for download, and
 * quarantine. Thumbnails are {@link ThumbnailService}'s.
 */
@Stateless
public class MediaService {

    private static final Logger LOG = Logger.getLogger(MediaService.class);
    private static final Pattern MEDIA_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A downloadable item.
     *
     * @param origin the server it was uploaded to: this one, or the one a cached copy came from
     */
    public record Media(String origin, String mediaId, String contentType, String uploadName, long size,
                        Integer width, Integer height, String storeKey) {
    }

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @Inject
    WeftSettings settings;

    @Inject
    ThumbnailService thumbnails;

    @Inject
    MediaStores stores;

    @jakarta.ejb.EJB
    RemoteMediaCache remoteCache;

    /** POST /media/v3/upload: the new item's mxc URI. */
    public String upload(Requester uploader, ReceivedUpload body, String contentType, String uploadName) {
        long now = System.currentTimeMillis();
        MediaEntity media = MediaEntity.pending(newMediaId(), uploader.userId(), now, now, frozen());
        em.persist(media);
        complete(uploader, media, body, contentType, uploadName);
        return mxc(media.getMediaId());
    }

    /** POST /media/v1/create: a media ID to upload to later. */
    public Map<String, Object> create(Requester uploader) {
        MediaSettings limits = settings.media();
        long now = System.currentTimeMillis();
        long pending = em.createNamedQuery(MediaEntity.PENDING, Long.class).setParameter("uploader", uploader.userId())
                .setParameter("now", now).getSingleResult();
        if (pending >= limits.maxPendingUploads()) {
            throw new MatrixException(ErrCode.M_LIMIT_EXCEEDED, 429,
                    "Too many media IDs are waiting for their upload", Map.of());
        }
        MediaEntity media = MediaEntity.pending(newMediaId(), uploader.userId(), now, now + limits.pendingExpiryMs(),
                frozen());
        em.persist(media);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("content_uri", mxc(media.getMediaId()));
        response.put("unused_expires_at", media.getPendingUntil());
        return response;
    }

    /** PUT /media/v3/upload/{serverName}/{mediaId}: the bytes of an item made by /create. */
    public void uploadTo(Requester uploader, String serverName, String mediaId, ReceivedUpload body,
                         String contentType, String uploadName) {
        MediaEntity media = local(serverName, mediaId);
        if (media == null) {
            throw MatrixException.notFound("No such media ID");
        }
        if (!media.getUploader().equals(uploader.userId())) {
            throw MatrixException.forbidden("This media ID was created by another user");
        }
        if (media.getUploadedTs() != null) {
            throw new MatrixException(ErrCode.M_CANNOT_OVERWRITE_MEDIA, "This media already has its content");
        }
        if (media.getPendingUntil() < System.currentTimeMillis()) {
            throw MatrixException.notFound("This media ID expired unused");
        }
        complete(uploader, media, body, contentType, uploadName);
    }

    /**
     * The item for a download, or null while its upload is pending.
     *
     * @param unauthenticated asked through the deprecated /_matrix/media/v3 endpoints
     * @throws MatrixException 404 M_NOT_FOUND for unknown, remote, expired, quarantined or frozen media
     */
    public Media find(String serverName, String mediaId, boolean unauthenticated) {
        MediaEntity media = local(serverName, mediaId);
        long now = System.currentTimeMillis();
        if (media == null || media.isQuarantined() || (unauthenticated && media.isAfterFreeze())
                || (media.getUploadedTs() == null && media.getPendingUntil() < now)) {
            throw MatrixException.notFound("No such media");
        }
        if (media.getUploadedTs() == null) {
            return null;
        }
        media.accessed(now);
        return new Media(serverName, media.getMediaId(), media.getContentType(), media.getUploadName(), media.getSizeBytes(),
                media.getWidth(), media.getHeight(), MediaStore.localKey(media.getMediaId()));
    }

    /** Quarantined media answers 404 to everyone, its uploader included; the bytes are kept for review. */
    public void quarantine(String serverName, String mediaId) {
        if (!isLocal(serverName)) {
            if (!remoteCache.quarantine(serverName, mediaId)) {
                throw MatrixException.notFound("No such media in the cache");
            }
            return;
        }
        MediaEntity media = local(serverName, mediaId);
        if (media == null) {
            throw MatrixException.notFound("No such media");
        }
        media.quarantine();
    }

    /** Deletes an item, its thumbnails and their bytes (admin). */
    public void delete(String serverName, String mediaId) {
        if (!isLocal(serverName)) {
            if (!remoteCache.delete(serverName, mediaId)) {
                throw MatrixException.notFound("No such media in the cache");
            }
            return;
        }
        MediaEntity media = local(serverName, mediaId);
        if (media == null) {
            throw MatrixException.notFound("No such media");
        }
        em.createQuery("delete from ThumbnailEntity t where t.mediaId = :mediaId").setParameter("mediaId", mediaId)
                .executeUpdate();
        em.remove(media);
        em.flush(); // the rows go first: bytes without rows are garbage, rows without bytes would be errors
        try {
            MediaStore store = stores.current();
            store.delete(MediaStore.localKey(mediaId));
            store.delete("thumbnails/" + mediaId);
        } catch (IOException e) {
            LOG.warnf("Media %s deleted, but its files could not be removed: %s", mediaId, e.getMessage());
        }
    }

    /** GET /media/v1/config. */
    public Map<String, Object> config() {
        return Map.of("m.upload.size", settings.media().maxUploadBytes());
    }

    private void complete(Requester uploader, MediaEntity media, ReceivedUpload body, String contentType,
                          String uploadName) {
        MediaSettings limits = settings.media();
        Object[] usage = em.createNamedQuery(MediaEntity.USAGE, Object[].class)
                .setParameter("uploader", uploader.userId()).getSingleResult();
        long count = ((Number) usage[0]).longValue();
        long bytes = ((Number) usage[1]).longValue();
        if ((limits.userQuotaCount() > 0 && count + 1 > limits.userQuotaCount())
                || (limits.userQuotaBytes() > 0 && bytes + body.size() > limits.userQuotaBytes())) {
            body.discard();
            throw MatrixException.forbidden("Your media quota is used up (" + limits.userQuotaCount() + " files, "
                    + limits.userQuotaBytes() + " bytes)");
        }
        String type = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType.trim();
        Optional<int[]> size = Thumbnailer.THUMBNAILABLE.contains(type) ? Thumbnailer.dimensions(body.file())
                : Optional.empty();
        media.uploaded(type, uploadName, body.size(), body.sha256(), System.currentTimeMillis(),
                size.map(s -> s[0]).orElse(null), size.map(s -> s[1]).orElse(null));
        // Thumbnails from the received file while it is still local, then the file moves into the store.
        size.ifPresent(s -> thumbnails.pregenerate(media.getMediaId(), body.file(), type, s[0], s[1]));
        try {
            stores.current().put(MediaStore.localKey(media.getMediaId()), body.file());
        } catch (IOException e) {
            body.discard();
            throw new UncheckedIOException("Could not store media " + media.getMediaId(), e);
        }
        LOG.debugf("Stored media %s (%d bytes, %s) of %s", media.getMediaId(), body.size(), type, uploader.userId());
    }

    /** Whether {@code serverName} is this server's (media of other servers is cached, not owned). */
    public boolean isLocal(String serverName) {
        return settings.serverName().toString().equals(serverName);
    }

    private MediaEntity local(String serverName, String mediaId) {
        if (!isLocal(serverName) || mediaId == null || !MEDIA_ID.matcher(mediaId).matches()) {
            return null; // remote media is RemoteMediaCache's; a malformed ID names nothing
        }
        return em.find(MediaEntity.class, mediaId);
    }

    private boolean frozen() {
        return settings.media().legacyFrozen();
    }

    private String mxc(String mediaId) {
        return "mxc://" + settings.serverName() + "/" + mediaId;
    }

    private static String newMediaId() {
        StringBuilder id = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
