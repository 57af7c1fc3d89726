package org.weft.ejb.media;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.ejb.config.UrlPreviewSettings;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.net.AddressRanges;
import org.weft.ejb.users.Requester;

/**
 * URL previews (client-server API, {@code GET /media/v1/preview_url}): the page's OpenGraph data
 * (falling back to its title and description), its image stored as media of the asking user.
 * Off unless weft.media.url_preview.enabled. Every hop, redirects included, is checked against
 * {@link AddressRanges}: private, loopback and link-local addresses are refused unless allowed.
 *
 * <p>Known gap (README): the address is checked when Weft resolves the name, and Java's HTTP
 * client resolves it again to connect, so a DNS answer that changes in between is not caught.
 */
@ApplicationScoped
public class UrlPreviewService {

    private static final Logger LOG = Logger.getLogger(UrlPreviewService.class);
    private static final int MAX_REDIRECTS = 5;
    private static final int MAX_HTML_BYTES = 2 * 1024 * 1024;
    private static final int MAX_CACHED = 1000;

    private record Cached(Map<String, Object> preview, long expiresAt) {
    }

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private volatile HttpClient client;

    @Inject
    WeftSettings settings;

    @Inject
    MediaStores stores;

    @EJB
    MediaService media;

    /**
     * @throws MatrixException 404 M_UNRECOGNIZED when previews are off, 400 M_INVALID_PARAM for a
     *                         URL that is not http(s), 403 M_FORBIDDEN for a refused address, 502
     *                         when the page cannot be fetched
     */
    public Map<String, Object> preview(Requester requester, String url) {
        UrlPreviewSettings limits = settings.urlPreview();
        if (!limits.enabled()) {
            throw MatrixException.unrecognized("URL previews are not enabled on this server");
        }
        URI uri = checkedUri(url);
        long now = System.currentTimeMillis();
        Cached cached = cache.get(uri.toString());
        if (cached != null && cached.expiresAt() > now) {
            return cached.preview();
        }
        AddressRanges ranges;
        try {
            ranges = new AddressRanges(limits.allowedRanges(), limits.deniedRanges());
        } catch (IllegalArgumentException e) {
            LOG.errorf("weft.media.url_preview ranges are malformed (%s); refusing previews", e.getMessage());
            throw MatrixException.forbidden("URL previews are misconfigured on this server");
        }
        Map<String, Object> preview = fetchPreview(requester, uri, ranges, limits);
        if (cache.size() >= MAX_CACHED) {
            cache.values().removeIf(c -> c.expiresAt() <= now);
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
        }
        cache.put(uri.toString(), new Cached(preview, now + limits.cacheMs()));
        return preview;
    }

    private Map<String, Object> fetchPreview(Requester requester, URI uri, AddressRanges ranges,
                                             UrlPreviewSettings limits) {
        Fetch page = open(uri, ranges, limits);
        try (InputStream body = page.response().body()) {
            String type = page.contentType();
            Map<String, Object> preview = new LinkedHashMap<>();
            if (type.startsWith("image/")) {
                storeImage(requester, body, type, limits, preview);
                return preview;
            }
            if (!type.equals("text/html") && !type.equals("application/xhtml+xml")) {
                return preview; // nothing to show for other types; an empty preview is no error
            }
            byte[] html = body.readNBytes((int) Math.min(MAX_HTML_BYTES, limits.maxBytes()));
            Document document = Jsoup.parse(new java.io.ByteArrayInputStream(html), null, page.uri().toString());
            for (Element meta : document.select("meta[property^=og:], meta[name^=og:]")) {
                String key = meta.hasAttr("property") ? meta.attr("property") : meta.attr("name");
                if (!meta.attr("content").isBlank() && !key.startsWith("og:image")) {
                    preview.putIfAbsent(key, meta.attr("content"));
                }
            }
            preview.computeIfAbsent("og:title", k -> document.title().isBlank() ? null : document.title());
            if (!preview.containsKey("og:description")) {
                String description = document.select("meta[name=description]").attr("content");
                if (!description.isBlank()) {
                    preview.put("og:description", description);
                }
            }
            preview.values().removeIf(v -> v == null);
            String image = document.select("meta[property=og:image], meta[name=og:image]").attr("abs:content");
            if (!image.isBlank()) {
                previewImage(requester, image, ranges, limits, preview);
            }
            return preview;
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private void previewImage(Requester requester, String url, AddressRanges ranges, UrlPreviewSettings limits,
                              Map<String, Object> preview) {
        try {
            URI uri = checkedUri(url);
            Fetch image = open(uri, ranges, limits);
            try (InputStream body = image.response().body()) {
                if (image.contentType().startsWith("image/")) {
                    storeImage(requester, body, image.contentType(), limits, preview);
                }
            }
        } catch (MatrixException | IOException e) {
            LOG.debugf("No preview image from %s: %s", url, e.getMessage()); // the page preview stands without it
        }
    }

    private void storeImage(Requester requester, InputStream body, String type, UrlPreviewSettings limits,
                            Map<String, Object> preview) throws IOException {
        ReceivedUpload received;
        try {
            received = ReceivedUpload.copy(stores.current(), body, limits.maxBytes());
        } catch (MatrixException tooLarge) {
            return;
        }
        var size = Thumbnailer.dimensions(received.file());
        long bytes = received.size();
        String mxc = media.upload(requester, received, type, null);
        preview.put("og:image", mxc);
        preview.put("og:image:type", type);
        size.ifPresent(s -> {
            preview.put("og:image:width", s[0]);
            preview.put("og:image:height", s[1]);
        });
        preview.put("matrix:image:size", bytes);
    }

    private record Fetch(URI uri, HttpResponse<InputStream> response) {
        String contentType() {
            return response.headers().firstValue("Content-Type").orElse("").split(";", 2)[0].trim()
                    .toLowerCase(Locale.ROOT);
        }
    }

    /** GET with redirects followed by hand, so that every hop's address is checked. */
    private Fetch open(URI uri, AddressRanges ranges, UrlPreviewSettings limits) {
        URI current = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            checkAddress(current, ranges);
            HttpResponse<InputStream> response;
            try {
                response = client().send(HttpRequest.newBuilder(current).timeout(Duration.ofMillis(limits.timeoutMs()))
                        .header("User-Agent", "Weft URL preview").header("Accept", "text/html, image/*;q=0.9, */*;q=0.1")
                        .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw unreachable(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unreachable(e);
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
                closeQuietly(response.body());
                current = checkedUri(current.resolve(response.headers().firstValue("Location").get()).toString());
                continue;
            }
            if (status != 200) {
                closeQuietly(response.body());
                throw new MatrixException(ErrCode.M_UNKNOWN, 502, "The page answered HTTP " + status, Map.of());
            }
            return new Fetch(current, response);
        }
        throw new MatrixException(ErrCode.M_UNKNOWN, 502, "Too many redirects", Map.of());
    }

    private static void checkAddress(URI uri, AddressRanges ranges) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new MatrixException(ErrCode.M_UNKNOWN, 502, "Unknown host " + uri.getHost(), Map.of());
        }
        for (InetAddress address : addresses) {
            if (!ranges.permits(address)) {
                throw MatrixException.forbidden("URL previews may not reach " + uri.getHost());
            }
        }
    }

    private static URI checkedUri(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw MatrixException.invalidParam("Not a URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw MatrixException.invalidParam("Only http and https URLs can be previewed");
        }
        return uri;
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            c = client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return c;
    }

    private static MatrixException unreachable(Exception e) {
        LOG.debugf("URL preview fetch failed: %s", e.toString());
        return new MatrixException(ErrCode.M_UNKNOWN, 502, "The page could not be fetched", Map.of());
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing to do: the connection is dropped either way
        }
    }
}
