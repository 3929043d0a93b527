package org.tidemq.store.index;

/**
 * Where {@link IndexService} records how far the index is durable: the checkpoint file's {@code indexMsgTimestamp}
 * (facts sheet §7.4). After an unclean shutdown, index files whose {@code endTimestamp} is newer are distrusted,
 * deleted and rebuilt.
 */
public interface IndexCheckpoint {

    /** Store timestamp up to which every index file is known to be on disk (0 = nothing). */
    long indexMsgTimestamp();

    /**
     * Records that every index file with {@code endTimestamp <= timestamp} is on disk; durable when this returns.
     * Called by one thread at a time.
     */
    void recordIndexMsgTimestamp(long timestamp);
}
