package org.tidemq.broker.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mapped timer log and wheel: layout on disk, chains per slot, laps, and that entries stay off the heap. */
class TimerFilesTest {
    @TempDir
    Path dir;

    @Test
    void logEntriesSitAtTheirNamedOffsetsAndSurviveReopening() throws IOException {
        try (TimerLog log = TimerLog.open(dir.resolve("log"), 8)) {
            log.writePending(9, 123_456L, 77, 1_700_000_000_123L, 4);
            log.setState(10, TimerLogLayout.STATE_SKIPPED);
            assertEquals(TimerLogLayout.STATE_EMPTY, log.state(100), "an unmapped segment reads as empty");
        }
        ByteBuffer segment = ByteBuffer.wrap(Files.readAllBytes(
                dir.resolve("log").resolve(String.format("%020d", 8))));
        int at = TimerLogLayout.ENTRY_SIZE; // offset 9 is the second entry of the segment starting at 8
        assertEquals(123_456L, segment.getLong(at + TimerLogLayout.COMMIT_LOG_OFFSET));
        assertEquals(77, segment.getInt(at + TimerLogLayout.MESSAGE_SIZE));
        assertEquals(TimerLogLayout.STATE_PENDING, segment.getInt(at + TimerLogLayout.STATE));
        assertEquals(1_700_000_000_123L, segment.getLong(at + TimerLogLayout.DELIVER_MS));
        assertEquals(4, segment.getLong(at + TimerLogLayout.PREVIOUS_IN_SLOT));
        assertEquals(TimerLogLayout.STATE_SKIPPED,
                segment.getInt(2 * TimerLogLayout.ENTRY_SIZE + TimerLogLayout.STATE));

        try (TimerLog log = TimerLog.open(dir.resolve("log"), 8)) {
            assertEquals(TimerLogLayout.STATE_PENDING, log.state(9));
            assertEquals(1_700_000_000_123L, log.deliverMs(9));
            assertEquals(123_456L, log.commitLogOffset(9));
            assertEquals(77, log.messageSize(9));
        }
    }

    @Test
    void wheelHeaderAndSlotsSitAtTheirNamedOffsets() throws IOException {
        Path file = dir.resolve("wheel");
        try (TimerWheel wheel = TimerWheel.open(file, 100, 10)) {
            assertTrue(wheel.created());
            wheel.nextQueueOffset(42);
            wheel.firedThroughSlot(17);
            wheel.claim(23);
            wheel.link(23, 5);
            wheel.link(23, 6);
        }
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        assertEquals(TimerWheelLayout.fileSize(10), bytes.capacity());
        assertEquals(TimerWheelLayout.MAGIC_VALUE, bytes.getInt(TimerWheelLayout.MAGIC));
        assertEquals(100, bytes.getLong(TimerWheelLayout.PRECISION_MS));
        assertEquals(10, bytes.getLong(TimerWheelLayout.SLOT_COUNT));
        assertEquals(42, bytes.getLong(TimerWheelLayout.NEXT_QUEUE_OFFSET));
        assertEquals(17, bytes.getLong(TimerWheelLayout.FIRED_THROUGH_SLOT));
        int slot = TimerWheelLayout.HEADER_SIZE + 3 * TimerWheelLayout.SLOT_SIZE;
        assertEquals(23, bytes.getLong(slot + TimerWheelLayout.SLOT_NUMBER));
        assertEquals(6, bytes.getLong(slot + TimerWheelLayout.TAIL));
        assertEquals(2, bytes.getInt(slot + TimerWheelLayout.COUNT));

        try (TimerWheel wheel = TimerWheel.open(file, 100, 10)) {
            assertEquals(2, wheel.count(23));
            assertEquals(0, wheel.count(13), "slot 13 shares storage with 23 but is another lap");
            assertEquals(TimerLogLayout.NONE, wheel.tail(33));
            assertEquals(23, wheel.heldSlot(33));
        }
        IOException reshaped = assertThrows(IOException.class, () -> TimerWheel.open(file, 1000, 10));
        assertTrue(reshaped.getMessage().contains("timerPrecisionMs=100"), reshaped.getMessage());
    }

    /**
     * A million timers over seven days: the entries and chains live in the mapped files (32 MB of log), the heap
     * grows by far less than the entries' size, and every chain gives back exactly its slot's entries.
     */
    @Test
    void aMillionTimersOverSevenDaysLiveInTheMappedFilesNotOnTheHeap() throws IOException {
        int timers = 1_000_000;
        long precisionMs = 1_000;
        long span = 7L * 24 * 3600 * 1000;
        long slotCount = 2 * span / precisionMs + 4;
        long start = 1_700_000_000_000L;
        long heapBefore = usedHeap();
        try (TimerLog log = TimerLog.open(dir.resolve("log"), TimerLog.DEFAULT_ENTRIES_PER_SEGMENT);
             TimerWheel wheel = TimerWheel.open(dir.resolve("wheel"), precisionMs, slotCount)) {
            for (long q = 0; q < timers; q++) {
                long deliverMs = start + (q * 7919 % span);
                long slot = wheel.slotOf(deliverMs);
                if (wheel.heldSlot(slot) != slot) {
                    wheel.claim(slot);
                }
                log.writePending(q, q * 100, 100, deliverMs, wheel.tail(slot));
                wheel.link(slot, q);
            }
            long heapAfter = usedHeap();
            long entryBytes = (long) timers * TimerLogLayout.ENTRY_SIZE;
            assertTrue(heapAfter - heapBefore < entryBytes / 4, "heap grew by " + (heapAfter - heapBefore)
                    + " bytes for " + entryBytes + " bytes of entries");
            assertEquals(1, log.mappedSegments());

            long total = 0;
            BitSet seen = new BitSet(timers);
            for (long slot = wheel.slotOf(start); slot <= wheel.slotOf(start + span); slot++) {
                long entry = wheel.tail(slot);
                for (int i = 0; i < wheel.count(slot); i++) {
                    assertEquals(slot, wheel.slotOf(log.deliverMs(entry)));
                    assertTrue(!seen.get((int) entry), "entry " + entry + " in two chains");
                    seen.set((int) entry);
                    entry = log.previousInSlot(entry);
                }
                assertEquals(TimerLogLayout.NONE, entry, "chain of slot " + slot + " ends after its count");
                total += wheel.count(slot);
            }
            assertEquals(timers, total);
        }
        assertEquals(32L * 1024 * 1024, Files.size(dir.resolve("log").resolve(String.format("%020d", 0))));
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    @Test
    void doneSegmentsAreDeletedOldestFirstAndOnlyBelowTheIndexingPosition() throws IOException {
        Path logDir = dir.resolve("log");
        try (TimerLog log = TimerLog.open(logDir, 4)) {
            for (long offset = 0; offset < 14; offset++) {
                log.writePending(offset, offset * 100, 50, 1_000 + offset, offset - 1);
            }
            assertEquals(4, log.segmentFiles());
            for (long offset = 0; offset < 14; offset++) {
                if (offset != 5) {
                    log.setState(offset, offset % 2 == 0 ? TimerLogLayout.STATE_FIRED : TimerLogLayout.STATE_SKIPPED);
                }
            }
            assertEquals(1, log.deleteDoneSegments(14), "segment 4..7 holds pending entry 5; 8..11 waits behind it");
            assertEquals(TimerLogLayout.STATE_EMPTY, log.state(2), "a deleted segment reads as empty");
            assertEquals(TimerLogLayout.NONE, log.previousInSlot(3), "and ends a chain");
        }
        try (TimerLog log = TimerLog.open(logDir, 4)) {
            assertEquals(3, log.segmentFiles(), "the files on disk are found again");
            assertEquals(TimerLogLayout.STATE_PENDING, log.state(5));
            log.setState(5, TimerLogLayout.STATE_CANCELLED);
            assertEquals(1, log.deleteDoneSegments(11), "8..11 is not wholly below the indexing position 11");
            assertEquals(1, log.deleteDoneSegments(12));
            assertEquals(0, log.deleteDoneSegments(14), "12..15 holds the indexing position");
            assertEquals(1, log.segmentFiles());
            assertEquals(1_013, log.deliverMs(13));
        }
        try (var files = Files.list(logDir)) {
            assertEquals(java.util.List.of(String.format("%020d", 12)),
                    files.map(f -> f.getFileName().toString()).toList());
        }
    }
}
