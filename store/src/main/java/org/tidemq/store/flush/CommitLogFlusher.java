package org.tidemq.store.flush;

/**
 * What the flush services force: normally the CommitLog; tests wrap it to count forces or simulate a stuck disk.
 */
public interface CommitLogFlusher {

    /**
     * Forces written data when at least {@code leastPages} 4 KiB pages are dirty (0 = everything written).
     *
     * @return the flushed offset afterwards
     */
    long flush(int leastPages);

    /** Offset up to which data is forced. */
    long flushedOffset();

    /** Offset just past the written data. */
    long writtenOffset();

    /** Store timestamp of the newest written record (0 if none). */
    long lastStoreTimestamp();
}
