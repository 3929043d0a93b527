package org.tidemq.store.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.store.AppendMessageResult;
import org.tidemq.store.commitlog.CommitLog;
import org.tidemq.store.commitlog.QueueOffsetTable;
import org.tidemq.store.commitlog.ReentrantAppendLock;
import org.tidemq.store.durability.DurabilityPipeline;
import org.tidemq.store.mappedfile.MappedBufferSlice;
import org.tidemq.store.mappedfile.MappedFileAllocator;
import org.tidemq.store.mappedfile.MappedFileQueue;
import org.tidemq.common.message.MessageSysFlag;
import org.tidemq.common.message.StoredMessageLayout;
import org.tidemq.store.testutil.ManualClock;
import org.tidemq.store.testutil.TestMessages;

class CommitLogDispatchServiceTest {

    @TempDir
    Path dir;

    private final AtomicLong bound = new AtomicLong(Long.MAX_VALUE);
    private final List<DispatchRequest> seen = new ArrayList<>();
    private MappedFileQueue segments;
    private CommitLog log;
    private CommitLogDispatchService service;

    private void open() {
        segments = new MappedFileQueue(dir, 4096, MappedFileAllocator.DIRECT);
        log = new CommitLog(segments, new ReentrantAppendLock(), new QueueOffsetTable(), new DurabilityPipeline(),
                new ManualClock(5_000), 4000, 1000);
        service = new CommitLogDispatchService(log, bound::get);
        service.addDispatcher(seen::add);
    }

    @AfterEach
    void close() {
        segments.close();
    }

    private List<AppendMessageResult> append(int count, String body) {
        List<AppendMessageResult> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            results.add(log.append(TestMessages.message("T", 0, body + i, "TagA", "key" + i)).append());
        }
        return results;
    }

    @Test
    void dispatchesEveryRecordInOrderAcrossSegmentsButNotPastTheBound() {
        open();
        List<AppendMessageResult> appended = append(12, "x".repeat(900));
        bound.set(appended.get(4).endOffset() + 10);

        assertEquals(5, service.dispatchAvailable());
        assertEquals(appended.get(4).endOffset(), service.dispatchedOffset());

        bound.set(Long.MAX_VALUE);
        assertEquals(7, service.dispatchAvailable());
        assertEquals(log.maxOffset(), service.dispatchedOffset());
        for (int i = 0; i < 12; i++) {
            DispatchRequest r = seen.get(i);
            assertEquals(appended.get(i).wroteOffset(), r.commitLogOffset());
            assertEquals(i, r.queueOffset());
            assertEquals("key" + i, r.keys());
            assertEquals("TagA".hashCode(), r.tagsCode());
            assertEquals(5_000, r.storeTimestamp());
        }
        assertEquals(true, seen.get(11).commitLogOffset() >= 3 * 4096, "crossed blank fillers");
    }

    @Test
    void aRecordArrivingInPiecesIsDispatchedOnlyWhenComplete() {
        open();
        MappedFileQueue sourceSegments = new MappedFileQueue(dir.resolve("source"), 4096, MappedFileAllocator.DIRECT);
        CommitLog source = new CommitLog(sourceSegments, new ReentrantAppendLock(), new QueueOffsetTable(),
                new DurabilityPipeline(), new ManualClock(0), 4000, 1000);
        AppendMessageResult record = source.append(TestMessages.message("T", 0, "whole")).append();
        try (MappedBufferSlice bytes = source.select(0, record.wroteBytes())) {
            log.appendRaw(0, bytes.buffer().slice(0, 50));
            assertEquals(0, service.dispatchAvailable());
            log.appendRaw(50, bytes.buffer().slice(50, record.wroteBytes() - 50));
            assertEquals(1, service.dispatchAvailable());
        } finally {
            sourceSegments.close();
        }
        assertEquals("T", seen.get(0).topic());
        assertEquals(record.wroteBytes(), seen.get(0).msgSize());
    }

    @Test
    void aCorruptRecordStopsDispatchInsteadOfBeingSkipped() {
        open();
        List<AppendMessageResult> appended = append(3, "y");
        segments.firstSegment().writeBuffer().putInt((int) appended.get(1).wroteOffset() + StoredMessageLayout.MAGIC,
                0x0BADF00D);

        assertEquals(1, service.dispatchAvailable());
        assertEquals(appended.get(1).wroteOffset(), service.dispatchedOffset());
        assertEquals(0, service.dispatchAvailable(), "no progress past the corrupt record");
        assertEquals(1, seen.size());
    }

    @Test
    void preparedMessagesAreDispatchedWithTheirSysFlag() {
        open();
        log.append(TestMessages.withSysFlag(TestMessages.message("T", 0, "half"),
                MessageSysFlag.TRANSACTION_PREPARED_TYPE));
        service.dispatchAvailable();
        assertEquals(MessageSysFlag.TRANSACTION_PREPARED_TYPE, MessageSysFlag.transactionType(seen.get(0).sysFlag()));
    }
}
