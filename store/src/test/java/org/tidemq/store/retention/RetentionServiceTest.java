package org.tidemq.store.retention;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.store.config.RetentionConfig;
import org.tidemq.store.mappedfile.MappedFile;
import org.tidemq.store.mappedfile.MappedFileAllocator;
import org.tidemq.store.mappedfile.MappedFileQueue;
import org.tidemq.store.testutil.ManualClock;

class RetentionServiceTest {

    private static final int SEGMENT_SIZE = 4096;
    /** 04:30 UTC: inside the default deleteWhen hour "04". */
    private static final Instant DELETE_HOUR = Instant.parse("2030-06-15T04:30:00Z");
    private static final Instant OUTSIDE_DELETE_HOUR = Instant.parse("2030-06-15T13:00:00Z");

    @TempDir
    Path dir;

    private MappedFileQueue commitLog;
    private final ManualClock clock = new ManualClock(DELETE_HOUR.toEpochMilli());
    private final FakeTarget target = new FakeTarget();
    private final SimulatedDisk disk = new SimulatedDisk();
    private final List<Long> pauses = new ArrayList<>();
    private RetentionService service;

    @BeforeEach
    void createCommitLog() {
        commitLog = new MappedFileQueue(dir.resolve("commitlog"), SEGMENT_SIZE, MappedFileAllocator.DIRECT);
    }

    @AfterEach
    void close() {
        if (service != null) {
            service.shutdown();
        }
        commitLog.close();
    }

    private RetentionService service(RetentionConfig config) {
        service = new RetentionService(config, target, disk, clock, pauses::add);
        return service;
    }

    private static RetentionConfig config(boolean cleanFileForciblyEnable, int batchMax) {
        return new RetentionConfig("04", 72, 75, 90, 50, 100, cleanFileForciblyEnable, batchMax);
    }

    /** Segments last written {@code ageHours[i]} hours before {@link #clock}; the last one is still being written. */
    private void segmentsAged(int... ageHours) throws IOException {
        for (int i = 0; i < ageHours.length; i++) {
            MappedFile segment = commitLog.lastSegmentForAppend(0);
            segment.appendBytes(ByteBuffer.allocate(i == ageHours.length - 1 ? 100 : SEGMENT_SIZE));
            Files.setLastModifiedTime(segment.path(),
                    FileTime.from(clock.instant().minus(Duration.ofHours(ageHours[i]))));
        }
    }

    private List<Long> segmentStarts() {
        return commitLog.segments().stream().map(MappedFile::fileFromOffset).collect(Collectors.toList());
    }

    @Test
    void deletesExpiredSegmentsOnlyDuringTheDeleteHour() throws IOException {
        segmentsAged(100, 80, 73, 10, 1);
        RetentionService retention = service(config(true, 10));

        clock.set(OUTSIDE_DELETE_HOUR.toEpochMilli());
        segmentsTouchedRelativeTo(OUTSIDE_DELETE_HOUR, 100, 80, 73, 10, 1);
        RetentionRun outside = retention.runOnce();
        assertFalse(outside.deleteHour());
        assertEquals(0, outside.commitLogSegmentsDeleted());
        assertEquals(5, commitLog.segmentCount());

        clock.set(DELETE_HOUR.toEpochMilli());
        segmentsTouchedRelativeTo(DELETE_HOUR, 100, 80, 73, 10, 1);
        RetentionRun inside = retention.runOnce();
        assertTrue(inside.deleteHour());
        assertEquals(3, inside.commitLogSegmentsDeleted());
        assertEquals(List.of(3L * SEGMENT_SIZE, 4L * SEGMENT_SIZE), segmentStarts());
        assertEquals(List.of(100L, 100L), pauses, "paused between the three deletions");
        assertEquals(3L * SEGMENT_SIZE, target.consumeQueueCleanedBelow.get(target.consumeQueueCleanedBelow.size() - 1));
        assertEquals(3L * SEGMENT_SIZE, target.indexCleanedBelow.get(target.indexCleanedBelow.size() - 1));
        assertFalse(Files.exists(dir.resolve("commitlog/00000000000000000000")));
    }

    private void segmentsTouchedRelativeTo(Instant now, int... ageHours) throws IOException {
        List<MappedFile> segments = commitLog.segments();
        for (int i = 0; i < ageHours.length; i++) {
            Files.setLastModifiedTime(segments.get(i).path(), FileTime.from(now.minus(Duration.ofHours(ageHours[i]))));
        }
    }

    @Test
    void usesTheNewerOfFileTimeAndLastStoreTimestamp() throws IOException {
        segmentsAged(100, 100, 1);
        commitLog.segments().get(1).setStoreTimestamp(clock.millis() - Duration.ofHours(2).toMillis());
        RetentionRun run = service(config(true, 10)).runOnce();
        assertEquals(1, run.commitLogSegmentsDeleted(), "the second segment got a record two hours ago");
    }

    @Test
    void deletesExpiredSegmentsAtOnceAboveTheMaxUsedRatioButKeepsUnexpiredOnes() throws IOException {
        clock.set(OUTSIDE_DELETE_HOUR.toEpochMilli());
        segmentsAged(80, 73, 50, 1);
        disk.base = 0.80;
        RetentionRun run = service(config(true, 10)).runOnce();
        assertFalse(run.deleteHour());
        assertFalse(run.forced());
        assertEquals(2, run.commitLogSegmentsDeleted());
        assertNull(run.refusalReason(), "80% is below the 90% refusal limit");
        assertEquals(List.of(2L * SEGMENT_SIZE, 3L * SEGMENT_SIZE), segmentStarts());
    }

    @Test
    void refusesWritesAboveTheForciblyRatioDeletesUnexpiredSegmentsInBatchesAndResumes() throws IOException {
        clock.set(OUTSIDE_DELETE_HOUR.toEpochMilli());
        segmentsAged(5, 4, 3, 2, 1, 0);
        // Each segment takes 1% of the disk: 6 segments -> 93%; back at or below 90% after 3 deletions.
        disk.perSegment = 0.01;
        disk.base = 0.87;
        RetentionService retention = service(config(true, 2));
        assertNull(retention.refusalReason());

        RetentionRun first = retention.runOnce();
        assertTrue(first.forced());
        assertEquals(0.93, first.maxUsedRatio(), 1e-9);
        assertEquals(2, first.commitLogSegmentsDeleted(), "at most deleteFileBatchMax per run");
        assertEquals("disk full: 91.0% used on " + dir.resolve("commitlog") + " (limit 90%)", first.refusalReason());
        assertEquals(first.refusalReason(), retention.refusalReason());

        RetentionRun second = retention.runOnce();
        assertEquals(1, second.commitLogSegmentsDeleted(), "the second run stops once writes are possible again");
        assertNull(second.refusalReason());
        assertNull(retention.refusalReason(), "appends resume in the run that freed the space");
        assertEquals(3, commitLog.segmentCount());

        RetentionRun third = retention.runOnce();
        assertEquals(0, third.commitLogSegmentsDeleted(), "90% is not above 90%: nothing unexpired is deleted");
    }

    @Test
    void neverDeletesTheSegmentBeingWrittenNorRecordsNotYetFlushedOrDispatched() throws IOException {
        segmentsAged(200, 200, 200, 200);
        disk.base = 0.99;
        target.deletableBelow = 2L * SEGMENT_SIZE - 1;
        RetentionService retention = service(config(true, 10));
        assertEquals(1, retention.runOnce().commitLogSegmentsDeleted(), "the second segment is not fully flushed");

        target.deletableBelow = Long.MAX_VALUE;
        assertEquals(2, retention.runOnce().commitLogSegmentsDeleted());
        assertEquals(List.of(3L * SEGMENT_SIZE), segmentStarts(), "the segment being written stays");
        assertEquals(0, retention.runOnce().commitLogSegmentsDeleted());
        assertTrue(retention.refusalReason().startsWith("disk full: 99.0% used on "), retention.refusalReason());
    }

    @Test
    void withoutForcedCleaningAFullDiskStillRefusesButKeepsUnexpiredSegments() throws IOException {
        clock.set(OUTSIDE_DELETE_HOUR.toEpochMilli());
        segmentsAged(5, 4, 1);
        disk.base = 0.95;
        RetentionRun run = service(config(false, 10)).runOnce();
        assertFalse(run.forced());
        assertEquals(0, run.commitLogSegmentsDeleted());
        assertTrue(run.refusalReason().contains("95.0% used"), run.refusalReason());
    }

    @Test
    void namesTheFullestWatchedFileSystemAndKeepsTheGateWhenUsageIsUnknown() throws IOException {
        segmentsAged(1, 1);
        Path storeRoot = dir.resolve("store");
        target.dirs = List.of(dir.resolve("commitlog"), storeRoot);
        disk.perDir = path -> path.equals(storeRoot) ? 0.97 : 0.10;
        RetentionService retention = service(config(true, 10));
        assertEquals("disk full: 97.0% used on " + storeRoot + " (limit 90%)", retention.runOnce().refusalReason());

        disk.failing = true;
        RetentionRun unknown = retention.runOnce();
        assertEquals(-1, unknown.maxUsedRatio());
        assertEquals("disk full: 97.0% used on " + storeRoot + " (limit 90%)", retention.refusalReason(),
                "an unreadable file system neither opens nor closes the gate");

        disk.failing = false;
        disk.perDir = path -> 0.5;
        assertNull(retention.runOnce().refusalReason());
    }

    @Test
    void backgroundRunsCloseAndReopenTheGate() throws IOException {
        segmentsAged(1, 1);
        disk.base = 0.95;
        RetentionService retention = service(config(false, 10));
        retention.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> retention.refusalReason() != null);
        disk.base = 0.20;
        await().atMost(Duration.ofSeconds(10)).until(() -> retention.refusalReason() == null);
        retention.shutdown();
    }

    /** Disk usage as a function of the number of CommitLog segments, or per directory. */
    private final class SimulatedDisk implements DiskUsageProbe {
        volatile double base;
        volatile double perSegment;
        volatile boolean failing;
        volatile java.util.function.ToDoubleFunction<Path> perDir;

        @Override
        public double usedRatio(Path path) throws IOException {
            if (failing) {
                throw new IOException("statfs failed");
            }
            if (perDir != null) {
                return perDir.applyAsDouble(path);
            }
            return base + perSegment * commitLog.segmentCount();
        }
    }

    private final class FakeTarget implements RetentionTarget {
        volatile long deletableBelow = Long.MAX_VALUE;
        List<Path> dirs;
        final List<Long> consumeQueueCleanedBelow = new ArrayList<>();
        final List<Long> indexCleanedBelow = new ArrayList<>();

        @Override
        public List<Path> watchedDirs() {
            return dirs != null ? dirs : List.of(dir.resolve("commitlog"));
        }

        @Override
        public MappedFileQueue commitLog() {
            return commitLog;
        }

        @Override
        public long deletableBelowOffset() {
            return deletableBelow;
        }

        @Override
        public int deleteConsumeQueueFilesBelow(long commitLogMinOffset) {
            consumeQueueCleanedBelow.add(commitLogMinOffset);
            return 0;
        }

        @Override
        public int deleteIndexFilesBelow(long commitLogMinOffset) {
            indexCleanedBelow.add(commitLogMinOffset);
            return 0;
        }
    }
}
