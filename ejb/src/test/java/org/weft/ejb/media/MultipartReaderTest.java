package org.weft.ejb.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** RFC 2046 multipart/mixed as the federation media endpoints send it. */
class MultipartReaderTest {

    @Test
    void boundaryFromTheContentType() {
        assertEquals(Optional.of("abc"), MultipartReader.boundary("multipart/mixed; boundary=abc"));
        assertEquals(Optional.of("a b"), MultipartReader.boundary("multipart/mixed; charset=x; Boundary=\"a b\""));
        assertTrue(MultipartReader.boundary("application/json").isEmpty());
        assertTrue(MultipartReader.boundary("multipart/mixed").isEmpty());
    }

    @Test
    void readsTheMetadataAndALargeBinaryPartEvenInTinyChunks() throws IOException {
        byte[] media = new byte[300_000];
        new Random(7).nextBytes(media);
        // Near-misses of the delimiter inside the data must stay data.
        byte[] nearMiss = "\r\n--bound\r\n--boundar".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(nearMiss, 0, media, 65_530, nearMiss.length);
        byte[] body = concat(("preamble\r\n--boundary\r\nContent-Type: application/json\r\n\r\n{}\r\n--boundary\r\n"
                + "Content-Type: image/png\r\nContent-Disposition: inline; filename=\"a.png\"\r\n\r\n").getBytes(),
                media, "\r\n--boundary--\r\nepilogue".getBytes());

        MultipartReader reader = new MultipartReader(new TrickleInputStream(new ByteArrayInputStream(body)), "boundary");
        MultipartReader.Part metadata = reader.next().orElseThrow();
        assertEquals("application/json", metadata.headers().get("content-type"));
        assertEquals("{}", new String(metadata.body().readAllBytes(), StandardCharsets.UTF_8));
        MultipartReader.Part file = reader.next().orElseThrow();
        assertEquals("inline; filename=\"a.png\"", file.headers().get("content-disposition"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[777];
        int n;
        while ((n = file.body().read(chunk)) > 0) {
            out.write(chunk, 0, n);
        }
        assertArrayEquals(media, out.toByteArray());
        assertTrue(reader.next().isEmpty());
    }

    @Test
    void aPartMayBeSkippedUnread() throws IOException {
        byte[] body = "--b\r\nContent-Type: application/json\r\n\r\n{\"x\":1}\r\n--b\r\nLocation: https://cdn/x\r\n\r\n\r\n--b--"
                .getBytes(StandardCharsets.UTF_8);
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body), "b");
        reader.next().orElseThrow();
        MultipartReader.Part second = reader.next().orElseThrow();
        assertEquals("https://cdn/x", second.headers().get("location"));
        assertEquals(0, second.body().readAllBytes().length);
        assertTrue(reader.next().isEmpty());
    }

    @Test
    void aTruncatedBodyIsAnError() throws IOException {
        byte[] body = "--b\r\nContent-Type: image/png\r\n\r\nabcdefghijklmnop".getBytes(StandardCharsets.UTF_8);
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body), "b");
        MultipartReader.Part part = reader.next().orElseThrow();
        assertThrows(IOException.class, () -> part.body().readAllBytes());
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Hands out at most 3 bytes per read, as a slow network might. */
    private static final class TrickleInputStream extends FilterInputStream {
        TrickleInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 3));
        }
    }
}
