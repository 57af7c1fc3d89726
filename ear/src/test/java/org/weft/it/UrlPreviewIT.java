package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * URL previews (client-server API, GET /media/v1/preview_url): off by default; when on, pages on
 * private or loopback addresses are refused unless an operator allows their range. The "web"
 * here is a local HTTP server, which is exactly such an address.
 */
class UrlPreviewIT extends WeftIT {

    private HttpServer web;
    private String base;
    private final AtomicInteger pageHits = new AtomicInteger();
    private byte[] png;

    @BeforeEach
    void startWeb() throws Exception {
        BufferedImage image = new BufferedImage(120, 60, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        png = out.toByteArray();
        web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        base = "http://127.0.0.1:" + web.getAddress().getPort();
        web.createContext("/article", exchange -> {
            pageHits.incrementAndGet();
            send(exchange, "text/html; charset=utf-8", ("<html><head><title>Plain title</title>"
                    + "<meta property=\"og:title\" content=\"Weft ships\">"
                    + "<meta property=\"og:description\" content=\"A homeserver on WildFly\">"
                    + "<meta property=\"og:image\" content=\"/logo.png\"></head><body>hi</body></html>")
                    .getBytes(StandardCharsets.UTF_8));
        });
        web.createContext("/plain", exchange -> send(exchange, "text/html", ("<html><head><title>Only a title</title>"
                + "<meta name=\"description\" content=\"described\"></head></html>").getBytes(StandardCharsets.UTF_8)));
        web.createContext("/logo.png", exchange -> send(exchange, "image/png", png));
        web.createContext("/to-loopback", exchange -> {
            exchange.getResponseHeaders().set("Location", "http://[::1]:" + web.getAddress().getPort() + "/plain");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        web.start();
    }

    @AfterEach
    void stopWeb() {
        web.stop(0);
        ServerSettings.set("weft.media.url_preview.enabled", "false");
        ServerSettings.set("weft.media.url_preview.allowed_ranges", "");
    }

    @Test
    void previewsAreOffByDefaultAndRefusePrivateAddressesUnlessAllowed() {
        MatrixClient.Session alice = matrix.registerUnique("preview");
        preview(alice, base + "/article").expectError(404, "M_UNRECOGNIZED");

        ServerSettings.set("weft.media.url_preview.enabled", "true");
        preview(alice, base + "/article").expectError(403, "M_FORBIDDEN");
        preview(alice, "http://localhost:" + web.getAddress().getPort() + "/article").expectError(403, "M_FORBIDDEN");
        assertEquals(0, pageHits.get(), "a refused address is never contacted");

        ServerSettings.set("weft.media.url_preview.allowed_ranges", "127.0.0.1/32");
        Resp page = preview(alice, base + "/article").expect(200);
        assertEquals("Weft ships", page.str("og:title"));
        assertEquals("A homeserver on WildFly", page.str("og:description"));
        assertEquals(120, ((Number) page.get("og:image:width")).intValue());
        assertEquals(60, ((Number) page.get("og:image:height")).intValue());
        assertEquals(png.length, ((Number) page.get("matrix:image:size")).intValue());
        assertEquals("image/png", page.str("og:image:type"));
        String mxc = page.str("og:image");
        HttpResponse<byte[]> image = matrix.bytes("GET", "/_matrix/client/v1/media/download/"
                + mxc.substring("mxc://".length()), alice.accessToken(), null);
        assertArrayEquals(png, image.body());

        // Reused for the same URL; the deprecated path answers the same.
        assertEquals("Weft ships", matrix.get("/_matrix/media/v3/preview_url?url=" + enc(base + "/article"),
                alice.accessToken()).expect(200).str("og:title"));
        assertEquals(1, pageHits.get());

        Resp plain = preview(alice, base + "/plain").expect(200);
        assertEquals("Only a title", plain.str("og:title"));
        assertEquals("described", plain.str("og:description"));
        assertFalse(plain.json().containsKey("og:image"));

        // A redirect is a new address, checked again: ::1 is loopback and not allowed.
        preview(alice, base + "/to-loopback").expectError(403, "M_FORBIDDEN");
    }

    @Test
    void badRequestsAreRefused() {
        MatrixClient.Session bob = matrix.registerUnique("previewer");
        ServerSettings.set("weft.media.url_preview.enabled", "true");
        matrix.get("/_matrix/client/v1/media/preview_url", bob.accessToken()).expectError(400, "M_MISSING_PARAM");
        preview(bob, "ftp://example.org/file").expectError(400, "M_INVALID_PARAM");
        preview(bob, "not a url").expectError(400, "M_INVALID_PARAM");
        matrix.get("/_matrix/client/v1/media/preview_url?url=" + enc(base + "/article"), null)
                .expectError(401, "M_MISSING_TOKEN");
        assertTrue(pageHits.get() == 0);
    }

    private Resp preview(MatrixClient.Session user, String url) {
        return matrix.get("/_matrix/client/v1/media/preview_url?url=" + enc(url) + "&ts=0", user.accessToken());
    }

    private static String enc(String url) {
        return URLEncoder.encode(url, StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
