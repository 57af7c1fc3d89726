package org.weft.ejb.media;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.core.id.ServerName;
import org.weft.core.json.Json;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.federation.FederationHttp;

/**
 * Fetches another server's media into the cache (server-server API, "Content Repository"): the
 * authenticated {@code /_matrix/federation/v1/media/download} first (multipart/mixed, the bytes
 * inline or behind a Location), and, only when the remote answers M_UNRECOGNIZED, the deprecated
 * {@code /_matrix/media/v3/download} with {@code allow_remote=false}, as the spec prescribes.
 * Concurrent requests for one item share one fetch. Nothing here holds a transaction open while
 * bytes travel.
 */
@ApplicationScoped
public class RemoteMediaFetcher {

    private static final Logger LOG = Logger.getLogger(RemoteMediaFetcher.class);
    private static final Pattern MEDIA_ID = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    private static final Pattern FILENAME_STAR = Pattern.compile("(?i)filename\\*\\s*=\\s*utf-8''([^;\\s]+)");
    private static final Pattern FILENAME = Pattern.compile("(?i)filename\\s*=\\s*(\"([^\"]*)\"|[^;\\s]+)");

    /** A fetched item, its bytes already in the store under its remote key. */
    public record Fetched(String serverName, String mediaId, String contentType, String fileName, long size,
                          String sha256, Integer width, Integer height) {
    }

    private final Map<String, CompletableFuture<MediaService.Media>> inFlight = new ConcurrentHashMap<>();

    @Inject
    FederationHttp http;

    @Inject
    MediaStores stores;

    @Inject
    WeftSettings settings;

    @EJB
    RemoteMediaCache cache;

    /**
     * Fetches, caches and returns the item.
     *
     * @throws MatrixException 404 M_NOT_FOUND when the remote has no such item, 504
     *                         M_NOT_YET_UPLOADED while its upload is pending there, 502 when it
     *                         cannot be reached or answers nonsense, 502 M_TOO_LARGE past
     *                         weft.media.max_upload_bytes
     */
    public MediaService.Media fetch(ServerName server, String mediaId, long timeoutMs) {
        if (!MEDIA_ID.matcher(mediaId).matches()) {
            throw MatrixException.notFound("No such media");
        }
        String key = server + "/" + mediaId;
        CompletableFuture<MediaService.Media> mine = new CompletableFuture<>();
        CompletableFuture<MediaService.Media> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            Fetched fetched = download(server, mediaId, timeoutMs);
            MediaService.Media media = cache.record(fetched);
            cache.evictBeyondBounds();
            mine.complete(media);
            return media;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private Fetched download(ServerName server, String mediaId, long timeoutMs) {
        String query = "?timeout_ms=" + timeoutMs;
        HttpResponse<InputStream> response = http.get(server, "/_matrix/federation/v1/media/download/" + mediaId + query);
        try (InputStream body = response.body()) {
            if (response.statusCode() == 200) {
                return fromMultipart(server, mediaId, response.headers().firstValue("Content-Type").orElse(""), body);
            }
            String errcode = errcode(body);
            if ("M_UNRECOGNIZED".equals(errcode) && response.statusCode() != 401 && response.statusCode() != 403) {
                return legacy(server, mediaId, query);
            }
            throw remoteError(server, response.statusCode(), errcode);
        } catch (IOException e) {
            LOG.debugf("Fetching %s/%s failed: %s", server, mediaId, e.toString());
            throw FederationHttp.unreachable(server);
        }
    }

    private Fetched fromMultipart(ServerName server, String mediaId, String contentType, InputStream body)
            throws IOException {
        String boundary = MultipartReader.boundary(contentType)
                .orElseThrow(() -> new IOException("not multipart/mixed: " + contentType));
        MultipartReader reader = new MultipartReader(body, boundary);
        reader.next().orElseThrow(() -> new IOException("no metadata part"));
        MultipartReader.Part media = reader.next().orElseThrow(() -> new IOException("no media part"));
        String location = media.headers().get("location");
        if (location != null) {
            // The bytes live elsewhere (a CDN, say): plain HTTPS, no signature, not cached as a URL.
            HttpResponse<InputStream> elsewhere = send(HttpRequest.newBuilder(URI.create(location)).GET());
            try (InputStream bytes = elsewhere.body()) {
                if (elsewhere.statusCode() != 200) {
                    throw new IOException("Location answered HTTP " + elsewhere.statusCode());
                }
                return store(server, mediaId, bytes, elsewhere.headers().firstValue("Content-Type").orElse(null),
                        elsewhere.headers().firstValue("Content-Disposition").orElse(null));
            }
        }
        return store(server, mediaId, media.body(), media.headers().get("content-type"),
                media.headers().get("content-disposition"));
    }

    private Fetched legacy(ServerName server, String mediaId, String query) throws IOException {
        HttpResponse<InputStream> response = http.get(server, "/_matrix/media/v3/download/" + server + "/" + mediaId
                + query + "&allow_remote=false");
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw remoteError(server, response.statusCode(), errcode(body));
            }
            return store(server, mediaId, body, response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("Content-Disposition").orElse(null));
        }
    }

    private Fetched store(ServerName server, String mediaId, InputStream bytes, String contentType, String disposition)
            throws IOException {
        MediaStore store = stores.current();
        ReceivedUpload received;
        try {
            received = ReceivedUpload.copy(store, bytes, settings.media().maxUploadBytes());
        } catch (MatrixException tooLarge) {
            throw new MatrixException(ErrCode.M_TOO_LARGE, 502, "The remote media is larger than this server accepts",
                    Map.of());
        }
        String type = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType.trim();
        Optional<int[]> size = Thumbnailer.THUMBNAILABLE.contains(type) ? Thumbnailer.dimensions(received.file())
                : Optional.empty();
        try {
            store.put(MediaStore.remoteKey(server.toString(), mediaId), received.file());
        } catch (IOException e) {
            received.discard();
            throw e;
        }
        LOG.debugf("Cached remote media %s/%s (%d bytes, %s)", server, mediaId, received.size(), type);
        return new Fetched(server.toString(), mediaId, type, fileName(disposition), received.size(), received.sha256(),
                size.map(s -> s[0]).orElse(null), size.map(s -> s[1]).orElse(null));
    }

    private HttpResponse<InputStream> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.client().send(request.timeout(Duration.ofMillis(settings.federation().requestTimeoutMs())).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The remote's answer in our words: its own error text is never relayed (architecture: error model). */
    private static MatrixException remoteError(ServerName server, int status, String errcode) {
        if (status == 404) {
            return MatrixException.notFound("No such media on " + server);
        }
        if (status == 504 && "M_NOT_YET_UPLOADED".equals(errcode)) {
            return new MatrixException(ErrCode.M_NOT_YET_UPLOADED, "The content has not been uploaded yet");
        }
        LOG.debugf("%s answered a media download with HTTP %d %s", server, status, errcode);
        return FederationHttp.unreachable(server);
    }

    private static String errcode(InputStream body) {
        try {
            return Json.parse(body.readNBytes(65_536)) instanceof Map<?, ?> json && json.get("errcode") instanceof String e
                    ? e : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The file name of a Content-Disposition (RFC 6266: {@code filename*} wins over {@code filename}). */
    static String fileName(String disposition) {
        if (disposition == null) {
            return null;
        }
        Matcher star = FILENAME_STAR.matcher(disposition);
        if (star.find()) {
            try {
                return URLDecoder.decode(star.group(1).replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException badEscape) {
                // fall back to the plain filename
            }
        }
        Matcher plain = FILENAME.matcher(disposition);
        return plain.find() ? (plain.group(2) != null ? plain.group(2) : plain.group(1)) : null;
    }
}
