package org.weft.web.media;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.media.MediaService;
import org.weft.ejb.media.MediaStores;
import org.weft.ejb.media.ThumbnailService;

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

    Response serve(String serverName, String mediaId, String fileName, Long timeoutMs, String range,
                           boolean legacy) {
        MediaService.Media item = await(serverName, mediaId, timeoutMs, legacy);
        String name = fileName == null || fileName.length() <= 1 ? item.uploadName() : fileName.substring(1);
        return MediaResponses.file(stores.current(), item.storeKey(), item.contentType(), item.size(), name, range);
    }

    Response thumb(String serverName, String mediaId, String width, String height, String method,
                           String animated, Long timeoutMs, boolean legacy) {
        int w = dimension("width", width);
        int h = dimension("height", height);
        String how = method == null ? "scale" : method;
        if (!how.equals("scale") && !how.equals("crop")) {
            throw MatrixException.invalidParam("method must be crop or scale");
        }
        if (animated != null && !animated.equals("true") && !animated.equals("false")) {
            throw MatrixException.invalidParam("animated must be true or false");
        }
        MediaService.Media item = await(serverName, mediaId, timeoutMs, legacy);
        ThumbnailService.Served served = thumbnails.thumbnail(item, w, h, how, "true".equals(animated));
        return MediaResponses.file(stores.current(), served.storeKey(), served.contentType(), served.size(),
                "thumbnail", null);
    }

    /** Spec: timeout_ms waits for a pending upload (at most weft.media.max_download_wait_ms). */
    private MediaService.Media await(String serverName, String mediaId, Long timeoutMs, boolean legacy) {
        long wait = Math.min(timeoutMs == null ? 20_000 : Math.max(0, timeoutMs), settings.media().maxDownloadWaitMs());
        long deadline = System.currentTimeMillis() + wait;
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
        if (value == null) {
            throw MatrixException.missingParam(name);
        }
        try {
            int n = Integer.parseInt(value);
            if (n < 1 || n > 10_000) {
                throw MatrixException.invalidParam(name + " must be between 1 and 10000");
            }
            return n;
        } catch (NumberFormatException e) {
            throw MatrixException.invalidParam(name + " must be an integer");
        }
    }
}
