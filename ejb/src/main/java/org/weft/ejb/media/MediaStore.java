package org.weft.ejb.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where media bytes live. The file system store is the one implementation today; an
 * S3-compatible store would implement the same operations. Keys are made by Weft from validated
 * media IDs ({@code [A-Za-z0-9_-]}) and server names only, never from client paths.
 */
public interface MediaStore {

    /** Moves a finished temporary file under {@code key}, replacing nothing that exists. */
    void put(String key, Path file) throws IOException;

    /** The bytes under {@code key}, or null when there are none. The caller closes the stream. */
    InputStream open(String key, long offset) throws IOException;

    /** Removes {@code key} and everything under it; a missing key is no error. */
    void delete(String key) throws IOException;

    /** The size of the bytes under {@code key}, or -1 when there are none. */
    long size(String key) throws IOException;

    /** A fresh temporary file on the store's volume, so {@link #put} can move it cheaply. */
    Path newTemporaryFile() throws IOException;

    /** The key of a local original (two levels of fan-out keep directories small). */
    static String localKey(String mediaId) {
        String padded = (mediaId + "____").substring(0, 4);
        return "local/" + padded.substring(0, 2) + "/" + padded.substring(2, 4) + "/" + mediaId;
    }

    /**
     * The key of a cached remote original. A server name holds no {@code _}, so writing its
     * colons as {@code _} keeps keys distinct and file-system friendly.
     */
    static String remoteKey(String serverName, String mediaId) {
        return "remote/" + serverName.replace(':', '_') + "/" + mediaId;
    }

    /** Where thumbnails of a cached remote original go (deleted with it). */
    static String remoteThumbnailsKey(String serverName, String mediaId) {
        return "remote-thumbnails/" + serverName.replace(':', '_') + "/" + mediaId;
    }
}
