package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weft.core.federation.PublishedKeys;
import org.weft.core.federation.XMatrixAuthorization;
import org.weft.core.json.Json;

/**
 * Media across servers (server-server API, "Content Repository", "Request Authentication",
 * "Publishing Keys"), with a {@link FakeHomeserver} as the other server: it downloads our media
 * with signed requests, and we fetch, cache, thumbnail and evict its media.
 */
class FederationMediaIT extends WeftIT {

    private FakeHomeserver remote;
    private String weftName;
    private byte[] weftKey;

    @BeforeEach
    void startRemote() throws Exception {
        // The fake's certificate is self-signed: a laboratory setting, as an operator would set it.
        ServerSettings.set("weft.federation.verify_tls", "false");
        remote = new FakeHomeserver();
        Map<String, Object> keys = matrix.get("/_matrix/key/v2/server", null).expect(200).json();
        weftName = (String) keys.get("server_name");
        weftKey = PublishedKeys.verify(keys, weftName, System.currentTimeMillis()).verifyKeys().values().iterator().next();
    }

    @AfterEach
    void stopRemote() throws Exception {
        remote.close();
        ServerSettings.set("weft.federation.verify_tls", "true");
        ServerSettings.set("weft.media.remote_cache_max_count", "100000");
    }

    @Test
    void ourKeysAndVersionArePublished() {
        Map<String, Object> version = matrix.get("/_matrix/federation/v1/version", null).expect(200).json();
        assertEquals("Weft", ((Map<?, ?>) version.get("server")).get("name"));
        Map<String, Object> keys = matrix.get("/_matrix/key/v2/server", null).expect(200).json();
        long validUntil = ((Number) keys.get("valid_until_ts")).longValue();
        assertTrue(validUntil > System.currentTimeMillis() + 3_600_000, "valid for more than an hour");
    }

    @Test
    void anotherServerDownloadsOurMediaWithSignedRequests() throws Exception {
        MatrixClient.Session alice = matrix.registerUnique("fedmedia");
        byte[] png = image(400, 200);
        String mxc = upload(alice, png, "image/png", "shared.png");
        String mediaId = mxc.substring(mxc.lastIndexOf('/') + 1);

        String path = "/_matrix/federation/v1/media/download/" + mediaId;
        HttpResponse<byte[]> download = signedGet(path, weftName);
        assertEquals(200, download.statusCode(), new String(download.body(), StandardCharsets.UTF_8));
        List<Part> parts = parts(download);
        assertEquals(2, parts.size());
        assertEquals("application/json", parts.get(0).headers().get("content-type"));
        assertEquals(Map.of(), Json.parse(new String(parts.get(0).body(), StandardCharsets.UTF_8)));
        assertEquals("image/png", parts.get(1).headers().get("content-type"));
        assertTrue(parts.get(1).headers().get("content-disposition").contains("filename=\"shared.png\""));
        assertArrayEquals(png, parts.get(1).body());

        HttpResponse<byte[]> thumbnail = signedGet("/_matrix/federation/v1/media/thumbnail/" + mediaId
                + "?width=96&height=96&method=crop", weftName);
        assertEquals(200, thumbnail.statusCode());
        Part thumb = parts(thumbnail).get(1);
        assertEquals("image/png", thumb.headers().get("content-type"));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(thumb.body()));
        assertEquals("96x96", image.getWidth() + "x" + image.getHeight());

        // Unsigned, signed for another server, signed over another request, unknown media.
        assertError(401, "M_UNAUTHORIZED", matrix.bytes("GET", path, null, null));
        assertError(401, "M_UNAUTHORIZED", signedGet(path, "someone.else.example"));
        assertError(401, "M_UNAUTHORIZED", matrix.bytes("GET", path, null, null, "Authorization",
                remote.authorization("GET", path + "?x=1", weftName, null)));
        assertError(401, "M_UNAUTHORIZED", matrix.bytes("GET", path, null, null, "Authorization",
                "X-Matrix origin=\"localhost:1\",destination=\"" + weftName + "\",key=\"ed25519:x\",sig=\"AAAA\""));
        assertError(404, "M_NOT_FOUND", signedGet("/_matrix/federation/v1/media/download/noSuchMedia", weftName));
        assertError(400, "M_MISSING_PARAM", signedGet("/_matrix/federation/v1/media/thumbnail/" + mediaId + "?width=9",
                weftName));
    }

    @Test
    void remoteMediaIsFetchedWithOurSignatureOnceThenServedFromTheCache() throws Exception {
        MatrixClient.Session bob = matrix.registerUnique("fetcher");
        byte[] png = image(300, 300);
        serveMedia("cats", png, "image/png", "cat.png");

        String path = "/_matrix/client/v1/media/download/" + remote.serverName() + "/cats";
        HttpResponse<byte[]> first = matrix.bytes("GET", path, bob.accessToken(), null);
        assertEquals(200, first.statusCode(), new String(first.body(), StandardCharsets.UTF_8));
        assertArrayEquals(png, first.body());
        assertEquals("image/png", first.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(first.headers().firstValue("Content-Disposition").orElseThrow().contains("cat.png"));

        List<FakeHomeserver.Received> fetches = remote.received("/_matrix/federation/v1/media/download/cats");
        assertEquals(1, fetches.size());
        XMatrixAuthorization auth = XMatrixAuthorization.parse(fetches.get(0).authorization());
        assertEquals(weftName, auth.origin());
        assertEquals(remote.serverName(), auth.destination());
        assertTrue(auth.verify("GET", fetches.get(0).target(), null, weftKey), "signed with our published key");

        assertArrayEquals(png, matrix.bytes("GET", path, bob.accessToken(), null).body());
        HttpResponse<byte[]> thumbnail = matrix.bytes("GET", "/_matrix/client/v1/media/thumbnail/" + remote.serverName()
                + "/cats?width=32&height=32&method=crop", bob.accessToken(), null);
        assertEquals(200, thumbnail.statusCode());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(thumbnail.body()));
        assertEquals("32x32", image.getWidth() + "x" + image.getHeight());
        assertEquals(1, remote.received("/_matrix/federation/v1/media/download/cats").size(), "fetched once");

        // A remote 404 is ours; a remote failure is a 502, its text not relayed.
        assertError(404, "M_NOT_FOUND", matrix.bytes("GET", "/_matrix/client/v1/media/download/" + remote.serverName()
                + "/nothing", bob.accessToken(), null));
        remote.route("/_matrix/federation/v1/media/download/broken",
                exchange -> FakeHomeserver.json(exchange, 500, Map.of("errcode", "M_UNKNOWN", "error", "secret detail")));
        HttpResponse<byte[]> broken = matrix.bytes("GET", "/_matrix/client/v1/media/download/" + remote.serverName()
                + "/broken", bob.accessToken(), null);
        assertError(502, "M_UNKNOWN", broken);
        assertTrue(!new String(broken.body(), StandardCharsets.UTF_8).contains("secret detail"));
    }

    @Test
    void olderServersAndLocationsWorkAndTheCacheKeepsItsBounds() throws Exception {
        MatrixClient.Session carol = matrix.registerUnique("cacher");
        // An older server: no federation media endpoint, only the deprecated one (allow_remote=false).
        byte[] old = "from an older server".getBytes(StandardCharsets.UTF_8);
        remote.route("/_matrix/media/v3/download/" + remote.serverName() + "/legacy", exchange -> {
            assertTrue(exchange.getRequestURI().getRawQuery().contains("allow_remote=false"));
            exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"old.txt\"");
            FakeHomeserver.bytes(exchange, 200, "text/plain", old);
        });
        assertArrayEquals(old, download(carol, "legacy").body());

        // The bytes behind a Location (a CDN, say).
        byte[] far = "behind a redirect".getBytes(StandardCharsets.UTF_8);
        remote.route("/cdn/far", exchange -> FakeHomeserver.bytes(exchange, 200, "text/plain", far));
        remote.route("/_matrix/federation/v1/media/download/far", exchange -> multipart(exchange,
                "Location: https://" + remote.serverName() + "/cdn/far\r\n", new byte[0]));
        assertArrayEquals(far, download(carol, "far").body());

        // Bounded to one item: caching a second evicts the least recently used, fetched again when asked.
        serveMedia("one", "first".getBytes(StandardCharsets.UTF_8), "text/plain", "1.txt");
        serveMedia("two", "second".getBytes(StandardCharsets.UTF_8), "text/plain", "2.txt");
        ServerSettings.set("weft.media.remote_cache_max_count", "1");
        assertEquals(200, download(carol, "one").statusCode());
        assertEquals(200, download(carol, "two").statusCode());
        assertEquals(200, download(carol, "two").statusCode());
        assertEquals(1, remote.received("/_matrix/federation/v1/media/download/two").size(), "two stays cached");
        assertEquals(200, download(carol, "one").statusCode());
        assertEquals(2, remote.received("/_matrix/federation/v1/media/download/one").size(), "one was evicted");

        // Quarantined remote media answers 404 and is not fetched again.
        String admin = AdminRegistrationIT.newAdmin(matrix);
        matrix.post("/_synapse/admin/v1/media/quarantine/" + remote.serverName() + "/one", admin, Map.of()).expect(200);
        assertError(404, "M_NOT_FOUND", download(carol, "one"));
        assertEquals(2, remote.received("/_matrix/federation/v1/media/download/one").size());
    }

    private HttpResponse<byte[]> download(MatrixClient.Session user, String mediaId) {
        return matrix.bytes("GET", "/_matrix/client/v1/media/download/" + remote.serverName() + "/" + mediaId,
                user.accessToken(), null);
    }

    /** The fake serves {@code mediaId} over the federation endpoint, but only to a request signed by us. */
    private void serveMedia(String mediaId, byte[] bytes, String type, String name) {
        remote.route("/_matrix/federation/v1/media/download/" + mediaId, exchange -> {
            String target = exchange.getRequestURI().getRawPath() + "?" + exchange.getRequestURI().getRawQuery();
            XMatrixAuthorization auth = XMatrixAuthorization.parse(exchange.getRequestHeaders().getFirst("Authorization"));
            if (!auth.origin().equals(weftName) || !auth.verify("GET", target, null, weftKey)) {
                FakeHomeserver.json(exchange, 401, Map.of("errcode", "M_UNAUTHORIZED", "error", "bad signature"));
                return;
            }
            multipart(exchange, "Content-Type: " + type + "\r\nContent-Disposition: inline; filename=\"" + name + "\"\r\n",
                    bytes);
        });
    }

    private static void multipart(HttpExchange exchange, String partHeaders, byte[] bytes) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--b0und\r\nContent-Type: application/json\r\n\r\n{}\r\n--b0und\r\n" + partHeaders + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes("\r\n--b0und--\r\n".getBytes(StandardCharsets.UTF_8));
        FakeHomeserver.bytes(exchange, 200, "multipart/mixed; boundary=b0und", body.toByteArray());
    }

    private HttpResponse<byte[]> signedGet(String target, String destination) {
        return matrix.bytes("GET", target, null, null, "Authorization",
                remote.authorization("GET", target, destination, null));
    }

    private static void assertError(int status, String errcode, HttpResponse<byte[]> response) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertEquals(status, response.statusCode(), body);
        assertEquals(errcode, ((Map<?, ?>) Json.parse(body)).get("errcode"), body);
    }

    private String upload(MatrixClient.Session user, byte[] bytes, String type, String fileName) {
        HttpResponse<byte[]> response = matrix.bytes("POST", "/_matrix/media/v3/upload?filename=" + fileName,
                user.accessToken(), bytes, "Content-Type", type);
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        return (String) ((Map<?, ?>) Json.parse(new String(response.body(), StandardCharsets.UTF_8))).get("content_uri");
    }

    private static byte[] image(int w, int h) throws IOException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, (x * 255 / w) << 16 | (y * 255 / h) << 8);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** A multipart part as the test reads it. */
    record Part(Map<String, String> headers, byte[] body) {
    }

    /** Splits a multipart/mixed response in the simplest way a test can (bodies held in memory). */
    private static List<Part> parts(HttpResponse<byte[]> response) {
        String type = response.headers().firstValue("Content-Type").orElseThrow();
        assertTrue(type.startsWith("multipart/mixed"), type);
        String boundary = type.substring(type.indexOf("boundary=") + "boundary=".length()).replace("\"", "");
        byte[] body = response.body();
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i + delimiter.length <= body.length; i++) {
            if (java.util.Arrays.equals(body, i, i + delimiter.length, delimiter, 0, delimiter.length)) {
                at.add(i);
            }
        }
        List<Part> parts = new ArrayList<>();
        for (int k = 0; k + 1 < at.size(); k++) {
            int start = at.get(k) + delimiter.length + 2; // past the CRLF after the delimiter
            int end = at.get(k + 1) - 2; // before the CRLF that belongs to the next delimiter
            String text = new String(body, start, end - start, StandardCharsets.ISO_8859_1);
            int blank = text.indexOf("\r\n\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : text.substring(0, blank).split("\r\n")) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 1).trim());
            }
            int bodyStart = start + blank + 4;
            parts.add(new Part(headers, java.util.Arrays.copyOfRange(body, bodyStart, end)));
        }
        return parts;
    }
}
