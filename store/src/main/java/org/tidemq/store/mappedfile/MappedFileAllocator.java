package org.tidemq.store.mappedfile;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Creates the next segment of a {@link MappedFileQueue}. Implementations may prepare segments ahead of time
 * ({@link AllocateMappedFileService}) so the writer never waits for file creation and mapping.
 */
@FunctionalInterface
public interface MappedFileAllocator {

    /** Creates and maps segments on the calling thread. */
    MappedFileAllocator DIRECT = MappedFile::open;

    /**
     * Returns the empty, mapped segment at {@code path} (its name is its start offset). Called by the single writer
     * of the queue.
     */
    MappedFile allocate(Path path, int fileSize) throws IOException;
}
