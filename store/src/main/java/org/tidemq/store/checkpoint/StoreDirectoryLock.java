package org.tidemq.store.checkpoint;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS lock on the store's {@code lock} file, so two stores (in one or two processes) never write the same
 * directory. Released by {@link #close()} or by the process dying.
 */
public final class StoreDirectoryLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private StoreDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws IOException naming the file when another store holds it */
    public static StoreDirectoryLock acquire(Path lockFile) throws IOException {
        Files.createDirectories(lockFile.getParent());
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("store directory " + lockFile.getParent() + " is in use by another store (lock "
                    + lockFile + " is held)");
        }
        return new StoreDirectoryLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
