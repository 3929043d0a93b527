package org.tidemq.store.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.store.AppendMessageResult;
import org.tidemq.store.commitlog.CommitLog;
import org.tidemq.store.commitlog.QueueOffsetTable;
import org.tidemq.store.commitlog.SpinAppendLock;
import org.tidemq.store.durability.DurabilityPipeline;
import org.tidemq.store.mappedfile.MappedFileAllocator;
import org.tidemq.store.mappedfile.MappedFileQueue;
import org.tidemq.store.testutil.ManualClock;
import org.tidemq.store.testutil.TestMessages;

class CommitLogRecoveryTest {

    private static final int SEGMENT = 4096;

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(1_000_000);
    private final List<AppendMessageResult> appended = new ArrayList<>();

    /** Writes 8 segments, one second per record, and reopens them (all positions "full", as after a restart). */
    private MappedFileQueue writtenAndReloaded() throws IOException {
        MappedFileQueue segments = new MappedFileQueue(dir, SEGMENT, MappedFileAllocator.DIRECT);
        CommitLog log = new CommitLog(segments, new SpinAppendLock(), new QueueOffsetTable(),
                new DurabilityPipeline(), clock, SEGMENT - 8, 1000);
        while (segments.segmentCount() < 8) {
            clock.advance(1000);
            appended.add(log.append(TestMessages.message("T", 0, "r".repeat(500))).append());
        }
        segments.close();
        MappedFileQueue reloaded = new MappedFileQueue(dir, SEGMENT, MappedFileAllocator.DIRECT);
        reloaded.load();
        return reloaded;
    }

    private AppendMessageResult firstIn(long segmentStart) {
        return appended.stream().filter(a -> a.wroteOffset() == segmentStart).findFirst().orElseThrow();
    }

    private long recordsFrom(long offset) {
        return appended.stream().filter(a -> a.wroteOffset() >= offset).count();
    }

    @Test
    void abnormalRecoveryStartsAtTheSegmentTheCheckpointCovers() throws IOException {
        MappedFileQueue segments = writtenAndReloaded();
        long fifth = 4L * SEGMENT;
        CommitLogRecovery.Result result = new CommitLogRecovery(segments, clock)
                .recover(true, firstIn(fifth).storeTimestamp() + 500);

        assertEquals(fifth, result.scanStart(), "validation starts at the covered segment");
        assertEquals(recordsFrom(fifth), result.records(), "only the records from there on were validated");
        assertNull(result.stopReason());
        assertEquals(appended.get(appended.size() - 1).endOffset(), result.validEnd());
        assertEquals(result.validEnd(), segments.maxOffset());
        segments.close();
    }

    @Test
    void cleanRecoveryVerifiesTheLastThreeSegments() throws IOException {
        MappedFileQueue segments = writtenAndReloaded();
        CommitLogRecovery.Result result = new CommitLogRecovery(segments, clock).recover(false, 0);
        assertEquals(5L * SEGMENT, result.scanStart());
        assertEquals(recordsFrom(5L * SEGMENT), result.records());
        assertEquals(8, segments.segmentCount());
        segments.close();
    }

    @Test
    void withoutACheckpointAbnormalRecoveryScansEverything() throws IOException {
        MappedFileQueue segments = writtenAndReloaded();
        CommitLogRecovery.Result result = new CommitLogRecovery(segments, clock).recover(true, 0);
        assertEquals(0, result.scanStart());
        assertEquals(appended.size(), result.records());
        segments.close();
    }
}
