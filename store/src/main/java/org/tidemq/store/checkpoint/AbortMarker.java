package org.tidemq.store.checkpoint;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The {@code abort} file: created (and synced) when the store opens, deleted by a clean shutdown. Found at open, it
 * means the previous run did not shut down cleanly and recovery must validate the CommitLog tail.
 */
public final class AbortMarker {

    private final Path file;

    public AbortMarker(Path file) {
        this.file = file;
    }

    public boolean exists() {
        return Files.exists(file);
    }

    public void create() throws IOException {
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        syncDirectory(file.getParent());
    }

    public void delete() throws IOException {
        Files.deleteIfExists(file);
        syncDirectory(file.getParent());
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Not every file system lets a directory be synced; the marker is advisory beyond a crash anyway.
        }
    }
}
