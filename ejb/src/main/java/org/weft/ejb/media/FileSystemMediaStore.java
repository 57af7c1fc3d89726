package org.weft.ejb.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Media bytes as files under one directory (weft.media.dir): {@code local/ab/cd/<mediaId>} for
 * originals (two levels of fan-out keep directories small) and {@code thumbnails/<mediaId>/...}.
 */
public final class FileSystemMediaStore implements MediaStore {

    private final Path root;

    public FileSystemMediaStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void put(String key, Path file) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public InputStream open(String key, long offset) throws IOException {
        try {
            FileChannel channel = FileChannel.open(resolve(key), StandardOpenOption.READ);
            channel.position(offset);
            return Channels.newInputStream(channel);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public void delete(String key) throws IOException {
        Path target = resolve(key);
        if (Files.isDirectory(target)) {
            try (Stream<Path> walk = Files.walk(target)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        } else {
            Files.deleteIfExists(target);
        }
    }

    @Override
    public long size(String key) throws IOException {
        try {
            return Files.size(resolve(key));
        } catch (NoSuchFileException e) {
            return -1;
        }
    }

    @Override
    public Path newTemporaryFile() throws IOException {
        Path tmp = root.resolve("tmp");
        Files.createDirectories(tmp);
        return Files.createTempFile(tmp, "upload-", ".part");
    }

    /** The store's path for a key; a key that would leave the root is a bug, not a request. */
    private Path resolve(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("Media key outside the store: " + key);
        }
        return path;
    }
}
