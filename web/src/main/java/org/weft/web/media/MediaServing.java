package org.weft.web.media;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.core.id.ServerName;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.media.MediaService;
import org.weft.ejb.media.MediaStores;
import org.weft.ejb.media.RemoteMediaCache;
import org.weft.ejb.media.RemoteMediaFetcher;
import org.weft.ejb.media.UrlPreviewService;
import org.weft.ejb.users.Requester;
import org.weft.ejb.media.ThumbnailService;
import org.weft.web.http.NumberParams;

/**
 * Downloads and thumbnails, shared by the authenticated endpoints and the deprecated ones: request
 * checks, the wait for a pending upload, and the response.
 */
@ApplicationScoped
public class MediaServing {

    @EJB
    MediaService media;

    @EJB
    ThumbnailService thumbnails;

    @Inject
    WeftSettings settings;

    @Inject
    MediaStores stores;

    @EJB
    RemoteMediaCache remoteCache;

    @Inject
    RemoteMediaFetcher fetcher;

    @Inject
    UrlPreviewService previews;

    Response serve(String serverName, String mediaId, String fileName, Long timeoutMs, String range,
                           boolean legacy, boolean allowRemote) {
        MediaService.Media item = find(serverName, mediaId, timeoutMs, legacy, allowRemote);
        String name = fileName == null || fileName.length() <= 1 ? item.uploadName() : fileName.substring(1);
        return MediaResponses.file(stores.current(), item.storeKey(), item.contentType(), item.size(), name, range);
    }

    Response thumb(String serverName, String mediaId, String width, String height, String method,
                           String animated, Long timeoutMs, boolean legacy, boolean allowRemote) {
        ThumbnailService.Served served = thumbnailOf(serverName, mediaId, width, height, method, animated, timeoutMs,
                legacy, allowRemote);
        return MediaResponses.file(stores.current(), served.storeKey(), served.contentType(), served.size(),
                "thumbnail", null);
    }

    private ThumbnailService.Served thumbnailOf(String serverName, String mediaId, String width, String height,
                                                String method, String animated, Long timeoutMs, boolean legacy,
                                                boolean allowRemote) {
        int w = dimension("width", width);
        int h = dimension("height", height);
        String how = method == null ? "scale" : method;
        if (!how.equals("scale") && !how.equals("crop")) {
            throw MatrixException.invalidParam("method must be crop or scale");
        }
        if (animated != null && !animated.equals("true") && !animated.equals("false")) {
            throw MatrixException.invalidParam("animated must be true or false");
        }
        MediaService.Media item = find(serverName, mediaId, timeoutMs, legacy, allowRemote);
        return thumbnails.thumbnail(item, w, h, how, "true".equals(animated));
    }

    /** The federation download: multipart/mixed, local media only. */
    public Response federationDownload(String mediaId, Long timeoutMs) {
        MediaService.Media item = await(settings.serverName().toString(), mediaId, timeoutMs, false);
        return MediaResponses.multipart(stores.current(), item.storeKey(), item.contentType(), item.size(),
                item.uploadName());
    }

    /** The federation thumbnail: multipart/mixed, local media only. */
    public Response federationThumbnail(String mediaId, String width, String height, String method, String animated,
                                 Long timeoutMs) {
        ThumbnailService.Served served = thumbnailOf(settings.serverName().toString(), mediaId, width, height, method,
                animated, timeoutMs, false, false);
        return MediaResponses.multipart(stores.current(), served.storeKey(), served.contentType(), served.size(),
                "thumbnail");
    }

    /** A URL preview ({@code ts} is accepted and ignored: previews are of the page as it is now). */
    java.util.Map<String, Object> preview(Requester requester, String url) {
        if (url == null || url.isBlank()) {
            throw MatrixException.missingParam("url");
        }
        return previews.preview(requester, url);
    }

    /**
     * A local item (waiting for a pending upload), or a remote one from the cache or fetched into
     * it. The deprecated endpoints fetch nothing new when asked not to ({@code allow_remote=false})
     * or while frozen.
     */
    private MediaService.Media find(String serverName, String mediaId, Long timeoutMs, boolean legacy,
                                    boolean allowRemote) {
        if (media.isLocal(serverName)) {
            return await(serverName, mediaId, timeoutMs, legacy);
        }
        ServerName origin;
        try {
            origin = ServerName.parse(serverName);
        } catch (IllegalArgumentException e) {
            throw MatrixException.notFound("No such media");
        }
        MediaService.Media cached = remoteCache.find(serverName, mediaId, legacy);
        if (cached != null) {
            return cached;
        }
        if (legacy && (!allowRemote || settings.media().legacyFrozen())) {
            throw MatrixException.notFound("No such media");
        }
        return fetcher.fetch(origin, mediaId, waitMs(timeoutMs));
    }

    private long waitMs(Long timeoutMs) {
        return Math.min(timeoutMs == null ? 20_000 : Math.max(0, timeoutMs), settings.media().maxDownloadWaitMs());
    }

    /** Spec: timeout_ms waits for a pending upload (at most weft.media.max_download_wait_ms). */
    private MediaService.Media await(String serverName, String mediaId, Long timeoutMs, boolean legacy) {
        long deadline = System.currentTimeMillis() + waitMs(timeoutMs);
        while (true) {
            MediaService.Media item = media.find(serverName, mediaId, legacy);
            if (item != null) {
                return item;
            }
            if (System.currentTimeMillis() >= deadline) {
                throw new MatrixException(ErrCode.M_NOT_YET_UPLOADED, "The content has not been uploaded yet");
            }
            try {
                Thread.sleep(Math.min(200, Math.max(1, deadline - System.currentTimeMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MatrixException(ErrCode.M_NOT_YET_UPLOADED, "The content has not been uploaded yet");
            }
        }
    }

    private static int dimension(String name, String value) {
        Long n = NumberParams.optional(value, name);
        if (n == null) {
            throw MatrixException.missingParam(name);
        }
        if (n < 1 || n > 10_000) {
            throw MatrixException.invalidParam(name + " must be between 1 and 10000");
        }
        return n.intValue();
    }
}
