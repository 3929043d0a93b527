package org.tidemq.store.retention;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reports how full the file system holding a path is. Injected into {@link RetentionService} so tests control disk
 * usage without filling a disk.
 *
 * <p>Thread-safety: implementations must allow calls from any thread.
 */
@FunctionalInterface
public interface DiskUsageProbe {

    /**
     * @return the used fraction of the file system holding {@code path}, in [0, 1]
     * @throws IOException when the file system cannot be queried (the caller treats that as "unknown", not "full")
     */
    double usedRatio(Path path) throws IOException;
}
