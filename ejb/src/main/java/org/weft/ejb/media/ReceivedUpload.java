package org.weft.ejb.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.weft.core.error.MatrixException;

/**
 * An upload's bytes, streamed into a temporary file of the store with their size and SHA-256
 * taken on the way: never more than a buffer of it in the heap. Received outside any transaction,
 * so a slow client holds no database connection.
 *
 * @param file   the temporary file (moved into the store, or deleted, by whoever takes it)
 */
public record ReceivedUpload(Path file, long size, String sha256) {

    /**
     * @throws MatrixException 413 M_TOO_LARGE past {@code maxBytes} (nothing is kept)
     */
    public static ReceivedUpload receive(MediaStore store, InputStream body, long maxBytes) {
        try {
            return copy(store, body, maxBytes);
        } catch (IOException e) {
            // The client stopped sending, or Undertow's own size limit cut the body off.
            throw MatrixException.tooLarge("The upload could not be read completely: " + e.getMessage());
        }
    }

    /**
     * Like {@link #receive}, but a body that cannot be read is the caller's to explain (a remote
     * server that went away is no client's oversized upload).
     *
     * @throws IOException when reading the body fails (nothing is kept)
     * @throws MatrixException 413 M_TOO_LARGE past {@code maxBytes} (nothing is kept)
     */
    public static ReceivedUpload copy(MediaStore store, InputStream body, long maxBytes) throws IOException {
        Path file = null;
        try {
            file = store.newTemporaryFile();
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long size = 0;
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = new DigestInputStream(body, sha256); OutputStream out = Files.newOutputStream(file)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    size += n;
                    if (size > maxBytes) {
                        throw MatrixException.tooLarge("Uploads are limited to " + maxBytes + " bytes");
                    }
                    out.write(buffer, 0, n);
                }
            }
            return new ReceivedUpload(file, size, HexFormat.of().formatHex(sha256.digest()));
        } catch (NoSuchAlgorithmException e) {
            discard(file);
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        } catch (IOException | RuntimeException e) {
            discard(file);
            throw e;
        }
    }

    public void discard() {
        discard(file);
    }

    private static void discard(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a stray temporary file is harmless; the store's tmp directory can be emptied any time
            }
        }
    }
}
