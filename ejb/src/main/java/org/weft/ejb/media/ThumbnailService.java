package org.weft.ejb.media;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.ejb.config.MediaSettings;
import org.weft.ejb.config.WeftSettings;
import org.weft.persistence.media.ThumbnailEntity;

/**
 * Thumbnails of local images (client-server API, "Thumbnails"): the spec's five sizes made at
 * upload, any other request served from the smallest stored thumbnail that is at least what was
 * asked for, or made on demand (bounded by weft.media.max_thumbnail_pixels) and kept.
 */
@Stateless
public class ThumbnailService {

    private static final Logger LOG = Logger.getLogger(ThumbnailService.class);
    private static final Set<String> ANIMATABLE = Set.of("image/gif", "image/webp", "image/apng", "image/png");

    /** What a thumbnail request is answered with: a stored thumbnail, or the original itself. */
    public record Served(String storeKey, String contentType, long size) {
    }

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @Inject
    WeftSettings settings;

    @Inject
    MediaStores stores;

    /**
     * Makes the recommended sizes from a local copy of the original; an image that cannot be
     * decoded simply gets none.
     */
    public void pregenerate(String mediaId, Path original, String type, int width, int height) {
        if ((long) width * height > settings.media().maxImagePixels()) {
            return;
        }
        Set<String> made = new HashSet<>();
        try {
            for (Thumbnailer.Spec spec : Thumbnailer.PRE_GENERATED) {
                int[] size = Thumbnailer.outputSize(width, height, spec);
                if (made.add(size[0] + "x" + size[1] + spec.method())) {
                    make(mediaId, original, type, width, height, spec);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debugf("No thumbnails for media %s: %s", mediaId, e.getMessage());
        }
    }

    /**
     * @throws MatrixException 400 M_UNKNOWN for media that is not an image we can read, 413
     *                         M_TOO_LARGE for images past weft.media.max_image_pixels
     */
    public Served thumbnail(MediaService.Media media, int width, int height, String method, boolean animated) {
        if (media.width() == null || !Thumbnailer.THUMBNAILABLE.contains(media.contentType())) {
            throw notThumbnailable();
        }
        MediaSettings limits = settings.media();
        int w = media.width();
        int h = media.height();
        if ((long) w * h > limits.maxImagePixels()) {
            throw MatrixException.tooLarge("The image is too large to thumbnail");
        }
        boolean mayAnimate = ANIMATABLE.contains(media.contentType());
        if (animated && mayAnimate) {
            return original(media); // the animation as uploaded: the spec's "if possible"
        }
        if (w <= width && h <= height && !mayAnimate) {
            return original(media); // spec: content smaller than asked for is served as it is
        }
        Thumbnailer.Spec spec = new Thumbnailer.Spec(width, height, method);
        int[] want = Thumbnailer.outputSize(w, h, spec);
        String type = Thumbnailer.outputType(media.contentType());
        if (!media.origin().equals(settings.serverName().toString())) {
            return remote(media, spec, want, type);
        }
        List<ThumbnailEntity> stored = em.createNamedQuery(ThumbnailEntity.OF_MEDIA, ThumbnailEntity.class)
                .setParameter("mediaId", media.mediaId()).getResultList();
        ThumbnailEntity best = stored.stream()
                .filter(t -> t.getMethod().equals(method) && t.getWidth() >= want[0] && t.getHeight() >= want[1])
                .filter(t -> "scale".equals(method) || (long) t.getWidth() * want[1] == (long) t.getHeight() * want[0])
                .min(Comparator.comparingLong(t -> (long) t.getWidth() * t.getHeight())).orElse(null);
        if (best == null) {
            if ((long) want[0] * want[1] > limits.maxThumbnailPixels()) {
                throw MatrixException.tooLarge("Thumbnails are limited to " + limits.maxThumbnailPixels() + " pixels");
            }
            try (LocalCopy original = LocalCopy.of(stores.current(), media.storeKey())) {
                best = make(media.mediaId(), original.path(), media.contentType(), w, h, spec);
            } catch (IOException | RuntimeException e) {
                LOG.debugf("Thumbnailing media %s failed: %s", media.mediaId(), e.getMessage());
                throw notThumbnailable();
            }
        }
        return new Served(best.storeKey(), best.getContentType(), best.getSizeBytes());
    }

    /**
     * A thumbnail of a cached remote original: made here from the cached copy (as Synapse does)
     * and kept in the store next to it, no rows; it goes when the cached original is evicted.
     */
    private Served remote(MediaService.Media media, Thumbnailer.Spec spec, int[] want, String type) {
        MediaStore store = stores.current();
        String key = MediaStore.remoteThumbnailsKey(media.origin(), media.mediaId()) + "/" + want[0] + "x" + want[1]
                + "-" + spec.method() + ("image/png".equals(type) ? ".png" : ".jpg");
        try {
            long size = store.size(key);
            if (size >= 0) {
                return new Served(key, type, size);
            }
            if ((long) want[0] * want[1] > settings.media().maxThumbnailPixels()) {
                throw MatrixException.tooLarge("Thumbnails are limited to " + settings.media().maxThumbnailPixels()
                        + " pixels");
            }
            Path output = store.newTemporaryFile();
            try (LocalCopy original = LocalCopy.of(store, media.storeKey())) {
                Thumbnailer.write(original.path(), media.width(), media.height(), spec, type, output);
                size = Files.size(output);
                store.put(key, output);
                return new Served(key, type, size);
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof MatrixException m) {
                throw m;
            }
            LOG.debugf("Thumbnailing remote media %s/%s failed: %s", media.origin(), media.mediaId(), e.getMessage());
            throw notThumbnailable();
        }
    }

    private static MatrixException notThumbnailable() {
        return new MatrixException(ErrCode.M_UNKNOWN, 400, "This media cannot be thumbnailed", java.util.Map.of());
    }

    private static Served original(MediaService.Media media) {
        return new Served(media.storeKey(), media.contentType(), media.size());
    }

    private ThumbnailEntity make(String mediaId, Path original, String type, int width, int height,
                                 Thumbnailer.Spec spec) throws IOException {
        MediaStore store = stores.current();
        Path output = store.newTemporaryFile();
        try {
            String outType = Thumbnailer.outputType(type);
            Thumbnailer.write(original, width, height, spec, outType, output);
            int[] size = Thumbnailer.outputSize(width, height, spec);
            ThumbnailEntity thumbnail = new ThumbnailEntity(mediaId, size[0], size[1], spec.method(), outType,
                    Files.size(output));
            ThumbnailEntity existing = em.find(ThumbnailEntity.class, key(thumbnail));
            if (existing != null) {
                return existing;
            }
            store.put(thumbnail.storeKey(), output);
            em.persist(thumbnail);
            return thumbnail;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** A stored original copied to a local temporary file for the image decoder, deleted on close. */
    private record LocalCopy(Path path) implements AutoCloseable {

        static LocalCopy of(MediaStore store, String key) throws IOException {
            Path copy = store.newTemporaryFile();
            try (InputStream in = store.open(key, 0)) {
                if (in == null) {
                    throw new IOException("the original is missing from the store");
                }
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(copy);
                throw e;
            }
            return new LocalCopy(copy);
        }

        @Override
        public void close() throws IOException {
            Files.deleteIfExists(path);
        }
    }

    private static ThumbnailEntity.Key key(ThumbnailEntity t) {
        return ThumbnailEntity.Key.of(t.getMediaId(), t.getWidth(), t.getHeight(), t.getMethod(), t.getContentType());
    }
}
