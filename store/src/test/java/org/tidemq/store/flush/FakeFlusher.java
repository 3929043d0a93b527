package org.tidemq.store.flush;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A CommitLog stand-in: counts forces and can simulate a disk that stops making progress. */
final class FakeFlusher implements CommitLogFlusher {

    final AtomicLong written = new AtomicLong();
    final AtomicLong flushed = new AtomicLong();
    final AtomicInteger forces = new AtomicInteger();
    final AtomicInteger lastLeastPages = new AtomicInteger(-1);
    volatile boolean stuck;
    volatile long storeTimestamp;

    void write(long bytes, long timestamp) {
        written.addAndGet(bytes);
        storeTimestamp = timestamp;
    }

    @Override
    public long flush(int leastPages) {
        lastLeastPages.set(leastPages);
        long dirtyPages = written.get() / 4096 - flushed.get() / 4096;
        boolean able = leastPages == 0 ? written.get() > flushed.get() : dirtyPages >= leastPages;
        if (able && !stuck) {
            forces.incrementAndGet();
            flushed.set(written.get());
        }
        return flushed.get();
    }

    @Override
    public long flushedOffset() {
        return flushed.get();
    }

    @Override
    public long writtenOffset() {
        return written.get();
    }

    @Override
    public long lastStoreTimestamp() {
        return storeTimestamp;
    }
}
