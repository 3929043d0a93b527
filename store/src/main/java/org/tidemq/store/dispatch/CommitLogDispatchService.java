package org.tidemq.store.dispatch;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.store.commitlog.CommitLog;
import org.tidemq.store.mappedfile.MappedBufferSlice;
import org.tidemq.common.message.RecordCheck;
import org.tidemq.common.message.StoredMessageDecoder;
import org.tidemq.store.util.ServiceThread;

/**
 * Follows the CommitLog and hands every complete record below the visibility bound to the
 * {@link CommitLogDispatcher}s, in order, on one thread ("reput" in RocketMQ).
 *
 * <p>The bound is the minimum of the CommitLog's write position and the durability stages' visible offset (with
 * SYNC_FLUSH: the flushed offset), so nothing a crash could roll back reaches a consumer. A record extending past
 * the bound waits. A corrupt record stops progress (logged once) rather than being skipped silently.
 *
 * <p>Thread-safe: {@link #runOnce()} and {@link #whilePaused} exclude each other.
 */
public final class CommitLogDispatchService extends ServiceThread {

    private static final Logger LOG = LoggerFactory.getLogger(CommitLogDispatchService.class);
    private static final long IDLE_WAIT_MS = 1;

    private final CommitLog commitLog;
    private final LongSupplier visibleBound;
    private final List<CommitLogDispatcher> dispatchers = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final RecordCheck check = new RecordCheck();
    private final DispatchRequestReader reader = new DispatchRequestReader();
    private volatile long dispatchedOffset;
    private long reportedStallOffset = -1;

    /**
     * @param visibleBound offset past which records must not be dispatched yet ({@code Long.MAX_VALUE}: only the
     *                     write position limits)
     */
    public CommitLogDispatchService(CommitLog commitLog, LongSupplier visibleBound) {
        super("CommitLogDispatch");
        this.commitLog = commitLog;
        this.visibleBound = visibleBound;
    }

    public void addDispatcher(CommitLogDispatcher dispatcher) {
        dispatchers.add(dispatcher);
    }

    public List<CommitLogDispatcher> dispatchers() {
        return List.copyOf(dispatchers);
    }

    /** Offset up to which records were dispatched. */
    public long dispatchedOffset() {
        return dispatchedOffset;
    }

    /** Where dispatching continues (recovery, truncation); call while paused or before start. */
    public void setDispatchedOffset(long offset) {
        lock.lock();
        try {
            dispatchedOffset = offset;
            reportedStallOffset = -1;
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code action} while no record is being dispatched. */
    public void whilePaused(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected long waitIntervalMs() {
        return IDLE_WAIT_MS;
    }

    @Override
    public void runOnce() {
        dispatchAvailable();
    }

    /** Dispatches every complete record below the bound. @return records dispatched */
    public int dispatchAvailable() {
        return dispatchUpTo(Math.min(commitLog.maxOffset(), visibleBound.getAsLong()));
    }

    /** Dispatches every complete record ending at or below {@code limit}. @return records dispatched */
    public int dispatchUpTo(long limit) {
        lock.lock();
        try {
            int count = 0;
            while (dispatchedOffset < limit) {
                int dispatched = dispatchSegment(limit);
                if (dispatched < 0) {
                    break;
                }
                count += dispatched;
            }
            return count;
        } finally {
            lock.unlock();
        }
    }

    /** Dispatches within the segment holding the dispatched offset; -1 when no progress is possible now. */
    private int dispatchSegment(long limit) {
        long offset = dispatchedOffset;
        MappedBufferSlice slice = commitLog.selectToSegmentEnd(offset);
        if (slice == null) {
            long min = commitLog.minOffset();
            if (offset < min) {
                LOG.warn("dispatch offset {} below the CommitLog minimum {}: records were deleted before dispatch",
                        offset, min);
                dispatchedOffset = min;
                return 0;
            }
            return -1;
        }
        try {
            ByteBuffer buf = slice.buffer();
            int readable = (int) Math.min(slice.size(), limit - offset);
            int position = 0;
            int count = 0;
            while (position < readable) {
                StoredMessageDecoder.check(buf, position, readable, -1, false, check);
                switch (check.kind()) {
                    case MESSAGE -> {
                        DispatchRequest request = reader.read(buf, position, check, offset + position);
                        for (CommitLogDispatcher dispatcher : dispatchers) {
                            dispatcher.dispatch(request);
                        }
                        position += check.size();
                        dispatchedOffset = offset + position;
                        count++;
                    }
                    case BLANK -> {
                        dispatchedOffset = commitLog.nextSegmentStart(offset + position);
                        return count;
                    }
                    case INCOMPLETE -> {
                        return count > 0 ? count : -1;
                    }
                    default -> {
                        reportStall(offset + position, check);
                        return count > 0 ? count : -1;
                    }
                }
            }
            return count > 0 ? count : -1;
        } catch (RuntimeException e) {
            LOG.error("dispatching the record at {} failed; will retry", dispatchedOffset, e);
            return -1;
        } finally {
            slice.release();
        }
    }

    private void reportStall(long offset, RecordCheck check) {
        if (offset != reportedStallOffset) {
            reportedStallOffset = offset;
            LOG.error("dispatch stopped at CommitLog offset {}: {} ({})", offset, check.kind(), check.problem());
        }
    }
}
