package org.tidemq.store.commitlog;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.store.PutMessageResult;
import org.tidemq.store.PutMessageStatus;
import org.tidemq.store.durability.DurabilityPipeline;
import org.tidemq.store.mappedfile.MappedBufferSlice;
import org.tidemq.store.mappedfile.MappedFile;
import org.tidemq.store.mappedfile.MappedFileAllocator;
import org.tidemq.store.mappedfile.MappedFileQueue;
import org.tidemq.store.message.MessageToStore;
import org.tidemq.common.message.StoredMessage;
import org.tidemq.common.message.StoredMessageDecoder;
import org.tidemq.common.message.StoredMessageLayout;
import org.tidemq.store.testutil.ManualClock;
import org.tidemq.store.testutil.TestMessages;

class CommitLogTest {

    private static final int SEGMENT = 4096;

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(1_000);
    private MappedFileQueue segments;

    @AfterEach
    void close() {
        if (segments != null) {
            segments.close();
        }
    }

    private CommitLog commitLog(MappedFileAllocator allocator) {
        segments = new MappedFileQueue(dir, SEGMENT, allocator);
        return new CommitLog(segments, new SpinAppendLock(), new QueueOffsetTable(), new DurabilityPipeline(), clock,
                SEGMENT - 8, 1_000);
    }

    private static StoredMessage read(CommitLog log, long offset) {
        try (MappedBufferSlice slice = log.selectRecord(offset)) {
            assertNotNull(slice, "record at " + offset);
            return StoredMessageDecoder.decodeOne(slice.buffer());
        }
    }

    @Test
    void appendsAssignOffsetsTimestampsAndRollWithABlankFiller() {
        CommitLog log = commitLog(MappedFileAllocator.DIRECT);
        String body = "z".repeat(1000);
        List<PutMessageResult> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clock.advance(10);
            results.add(log.append(TestMessages.message("T", 0, body)));
        }
        // 1.1 KB records: three fit a 4 KiB segment, the fourth goes to the next one behind a filler.
        int recordSize = results.get(0).append().wroteBytes();
        assertEquals(true, 3 * recordSize + 8 <= SEGMENT && 4 * recordSize + 8 > SEGMENT);
        assertEquals(0, results.get(0).append().wroteOffset());
        assertEquals(recordSize, results.get(1).append().wroteOffset());
        assertEquals(SEGMENT, results.get(3).append().wroteOffset(), "rolled to the second segment");
        assertEquals(2, segments.segmentCount());
        assertEquals(SEGMENT + 2L * recordSize, log.maxOffset());

        MappedFile first = segments.firstSegment();
        int fillerAt = 3 * recordSize;
        ByteBuffer raw = first.writeBuffer();
        assertEquals(SEGMENT - fillerAt, raw.getInt(fillerAt + StoredMessageLayout.TOTAL_SIZE));
        assertEquals(StoredMessageLayout.BLANK_MAGIC, raw.getInt(fillerAt + StoredMessageLayout.MAGIC));
        assertTrue(first.isFull());

        for (int i = 0; i < 5; i++) {
            StoredMessage m = read(log, results.get(i).append().wroteOffset());
            assertEquals(i, m.queueOffset());
            assertEquals(results.get(i).append().wroteOffset(), m.physicalOffset());
            assertEquals(1_000 + 10L * (i + 1), m.storeTimestamp());
            assertEquals(body, TestMessages.text(m.body()));
        }
    }

    @Test
    void queueOffsetsAreIndependentPerTopicAndQueue() {
        CommitLog log = commitLog(MappedFileAllocator.DIRECT);
        assertEquals(0, log.append(TestMessages.message("A", 0, "x")).append().queueOffset());
        assertEquals(0, log.append(TestMessages.message("A", 5, "x")).append().queueOffset());
        assertEquals(0, log.append(TestMessages.message("B", 0, "x")).append().queueOffset());
        assertEquals(1, log.append(TestMessages.message("A", 0, "x")).append().queueOffset());
        assertEquals(1, log.append(TestMessages.message("A", 5, "x")).append().queueOffset());
    }

    @Test
    void aBatchThatDoesNotFitTheSegmentRestMovesWhole() {
        CommitLog log = commitLog(MappedFileAllocator.DIRECT);
        log.append(TestMessages.message("T", 0, "q".repeat(3000)));
        List<MessageToStore> batch = List.of(TestMessages.message("T", 1, "a".repeat(400)),
                TestMessages.message("T", 1, "b".repeat(400)), TestMessages.message("T", 1, "c".repeat(400)));
        PutMessageResult result = log.appendBatch(batch);
        assertEquals(PutMessageStatus.PUT_OK, result.status());
        assertEquals(SEGMENT, result.append().wroteOffset());
        assertEquals(3, result.append().messageCount());
        for (int i = 0; i < 3; i++) {
            assertEquals(i, read(log, result.append().physicalOffset(i)).queueOffset());
        }
    }

    @Test
    void anAppendFindingTheLockHeldTooLongGetsOsPageCacheBusy() throws Exception {
        CountDownLatch allocating = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CommitLog log = commitLog((path, size) -> {
            allocating.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return MappedFile.open(path, size);
        });
        CompletableFuture<PutMessageResult> slow = CompletableFuture.supplyAsync(
                () -> log.append(TestMessages.message("T", 0, "first")));
        assertTrue(allocating.await(10, TimeUnit.SECONDS));
        clock.advance(1_001);
        PutMessageResult busy = log.append(TestMessages.message("T", 0, "second"));
        assertEquals(PutMessageStatus.OS_PAGECACHE_BUSY, busy.status());
        release.countDown();
        assertEquals(PutMessageStatus.PUT_OK, slow.get(10, TimeUnit.SECONDS).status());
        assertEquals(PutMessageStatus.PUT_OK, log.append(TestMessages.message("T", 0, "third")).status());
    }

    @Test
    void rawAppendsRefuseAWrongOffset() throws IOException {
        CommitLog log = commitLog(MappedFileAllocator.DIRECT);
        assertEquals(false, log.appendRaw(100, ByteBuffer.allocate(10)), "an empty log needs an aligned start");
        assertTrue(log.appendRaw(0, ByteBuffer.allocate(10)));
        assertEquals(false, log.appendRaw(5, ByteBuffer.allocate(10)));
        assertTrue(log.appendRaw(10, ByteBuffer.allocate(SEGMENT)));
        assertEquals(SEGMENT + 10, log.maxOffset());
    }

    /** Decoded while the slice is held: a remapped segment's retired mapping goes with its last slice. */
    private static String queueOffsetAndBody(CommitLog log, long offset) {
        try (MappedBufferSlice slice = log.selectRecord(offset)) {
            assertNotNull(slice, "record at " + offset);
            StoredMessage m = StoredMessageDecoder.decodeOne(slice.buffer());
            return m.queueOffset() + ":" + TestMessages.text(m.body());
        }
    }

    @Test
    void trimmingRemapsOnlySegmentsTouchedBeyondTheThresholdAndEveryRecordStaysReadable() {
        CommitLog log = commitLog(MappedFileAllocator.DIRECT);
        String body = "r".repeat(1000);
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            offsets.add(log.append(TestMessages.message("T", 0, body)).append().wroteOffset());
        }
        MappedFile first = segments.firstSegment();
        MappedFile second = segments.lastSegment();
        long secondTouched = second.touchedBytesSinceRemap();
        assertTrue(first.touchedBytesSinceRemap() > secondTouched, "three records and a filler vs two records");

        assertEquals(1, log.trimResidentPages(secondTouched + 1));
        assertEquals(0, first.touchedBytesSinceRemap());
        assertEquals(secondTouched, second.touchedBytesSinceRemap(), "below the threshold: left alone");
        for (int i = 0; i < 5; i++) {
            assertEquals(i + ":" + body, queueOffsetAndBody(log, offsets.get(i)));
        }
        assertEquals(0, log.trimResidentPages(Long.MAX_VALUE));
    }

    @Test
    void appendsAndReadsRacingWithTrimmingLoseNothing() throws Exception {
        CommitLog log = commitLog(MappedFileAllocator.DIRECT);
        int messages = 600;
        List<Long> offsets = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger remaps = new AtomicInteger();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < messages; i++) {
                if (i == messages / 2) {
                    // However the threads are scheduled, the second half is written after at least one remap.
                    await("a remap while the writer runs").atMost(Duration.ofSeconds(30))
                            .until(() -> remaps.get() > 0);
                }
                offsets.add(log.append(TestMessages.message("T", 0, "m" + i + "-" + "x".repeat(200)))
                        .append().wroteOffset());
            }
            writing.set(false);
        });
        Thread trimmer = new Thread(() -> {
            while (writing.get()) {
                remaps.addAndGet(log.trimResidentPages(1));
            }
        });
        writer.start();
        trimmer.start();
        int checked = 0;
        while (writing.get() || checked < offsets.size()) {
            if (checked < offsets.size()) {
                assertTrue(queueOffsetAndBody(log, offsets.get(checked)).startsWith(checked + ":m" + checked + "-"));
                checked++;
            }
        }
        writer.join();
        trimmer.join();
        assertEquals(messages, checked);
    }
}
