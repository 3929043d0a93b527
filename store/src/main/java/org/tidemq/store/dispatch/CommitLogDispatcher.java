package org.tidemq.store.dispatch;

/**
 * Builds a derived structure (ConsumeQueue, IndexFile, long-poll wake-ups, ...) from CommitLog records.
 *
 * <p><b>Order and thread.</b> The store calls {@link #dispatch} for every message record, in CommitLog order, on a
 * single dispatch thread (or on the thread running recovery before the store accepts writes); dispatchers need no
 * locking against each other. A record is dispatched only once it is complete and within the visibility bound (with
 * SYNC_FLUSH: flushed). Blank fillers are not dispatched. Every dispatcher sees every record, including
 * prepared/rolled-back transactional ones (check {@link DispatchRequest#sysFlag()}).
 *
 * <p><b>Replays.</b> After an abnormal shutdown the store replays records from the segment the checkpoint covers,
 * so {@code dispatch} may be called again for records processed before the crash: an implementation must ignore a
 * request whose {@code commitLogOffset} is below what it has already processed.
 *
 * <p><b>Failures.</b> {@code dispatch} must not throw for an individual bad record (log it); an exception stops the
 * dispatch thread's progress at that record and is retried.
 */
@FunctionalInterface
public interface CommitLogDispatcher {

    void dispatch(DispatchRequest request);

    /**
     * Recovery or replication truncation: the CommitLog now ends at {@code commitLogEndOffset}; drop everything that
     * refers to records at or past it. Called with dispatching paused. Default: nothing to drop.
     */
    default void truncateTo(long commitLogEndOffset) {
    }

    /**
     * The largest CommitLog end offset this dispatcher has made durable (e.g. flushed into its files), used to pick
     * where replay starts after a clean shutdown; {@code Long.MAX_VALUE} if it keeps nothing durable. Default:
     * {@code Long.MAX_VALUE}.
     */
    default long durableCommitLogOffset() {
        return Long.MAX_VALUE;
    }
}
