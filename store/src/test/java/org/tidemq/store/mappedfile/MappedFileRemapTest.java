package org.tidemq.store.mappedfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedFileRemapTest {

    private static final int SIZE = 64 * 1024;

    @TempDir
    Path dir;

    private MappedFile segmentWithInts(int count) throws IOException {
        MappedFile segment = MappedFile.open(dir.resolve(SegmentNames.name(0)), SIZE);
        for (int i = 0; i < count; i++) {
            segment.writeBuffer().putInt(i * Integer.BYTES, i + 1);
        }
        segment.commitWrite(count * Integer.BYTES, 7);
        return segment;
    }

    @Test
    void writesAndReadsCountAsTouchedUntilARemapResetsTheCount() throws IOException {
        MappedFile segment = segmentWithInts(100);
        assertEquals(400, segment.touchedBytesSinceRemap());
        segment.selectSlice(0, 40).release();
        assertEquals(440, segment.touchedBytesSinceRemap());

        MappingLease retired = segment.remap();
        assertNotNull(retired);
        assertEquals(0, segment.touchedBytesSinceRemap());
        retired.close();
        segment.close();
    }

    @Test
    void aSliceOfTheRetiredMappingStaysValidUntilReleasedAndNewReadersSeeTheSameBytes() throws IOException {
        MappedFile segment = segmentWithInts(1000);
        MappedBufferSlice before = segment.selectSlice(0, 4000);

        MappingLease retired = segment.remap();
        retired.close();
        assertFalse(retired.isUnmapped(), "the reader still holds the old mapping");
        assertEquals(1000, before.buffer().getInt(999 * Integer.BYTES));

        try (MappedBufferSlice after = segment.selectSlice(0, 4000)) {
            for (int i = 0; i < 1000; i++) {
                assertEquals(i + 1, after.buffer().getInt(i * Integer.BYTES));
            }
        }
        before.release();
        assertTrue(retired.isUnmapped(), "unmapped with its last reader");
        assertFalse(segment.isUnmapped(), "the segment itself stays mapped");
        assertEquals(1, segment.referenceCount());
        segment.close();
        assertTrue(segment.isUnmapped());
    }

    @Test
    void theWriterContinuesThroughTheNewMappingAndFlushesCoverBytesWrittenThroughTheOldOne() throws IOException {
        MappedFile segment = segmentWithInts(10);
        segment.remap().close();
        segment.writeBuffer().putInt(40, 11);
        segment.commitWrite(44, 8);
        assertEquals(44, segment.flush(0));

        segment.close();
        MappedFile reopened = MappedFile.open(segment.path(), SIZE);
        reopened.resetPositions(44);
        try (MappedBufferSlice all = reopened.selectSlice(0, 44)) {
            for (int i = 0; i < 11; i++) {
                assertEquals(i + 1, all.buffer().getInt(i * Integer.BYTES));
            }
        }
        reopened.close();
    }

    @Test
    void aClosedSegmentIsNotRemapped() throws IOException {
        MappedFile segment = segmentWithInts(1);
        segment.close();
        assertNull(segment.remap());
        assertTrue(segment.isUnmapped());
    }
}
