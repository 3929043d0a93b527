package org.tidemq.store.mappedfile;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedFileQueueTest {

    private static final int SIZE = 4096;

    @TempDir
    Path dir;

    private static ByteBuffer bytes(int length, int value) {
        ByteBuffer b = ByteBuffer.allocateDirect(length);
        while (b.hasRemaining()) {
            b.put((byte) value);
        }
        return b.flip();
    }

    private MappedFileQueue filled(int segments) throws IOException {
        MappedFileQueue queue = new MappedFileQueue(dir, SIZE, MappedFileAllocator.DIRECT);
        for (int i = 0; i < segments; i++) {
            MappedFile segment = queue.lastSegmentForAppend(0);
            segment.appendBytes(bytes(SIZE, i + 1));
        }
        return queue;
    }

    @Test
    void segmentsAreNamedByTheirStartOffsetAndLookedUpByOffset() throws IOException {
        MappedFileQueue queue = filled(3);
        List<MappedFile> segments = queue.segments();
        assertEquals(List.of("00000000000000000000", "00000000000000004096", "00000000000000008192"),
                segments.stream().map(MappedFile::fileName).toList());
        assertSame(segments.get(1), queue.findSegment(4096));
        assertSame(segments.get(1), queue.findSegment(8191));
        assertSame(segments.get(2), queue.findSegment(8192));
        assertNull(queue.findSegment(3 * SIZE));
        assertEquals(0, queue.minOffset());
        assertEquals(3 * SIZE, queue.maxOffset());
        queue.close();
    }

    @Test
    void sliceSeesOnlyCommittedBytesAndIsAView() throws IOException {
        MappedFileQueue queue = new MappedFileQueue(dir, SIZE, MappedFileAllocator.DIRECT);
        MappedFile segment = queue.lastSegmentForAppend(0);
        segment.writeBuffer().putInt(0, 42);
        assertNull(segment.selectSlice(0, 4), "not published yet");
        segment.commitWrite(4, 123);
        try (MappedBufferSlice slice = segment.selectSlice(0, 4)) {
            assertEquals(42, slice.buffer().getInt(0));
            assertTrue(slice.buffer().isDirect());
            assertTrue(slice.buffer().isReadOnly());
            assertEquals(2, segment.referenceCount());
        }
        assertEquals(1, segment.referenceCount());
        assertEquals(123, segment.storeTimestamp());
        queue.close();
    }

    @Test
    void aDeletedSegmentStaysMappedUntilItsLastReaderReleases() throws IOException {
        MappedFileQueue queue = filled(2);
        MappedFile first = queue.firstSegment();
        MappedBufferSlice reader = first.selectSlice(0, 16);
        assertNotNull(reader);

        assertEquals(1, queue.deleteSegmentsWhile(s -> true, 10), "never the last segment");
        assertFalse(Files.exists(first.path()), "the file is deleted at once");
        assertFalse(first.isUnmapped(), "still mapped for the reader");
        assertEquals(1, reader.buffer().get(0), "the reader's view is still valid");
        assertNull(first.selectSlice(0, 16), "no new readers");

        reader.release();
        assertTrue(first.isUnmapped());
        assertEquals(SIZE, queue.minOffset());
        queue.close();
    }

    @Test
    void expiredSegmentsAreDeletedOldestFirstNeverTheLast() throws IOException {
        MappedFileQueue queue = filled(4);
        long now = System.currentTimeMillis() + 10_000;
        assertEquals(0, queue.deleteExpiredSegments(now, 3_600_000, false, 10), "none expired");
        assertEquals(2, queue.deleteExpiredSegments(now, 0, false, 2), "at most maxSegments");
        assertEquals(1, queue.deleteExpiredSegments(now, 3_600_000, true, 10), "forced: all but the last");
        assertEquals(1, queue.segmentCount());
        assertEquals(3 * SIZE, queue.minOffset());
        queue.close();
    }

    @Test
    void truncateDeletesLaterSegmentsAndZeroesTheRest() throws IOException {
        MappedFileQueue queue = filled(3);
        queue.truncateAfter(SIZE + 100);
        assertEquals(2, queue.segmentCount());
        assertEquals(SIZE + 100, queue.maxOffset());
        MappedFile second = queue.lastSegment();
        assertEquals(2, second.writeBuffer().get(99));
        assertEquals(0, second.writeBuffer().get(100));
        assertEquals(0, second.writeBuffer().get(SIZE - 1));
        queue.close();
    }

    @Test
    void loadReopensSegmentsAndRefusesWrongSizesAndGaps() throws IOException {
        filled(3).close();
        MappedFileQueue reloaded = new MappedFileQueue(dir, SIZE, MappedFileAllocator.DIRECT);
        reloaded.load();
        assertEquals(3, reloaded.segmentCount());
        assertEquals(3, reloaded.findSegment(8192).writeBuffer().get(0));
        reloaded.close();

        IOException wrongSize = assertThrows(IOException.class,
                () -> new MappedFileQueue(dir, 2 * SIZE, MappedFileAllocator.DIRECT).load());
        assertTrue(wrongSize.getMessage().contains("00000000000000000000"), wrongSize.getMessage());

        Files.delete(dir.resolve("00000000000000004096"));
        IOException gap = assertThrows(IOException.class,
                () -> new MappedFileQueue(dir, SIZE, MappedFileAllocator.DIRECT).load());
        assertTrue(gap.getMessage().contains("gap"), gap.getMessage());
    }

    @Test
    void flushForcesEverySegmentUpToTheWritePosition() throws IOException {
        MappedFileQueue queue = filled(2);
        MappedFile last = queue.lastSegmentForAppend(0);
        last.appendBytes(bytes(100, 9));
        assertEquals(2 * SIZE, queue.flush(4), "full segments are forced even below leastPages");
        assertEquals(2 * SIZE + 100, queue.flush(0));
        assertEquals(2 * SIZE + 100, queue.flushedOffset());
        queue.close();
    }

    @Test
    void theAllocateServicePreparesTheNextSegmentAhead() throws IOException {
        AllocateMappedFileService allocator = new AllocateMappedFileService(true, "test-allocate");
        try {
            MappedFileQueue queue = new MappedFileQueue(dir, SIZE, allocator);
            queue.lastSegmentForAppend(0).appendBytes(bytes(SIZE, 1));
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dir.resolve("00000000000000004096")));
            MappedFile next = queue.lastSegmentForAppend(0);
            assertEquals(SIZE, next.fileFromOffset());
            assertEquals(0, next.wrotePosition());
            queue.close();
        } finally {
            allocator.shutdown();
        }
    }
}
