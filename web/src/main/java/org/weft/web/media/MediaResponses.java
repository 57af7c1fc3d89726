package org.weft.web.media;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.weft.ejb.media.MediaStore;

/**
 * Media as HTTP responses (client-server API, "Content repository" and "Serving inline content"):
 * the uploaded Content-Type, {@code inline} only for the spec's safe types and {@code attachment}
 * otherwise, the file name per RFC 6266 (an ASCII fallback and a UTF-8 {@code filename*}), the
 * recommended Content-Security-Policy sandbox and Cross-Origin-Resource-Policy, caching, and single
 * byte ranges. The body streams from the store: never more than a buffer in the heap.
 */
final class MediaResponses {

    static final String CSP = "sandbox; default-src 'none'; script-src 'none'; plugin-types application/pdf; "
            + "style-src 'unsafe-inline'; object-src 'self';";

    private static final Set<String> INLINE = Set.of("text/css", "text/plain", "text/csv", "application/json",
            "application/ld+json", "image/jpeg", "image/gif", "image/png", "image/apng", "image/webp", "image/avif",
            "video/mp4", "video/webm", "video/ogg", "video/quicktime", "audio/mp4", "audio/webm", "audio/aac",
            "audio/mpeg", "audio/ogg", "audio/wave", "audio/wav", "audio/x-wav", "audio/x-pn-wav", "audio/flac",
            "audio/x-flac");

    private MediaResponses() {
    }

    static Response file(MediaStore store, String key, String contentType, long size, String fileName, String range) {
        ByteRange bytes = ByteRange.of(range, size);
        if (bytes == ByteRange.UNSATISFIABLE) {
            return Response.status(416).header("Content-Range", "bytes */" + size).build();
        }
        boolean partial = bytes != null;
        long start = partial ? bytes.start() : 0;
        long end = partial ? bytes.end() : size - 1;
        long length = end - start + 1;
        long offset = start;
        StreamingOutput body = out -> {
            try (InputStream in = store.open(key, offset)) {
                if (in == null) {
                    throw new IOException("media bytes missing from the store: " + key);
                }
                byte[] buffer = new byte[64 * 1024];
                long left = length;
                int n;
                while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                    out.write(buffer, 0, n);
                    left -= n;
                }
            }
        };
        Response.ResponseBuilder response = Response.status(partial ? 206 : 200).entity(body)
                .type(contentType)
                .header("Content-Length", length)
                .header("Content-Disposition", disposition(contentType, fileName))
                .header("Content-Security-Policy", CSP)
                .header("Cross-Origin-Resource-Policy", "cross-origin")
                .header("Cache-Control", "public, max-age=86400, s-maxage=86400")
                .header("Accept-Ranges", "bytes");
        if (partial) {
            response.header("Content-Range", "bytes " + start + "-" + end + "/" + size);
        }
        return response.build();
    }

    /**
     * The federation form (server-server API, "Content Repository"): {@code multipart/mixed} with
     * exactly two parts, the metadata (an empty JSON object today) and the bytes with their own
     * Content-Type and Content-Disposition. Streams like {@link #file}.
     */
    static Response multipart(MediaStore store, String key, String contentType, long size, String fileName) {
        String boundary = java.util.UUID.randomUUID().toString().replace("-", "");
        byte[] head = ("--" + boundary + "\r\nContent-Type: application/json\r\n\r\n{}\r\n--" + boundary
                + "\r\nContent-Type: " + contentType + "\r\nContent-Disposition: " + disposition(contentType, fileName)
                + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        StreamingOutput body = out -> {
            out.write(head);
            try (InputStream in = store.open(key, 0)) {
                if (in == null) {
                    throw new IOException("media bytes missing from the store: " + key);
                }
                in.transferTo(out);
            }
            out.write(tail);
        };
        return Response.ok(body).type("multipart/mixed; boundary=" + boundary)
                .header("Content-Length", head.length + size + tail.length).build();
    }

    /** RFC 6266: {@code inline} or {@code attachment}, with the name in ASCII and in UTF-8. */
    static String disposition(String contentType, String fileName) {
        String base = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        String kind = INLINE.contains(base) ? "inline" : "attachment";
        if (fileName == null || fileName.isBlank()) {
            return kind;
        }
        StringBuilder ascii = new StringBuilder();
        for (char c : fileName.toCharArray()) {
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
        }
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
        return kind + "; filename=\"" + ascii + "\"; filename*=utf-8''" + encoded;
    }
}
