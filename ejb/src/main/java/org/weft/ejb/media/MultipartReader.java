package org.weft.ejb.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code multipart/mixed} body (RFC 2046 section 5.1) part by part, streaming: each part's
 * body is an {@link InputStream} that ends at the next delimiter, so a large media part never sits
 * in the heap. Used for the federation media responses (server-server API, "Content Repository").
 */
final class MultipartReader {

    /** One part: its headers (names in lower case) and its body, valid until the next {@link #next()}. */
    record Part(Map<String, String> headers, InputStream body) {
    }

    private static final Pattern BOUNDARY = Pattern.compile("(?i);\\s*boundary=(\"([^\"]+)\"|[^;\\s]+)");
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buffer = new byte[64 * 1024];
    private int pos;
    private int limit;
    private Part current;
    private boolean finished;

    /** The boundary of a multipart Content-Type, if it has one. */
    static Optional<String> boundary(String contentType) {
        if (contentType == null || !contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return Optional.empty();
        }
        Matcher m = BOUNDARY.matcher(contentType);
        return m.find() ? Optional.of(m.group(2) != null ? m.group(2) : m.group(1)) : Optional.empty();
    }

    MultipartReader(InputStream body, String boundary) {
        // A CRLF in front makes the first delimiter look like every other one ("CRLF--boundary").
        this.in = new SequenceInputStream(new ByteArrayInputStream(new byte[] {'\r', '\n'}), body);
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The next part, or empty after the closing delimiter. */
    Optional<Part> next() throws IOException {
        if (finished) {
            return Optional.empty();
        }
        // Skip the preamble, or the rest of the current part, to the delimiter.
        InputStream rest = current == null ? new PartBody() : current.body();
        rest.transferTo(java.io.OutputStream.nullOutputStream());
        if (!fill(2)) {
            throw new IOException("multipart body ends after a delimiter");
        }
        if (buffer[pos] == '-' && buffer[pos + 1] == '-') {
            finished = true;
            return Optional.empty();
        }
        skipLine(); // transport padding, then CRLF
        Map<String, String> headers = new LinkedHashMap<>();
        int headerBytes = 0;
        while (true) {
            String line = readLine();
            headerBytes += line.length() + 2;
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new IOException("multipart part headers too long");
            }
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        current = new Part(headers, new PartBody());
        return Optional.of(current);
    }

    /** Makes at least {@code n} bytes available from {@code pos}; false when the stream ends first. */
    private boolean fill(int n) throws IOException {
        if (limit - pos >= n) {
            return true;
        }
        System.arraycopy(buffer, pos, buffer, 0, limit - pos);
        limit -= pos;
        pos = 0;
        while (limit < n) {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                return false;
            }
            limit += read;
        }
        return true;
    }

    private void skipLine() throws IOException {
        readLine();
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            if (!fill(1)) {
                throw new IOException("multipart body ends inside part headers");
            }
            byte b = buffer[pos++];
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) (b & 0xff));
            if (line.length() > MAX_HEADER_BYTES) {
                throw new IOException("multipart header line too long");
            }
        }
    }

    /** A part's body: the bytes up to the next delimiter, which it consumes. */
    private final class PartBody extends InputStream {
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (ended) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            if (!fill(delimiter.length)) {
                throw new IOException("multipart body ends without its closing delimiter");
            }
            // Bytes before the first position where a delimiter could start are part of the body.
            int last = limit - delimiter.length;
            for (int i = pos; i <= last; i++) {
                if (buffer[i] == delimiter[0] && matchesAt(i)) {
                    if (i == pos) {
                        pos += delimiter.length;
                        ended = true;
                        return -1;
                    }
                    return copy(target, offset, Math.min(length, i - pos));
                }
            }
            return copy(target, offset, Math.min(length, last + 1 - pos));
        }

        private boolean matchesAt(int i) {
            for (int k = 1; k < delimiter.length; k++) {
                if (buffer[i + k] != delimiter[k]) {
                    return false;
                }
            }
            return true;
        }

        private int copy(byte[] target, int offset, int n) {
            System.arraycopy(buffer, pos, target, offset, n);
            pos += n;
            return n;
        }
    }
}
