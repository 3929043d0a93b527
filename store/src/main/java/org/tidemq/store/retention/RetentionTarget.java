package org.tidemq.store.retention;

import java.nio.file.Path;
import java.util.List;
import org.tidemq.store.mappedfile.MappedFileQueue;

/**
 * The parts of a store that {@link RetentionService} watches and trims. Implemented by the store that owns them.
 *
 * <p>Thread-safety: every method is called from the retention thread while the store runs, so implementations must
 * be safe against concurrent appends, dispatch and reads.
 */
public interface RetentionTarget {

    /** Directories whose file systems are watched for space: the CommitLog's and the store root (ConsumeQueues). */
    List<Path> watchedDirs();

    /** The CommitLog segments; retention deletes at its head only. */
    MappedFileQueue commitLog();

    /**
     * CommitLog offset below which every record is both forced to disk and dispatched, so a segment ending at or
     * below it can be deleted without losing anything the store has not finished with.
     */
    long deletableBelowOffset();

    /**
     * Deletes every ConsumeQueue file whose entries all point below {@code commitLogMinOffset}, never a queue's newest
     * file, and moves each queue's minimum offset up accordingly.
     *
     * @return the number of files deleted
     */
    int deleteConsumeQueueFilesBelow(long commitLogMinOffset);

    /**
     * Deletes every index file whose entries all point below {@code commitLogMinOffset}, never the newest.
     *
     * @return the number of files deleted (0 when the store keeps no index)
     */
    int deleteIndexFilesBelow(long commitLogMinOffset);
}
