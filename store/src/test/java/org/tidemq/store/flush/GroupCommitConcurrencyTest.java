package org.tidemq.store.flush;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.store.PutMessageResult;
import org.tidemq.store.PutMessageStatus;
import org.tidemq.store.commitlog.CommitLog;
import org.tidemq.store.commitlog.QueueOffsetTable;
import org.tidemq.store.commitlog.ReentrantAppendLock;
import org.tidemq.store.durability.DurabilityPipeline;
import org.tidemq.store.mappedfile.MappedFileAllocator;
import org.tidemq.store.mappedfile.MappedFileQueue;
import org.tidemq.store.testutil.TestMessages;

/** Real writers on a real CommitLog: every acknowledged message is forced, and forces are shared. */
class GroupCommitConcurrencyTest {

    private static final int WRITERS = 8;
    private static final int MESSAGES_PER_WRITER = 50;

    @TempDir
    Path dir;

    @Test
    void concurrentSyncWritersAreAcknowledgedAfterSharedForces() throws Exception {
        MappedFileQueue segments = new MappedFileQueue(dir, 1 << 20, MappedFileAllocator.DIRECT);
        DurabilityPipeline durability = new DurabilityPipeline();
        CommitLog log = new CommitLog(segments, new ReentrantAppendLock(), new QueueOffsetTable(), durability,
                System::currentTimeMillis, 65536, 1000);
        AtomicInteger forces = new AtomicInteger();
        CommitLogFlusher counting = new CommitLogFlusher() {
            @Override
            public long flush(int leastPages) {
                if (log.flushedOffset() < log.maxOffset()) {
                    forces.incrementAndGet();
                }
                return log.flush(leastPages);
            }

            @Override
            public long flushedOffset() {
                return log.flushedOffset();
            }

            @Override
            public long writtenOffset() {
                return log.maxOffset();
            }

            @Override
            public long lastStoreTimestamp() {
                return log.lastStoreTimestamp();
            }
        };
        GroupCommitService groupCommit = new GroupCommitService(counting, System::currentTimeMillis, t -> { },
                5_000);
        durability.add(groupCommit);
        groupCommit.start();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                done.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < MESSAGES_PER_WRITER; i++) {
                        PutMessageResult put = log.append(TestMessages.message("T", writer, "w" + writer + "-" + i));
                        assertEquals(PutMessageStatus.PUT_OK, put.durability().join());
                        assertTrue(log.flushedOffset() >= put.append().endOffset(), "acknowledged only when forced");
                    }
                }, writers));
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            writers.shutdownNow();
            groupCommit.shutdown();
            segments.close();
        }
        int messages = WRITERS * MESSAGES_PER_WRITER;
        assertTrue(forces.get() < messages, forces.get() + " forces for " + messages + " messages: none shared");
    }
}
