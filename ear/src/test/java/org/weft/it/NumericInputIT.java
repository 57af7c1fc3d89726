package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weft.core.json.Json;

/**
 * Every query parameter and header Weft reads as a number, fed what a careless or hostile client
 * sends: no answer is a 500, and every error is the spec's error JSON. A {@code Range} of twenty
 * digits overflowed and answered 500 before.
 */
class NumericInputIT extends SyncSupport {

    private static final List<String> BAD = List.of("abc", "", "-1", "0", "1e3", "1.5", "0x1F", "NaN", " 7",
            "99999999999999999999", "-99999999999999999999", "9223372036854775808", "-9223372036854775809",
            "\u0663", "%00", "1%00", "9".repeat(400));

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%2500", "%00");
    }

    @Test
    void queryNumbersNeverAnswer500() {
        MatrixClient.Session alice = matrix.registerUnique("num");
        String token = alice.accessToken();
        String roomId = createRoom(token, Map.of("preset", "public_chat"));
        String eventId = send(token, roomId, "hello");
        String media = upload(token);
        String rooms = "/_matrix/client/v3/rooms/" + roomId;

        List<String> templates = List.of(
                "/_matrix/client/v3/sync?timeout=%s",
                rooms + "/messages?dir=b&limit=%s",
                rooms + "/messages?dir=b&from=%s",
                rooms + "/messages?dir=f&to=%s",
                rooms + "/context/" + eventId + "?limit=%s",
                "/_matrix/client/v1/rooms/" + roomId + "/timestamp_to_event?dir=f&ts=%s",
                rooms + "/members?at=%s",
                "/_matrix/client/v3/publicRooms?limit=%s",
                "/_matrix/client/v3/publicRooms?since=%s",
                "/_matrix/client/v3/notifications?limit=%s",
                "/_matrix/client/v3/notifications?from=%s",
                "/_matrix/client/v3/keys/changes?from=%s&to=%s",
                "/_matrix/client/v3/room_keys/version/%s",
                "/_matrix/client/v1/media/download/" + media + "?timeout_ms=%s",
                "/_matrix/media/v3/download/" + media + "?timeout_ms=%s",
                "/_matrix/client/v1/media/thumbnail/" + media + "?width=%s&height=32",
                "/_matrix/client/v1/media/thumbnail/" + media + "?width=32&height=%s",
                "/_matrix/client/v1/media/thumbnail/" + media + "?width=32&height=32&timeout_ms=%s",
                "/_matrix/media/v3/thumbnail/" + media + "?width=%s&height=%s",
                "/_matrix/client/v1/media/preview_url?url=http%%3A%%2F%%2Fexample.org&ts=%s");
        List<String> failures = new ArrayList<>();
        for (String template : templates) {
            for (String value : BAD) {
                String path = template.replace("%s", q(value)).replace("%%", "%");
                check("GET " + path, matrix.get(path, token), failures);
            }
        }
        assertTrue(failures.isEmpty(), () -> String.join("\n", failures));

        // The parameters still work when they are numbers.
        assertEquals(1, matrix.get(rooms + "/messages?dir=b&limit=1", token).expect(200).list("chunk").size());
        matrix.get("/_matrix/client/v3/sync?timeout=99999999999999999999", token).expect(200);
    }

    @Test
    void rangeHeadersNeverAnswer500() {
        MatrixClient.Session alice = matrix.registerUnique("range");
        String media = upload(alice.accessToken());
        List<String> failures = new ArrayList<>();
        for (String path : List.of("/_matrix/client/v1/media/download/" + media, "/_matrix/media/v3/download/" + media)) {
            for (String range : List.of("bytes=99999999999999999999-", "bytes=0-99999999999999999999",
                    "bytes=-99999999999999999999", "bytes=99999999999999999999-99999999999999999999",
                    "bytes=9223372036854775807-", "bytes=-9223372036854775808", "bytes=-0", "bytes=5-1", "bytes=a-b",
                    "bytes=0-1,3-4", "bytes=--1", "items=0-1", "bytes=" + "9".repeat(400) + "-")) {
                HttpResponse<byte[]> r = matrix.bytes("GET", path, alice.accessToken(), null, "Range", range);
                if (r.statusCode() >= 500) {
                    failures.add(range + " on " + path + " -> " + r.statusCode());
                }
            }
        }
        assertTrue(failures.isEmpty(), () -> String.join("\n", failures));

        String path = "/_matrix/client/v1/media/download/" + media;
        HttpResponse<byte[]> past = matrix.bytes("GET", path, alice.accessToken(), null, "Range", "bytes=99999999999999999999-");
        assertEquals(416, past.statusCode());
        assertEquals("bytes */10", past.headers().firstValue("Content-Range").orElseThrow());
        HttpResponse<byte[]> toEnd = matrix.bytes("GET", path, alice.accessToken(), null, "Range", "bytes=4-99999999999999999999");
        assertEquals(206, toEnd.statusCode());
        assertEquals("456789", new String(toEnd.body(), StandardCharsets.UTF_8));
        HttpResponse<byte[]> tail = matrix.bytes("GET", path, alice.accessToken(), null, "Range", "bytes=-99999999999999999999");
        assertEquals(206, tail.statusCode());
        assertEquals("0123456789", new String(tail.body(), StandardCharsets.UTF_8));
    }

    @Test
    void contentLengthThatIsNotANumberIsAClientError() throws IOException {
        MatrixClient.Session alice = matrix.registerUnique("clen");
        for (String length : List.of("99999999999999999999", "abc", "-5")) {
            int status = rawStatus("POST /_matrix/media/v3/upload HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + alice.accessToken() + "\r\nContent-Type: text/plain\r\nContent-Length: " + length
                    + "\r\nConnection: close\r\n\r\nhello");
            assertTrue(status >= 400 && status < 500, "Content-Length " + length + " -> " + status);
        }
    }

    private String upload(String token) {
        HttpResponse<byte[]> r = matrix.bytes("POST", "/_matrix/media/v3/upload", token,
                "0123456789".getBytes(StandardCharsets.UTF_8), "Content-Type", "text/plain");
        assertEquals(200, r.statusCode());
        String uri = (String) ((Map<?, ?>) Json.parse(new String(r.body(), StandardCharsets.UTF_8))).get("content_uri");
        return uri.substring("mxc://".length());
    }

    private static void check(String request, Resp r, List<String> failures) {
        if (r.status() >= 500) {
            failures.add(request + " -> " + r.status() + " " + r.text());
        } else if (r.status() >= 400) {
            try {
                Object errcode = r.json().get("errcode");
                if (!(errcode instanceof String code) || !code.startsWith("M_") || !(r.get("error") instanceof String)) {
                    failures.add(request + " -> " + r.status() + " without the error JSON: " + r.text());
                }
            } catch (RuntimeException notJson) {
                failures.add(request + " -> " + r.status() + " not JSON: " + r.text());
            }
        }
    }

    /** One raw HTTP/1.1 exchange: java.net.http does not let a test set Content-Length itself. */
    private static int rawStatus(String request) throws IOException {
        URI base = URI.create(System.getProperty("weft.it.base.url", "http://localhost:18008"));
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                line.write(b);
            }
            String status = line.toString(StandardCharsets.ISO_8859_1);
            return Integer.parseInt(status.split(" ")[1]);
        }
    }
}
