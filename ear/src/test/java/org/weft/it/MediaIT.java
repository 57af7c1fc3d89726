package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.weft.core.json.Json;

/** The content repository: uploads, downloads, thumbnails, async uploads, limits, the freeze. */
class MediaIT extends WeftIT {

    @Test
    void anUploadedImageDownloadsAsItWasWithSafeHeadersAndRanges() throws Exception {
        MatrixClient.Session alice = matrix.registerUnique("media");
        byte[] png = image(800, 400, "png");
        String uri = upload(alice, png, "image/png", "pic%20%C3%BC.png");
        assertTrue(uri.startsWith("mxc://"), uri);
        String path = uri.substring("mxc://".length());

        HttpResponse<byte[]> download = matrix.bytes("GET", "/_matrix/client/v1/media/download/" + path, alice.accessToken(), null);
        assertEquals(200, download.statusCode());
        assertArrayEquals(png, download.body());
        assertEquals("image/png", download.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("inline; filename=\"pic _.png\"; filename*=utf-8''pic%20%C3%BC.png",
                download.headers().firstValue("Content-Disposition").orElseThrow());
        assertTrue(download.headers().firstValue("Content-Security-Policy").orElseThrow().startsWith("sandbox;"));
        assertEquals("cross-origin", download.headers().firstValue("Cross-Origin-Resource-Policy").orElseThrow());

        HttpResponse<byte[]> named = matrix.bytes("GET", "/_matrix/client/v1/media/download/" + path + "/other.png",
                alice.accessToken(), null);
        assertTrue(named.headers().firstValue("Content-Disposition").orElseThrow().contains("filename=\"other.png\""));

        HttpResponse<byte[]> range = matrix.bytes("GET", "/_matrix/client/v1/media/download/" + path, alice.accessToken(),
                null, "Range", "bytes=8-15");
        assertEquals(206, range.statusCode());
        assertArrayEquals(Arrays.copyOfRange(png, 8, 16), range.body());
        assertEquals("bytes 8-15/" + png.length, range.headers().firstValue("Content-Range").orElseThrow());

        // The deprecated endpoint serves it without a token; the new one insists on one.
        assertEquals(200, matrix.bytes("GET", "/_matrix/media/v3/download/" + path, null, null).statusCode());
        matrix.get("/_matrix/client/v1/media/download/" + path, null).expectError(401, "M_MISSING_TOKEN");
        matrix.get("/_matrix/client/v1/media/download/" + path.replaceAll("/.*", "/NoSuchMedia"), alice.accessToken())
                .expectError(404, "M_NOT_FOUND");
        // Another server that cannot be reached (no such host): 502, not a 404 that would claim it has no such media.
        matrix.get("/_matrix/client/v1/media/download/other.example/abc", alice.accessToken()).expectError(502, "M_UNKNOWN");

        String html = upload(alice, "<script>alert(1)</script>".getBytes(), "text/html", "x.html");
        HttpResponse<byte[]> page = matrix.bytes("GET", "/_matrix/client/v1/media/download/" + html.substring(6),
                alice.accessToken(), null);
        assertTrue(page.headers().firstValue("Content-Disposition").orElseThrow().startsWith("attachment;"));

        Resp config = matrix.get("/_matrix/client/v1/media/config", alice.accessToken()).expect(200);
        assertEquals(52428800L, ((Number) config.get("m.upload.size")).longValue());
    }

    @Test
    void thumbnailsCropAndScaleWithoutEverEnlarging() throws Exception {
        MatrixClient.Session alice = matrix.registerUnique("thumbs");
        String path = upload(alice, image(800, 400, "png"), "image/png", "wide.png").substring(6);
        assertSize(96, 96, "image/png", thumbnail(alice, path, 96, 96, "crop"));
        assertSize(320, 160, "image/png", thumbnail(alice, path, 320, 240, "scale"));
        // Not a pre-generated size: served from the nearest one not smaller (640x480's 640x320) ...
        assertSize(640, 320, "image/png", thumbnail(alice, path, 500, 500, "scale"));
        // ... or, when no stored thumbnail has the asked-for aspect, made on demand.
        assertSize(150, 100, "image/png", thumbnail(alice, path, 150, 100, "crop"));

        String jpeg = upload(alice, image(1200, 900, "jpg"), "image/jpeg", "photo.jpg").substring(6);
        assertSize(32, 32, "image/jpeg", thumbnail(alice, jpeg, 32, 32, "crop"));
        assertSize(640, 480, "image/jpeg", thumbnail(alice, jpeg, 640, 480, "scale"));

        String tiny = upload(alice, image(20, 10, "jpg"), "image/jpeg", "tiny.jpg").substring(6);
        assertSize(20, 10, "image/jpeg", thumbnail(alice, tiny, 640, 480, "scale"));

        byte[] webp;
        try (var in = MediaIT.class.getResourceAsStream("/media/gradient-200x150.webp")) {
            webp = in.readAllBytes();
        }
        String webpPath = upload(alice, webp, "image/webp", "gradient.webp").substring(6);
        assertSize(96, 96, "image/png", thumbnail(alice, webpPath, 96, 96, "crop"));

        // animated=true: a GIF comes as uploaded (its animation intact); otherwise a still PNG.
        byte[] gif = image(300, 300, "gif");
        String animatable = upload(alice, gif, "image/gif", "anim.gif").substring(6);
        HttpResponse<byte[]> animated = matrix.bytes("GET", "/_matrix/client/v1/media/thumbnail/" + animatable
                + "?width=96&height=96&method=crop&animated=true", alice.accessToken(), null);
        assertEquals("image/gif", animated.headers().firstValue("Content-Type").orElseThrow());
        assertArrayEquals(gif, animated.body());
        assertSize(96, 96, "image/png", matrix.bytes("GET", "/_matrix/client/v1/media/thumbnail/" + animatable
                + "?width=96&height=96&method=crop&animated=false", alice.accessToken(), null));

        matrix.get("/_matrix/client/v1/media/thumbnail/" + path + "?width=96", alice.accessToken())
                .expectError(400, "M_MISSING_PARAM");
        matrix.get("/_matrix/client/v1/media/thumbnail/" + path + "?width=96&height=96&method=zoom", alice.accessToken())
                .expectError(400, "M_INVALID_PARAM");
        String broken = upload(alice, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3}, "image/png", "broken.png");
        matrix.get("/_matrix/client/v1/media/thumbnail/" + broken.substring(6) + "?width=96&height=96", alice.accessToken())
                .expectError(400, "M_UNKNOWN");
    }

    @Test
    void asyncUploadsWaitAndRefuseOverwritesAndStrangers() throws Exception {
        MatrixClient.Session alice = matrix.registerUnique("async");
        MatrixClient.Session bob = matrix.registerUnique("stranger");
        Resp created = matrix.post("/_matrix/media/v1/create", alice.accessToken(), Map.of()).expect(200);
        String path = created.str("content_uri").substring(6);
        assertTrue(((Number) created.get("unused_expires_at")).longValue() > System.currentTimeMillis());

        matrix.get("/_matrix/client/v1/media/download/" + path + "?timeout_ms=100", alice.accessToken())
                .expectError(504, "M_NOT_YET_UPLOADED");
        CompletableFuture<HttpResponse<byte[]>> waiting = CompletableFuture.supplyAsync(() -> matrix.bytes("GET",
                "/_matrix/client/v1/media/download/" + path + "?timeout_ms=15000", bob.accessToken(), null));
        assertEquals(403, matrix.bytes("PUT", "/_matrix/media/v3/upload/" + path, bob.accessToken(), "x".getBytes(),
                "Content-Type", "text/plain").statusCode());
        assertEquals(200, matrix.bytes("PUT", "/_matrix/media/v3/upload/" + path + "?filename=late.txt",
                alice.accessToken(), "arrived".getBytes(), "Content-Type", "text/plain").statusCode());
        HttpResponse<byte[]> arrived = waiting.get(20, TimeUnit.SECONDS);
        assertEquals(200, arrived.statusCode());
        assertEquals("arrived", new String(arrived.body()));

        HttpResponse<byte[]> again = matrix.bytes("PUT", "/_matrix/media/v3/upload/" + path, alice.accessToken(),
                "twice".getBytes(), "Content-Type", "text/plain");
        assertEquals(409, again.statusCode());
        assertEquals("M_CANNOT_OVERWRITE_MEDIA", ((Map<?, ?>) Json.parse(new String(again.body()))).get("errcode"));
    }

    @Test
    void limitsAndTheFreezeAreEnforced() throws Exception {
        MatrixClient.Session alice = matrix.registerUnique("limits");
        try {
            ServerSettings.set("weft.media.max_upload_bytes", "1000");
            HttpResponse<byte[]> big = matrix.bytes("POST", "/_matrix/media/v3/upload", alice.accessToken(), new byte[1001],
                    "Content-Type", "application/octet-stream");
            assertEquals(413, big.statusCode());
            assertTrue(new String(big.body()).contains("M_TOO_LARGE"));
            ServerSettings.set("weft.media.max_upload_bytes", "52428800");

            ServerSettings.set("weft.media.max_image_pixels", "10000");
            String large = upload(alice, image(200, 100, "png"), "image/png", "large.png").substring(6);
            matrix.get("/_matrix/client/v1/media/thumbnail/" + large + "?width=32&height=32&method=crop", alice.accessToken())
                    .expectError(413, "M_TOO_LARGE");
            ServerSettings.set("weft.media.max_image_pixels", "32000000");

            ServerSettings.set("weft.media.max_pending_uploads", "1");
            matrix.post("/_matrix/media/v1/create", alice.accessToken(), Map.of()).expect(200);
            matrix.post("/_matrix/media/v1/create", alice.accessToken(), Map.of()).expectError(429, "M_LIMIT_EXCEEDED");
            ServerSettings.set("weft.media.max_pending_uploads", "10");

            ServerSettings.set("weft.media.user_quota_count", "2"); // alice has uploaded one
            upload(alice, "second".getBytes(), "text/plain", "2.txt");
            HttpResponse<byte[]> over = matrix.bytes("POST", "/_matrix/media/v3/upload", alice.accessToken(),
                    "third".getBytes(), "Content-Type", "text/plain");
            assertEquals(403, over.statusCode());
            ServerSettings.set("weft.media.user_quota_count", "10000");

            ServerSettings.set("weft.media.freeze_unauthenticated", "true");
            String frozen = upload(alice, "new".getBytes(), "text/plain", "new.txt").substring(6);
            matrix.get("/_matrix/media/v3/download/" + frozen, null).expectError(404, "M_NOT_FOUND");
            assertEquals(200, matrix.bytes("GET", "/_matrix/client/v1/media/download/" + frozen, alice.accessToken(), null)
                    .statusCode());
            assertEquals(200, matrix.bytes("GET", "/_matrix/media/v3/download/" + large, null, null).statusCode(),
                    "media from before the freeze stays reachable");
        } finally {
            ServerSettings.set("weft.media.max_upload_bytes", "52428800");
            ServerSettings.set("weft.media.max_image_pixels", "32000000");
            ServerSettings.set("weft.media.max_pending_uploads", "10");
            ServerSettings.set("weft.media.user_quota_count", "10000");
            ServerSettings.set("weft.media.freeze_unauthenticated", "false");
        }
    }

    @Test
    void adminsQuarantineAndDeleteMedia() throws Exception {
        MatrixClient.Session alice = matrix.registerUnique("moderated");
        String admin = AdminRegistrationIT.newAdmin(matrix);
        String quarantined = upload(alice, "bad".getBytes(), "text/plain", "bad.txt").substring(6);
        String deleted = upload(alice, image(100, 100, "png"), "image/png", "gone.png").substring(6);

        matrix.post("/_synapse/admin/v1/media/quarantine/" + quarantined, alice.accessToken(), Map.of())
                .expectError(403, "M_FORBIDDEN");
        matrix.post("/_synapse/admin/v1/media/quarantine/" + quarantined, admin, Map.of()).expect(200);
        matrix.get("/_matrix/client/v1/media/download/" + quarantined, alice.accessToken()).expectError(404, "M_NOT_FOUND");
        matrix.get("/_matrix/media/v3/download/" + quarantined, null).expectError(404, "M_NOT_FOUND");

        assertEquals(200, thumbnail(alice, deleted, 32, 32, "crop").statusCode());
        matrix.delete("/_synapse/admin/v1/media/" + deleted, admin, null).expect(200);
        matrix.get("/_matrix/client/v1/media/download/" + deleted, alice.accessToken()).expectError(404, "M_NOT_FOUND");
        matrix.get("/_matrix/client/v1/media/thumbnail/" + deleted + "?width=32&height=32", alice.accessToken())
                .expectError(404, "M_NOT_FOUND");
        matrix.delete("/_synapse/admin/v1/media/" + deleted, admin, null).expectError(404, "M_NOT_FOUND");
    }

    private String upload(MatrixClient.Session user, byte[] bytes, String type, String fileName) {
        HttpResponse<byte[]> response = matrix.bytes("POST", "/_matrix/media/v3/upload?filename=" + fileName,
                user.accessToken(), bytes, "Content-Type", type);
        assertEquals(200, response.statusCode(), new String(response.body()));
        return (String) ((Map<?, ?>) Json.parse(new String(response.body()))).get("content_uri");
    }

    private HttpResponse<byte[]> thumbnail(MatrixClient.Session user, String path, int w, int h, String method) {
        return matrix.bytes("GET", "/_matrix/client/v1/media/thumbnail/" + path + "?width=" + w + "&height=" + h
                + "&method=" + method, user.accessToken(), null);
    }

    private static void assertSize(int w, int h, String type, HttpResponse<byte[]> response) throws Exception {
        assertEquals(200, response.statusCode(), new String(response.body()));
        assertEquals(type, response.headers().firstValue("Content-Type").orElseThrow());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
        assertEquals(w + "x" + h, image.getWidth() + "x" + image.getHeight());
    }

    /** A real image with some structure, so encoders have something to do. */
    private static byte[] image(int w, int h, String format) throws Exception {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLUE);
        g.fillOval(w / 4, h / 4, w / 2, h / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }
}
