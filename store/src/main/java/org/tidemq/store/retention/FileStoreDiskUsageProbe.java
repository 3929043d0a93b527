package org.tidemq.store.retention;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real disk: (total − usable) / total of the path's {@link FileStore}. "Usable" rather than "free" so that blocks
 * reserved for root count as used — the broker may not run as root, and a conservative figure refuses writes before
 * the kernel does.
 */
public final class FileStoreDiskUsageProbe implements DiskUsageProbe {

    @Override
    public double usedRatio(Path path) throws IOException {
        FileStore store = Files.getFileStore(existingAncestor(path));
        long total = store.getTotalSpace();
        if (total <= 0) {
            throw new IOException("file system of " + path + " reports total space " + total);
        }
        long usable = store.getUsableSpace();
        return Math.min(1.0, Math.max(0.0, (double) (total - usable) / total));
    }

    /** A directory that does not exist yet lives on the file system of its nearest existing parent. */
    private static Path existingAncestor(Path path) throws IOException {
        Path candidate = path.toAbsolutePath();
        while (candidate != null && !Files.exists(candidate)) {
            candidate = candidate.getParent();
        }
        if (candidate == null) {
            throw new IOException("no existing directory on the way to " + path);
        }
        return candidate;
    }
}
