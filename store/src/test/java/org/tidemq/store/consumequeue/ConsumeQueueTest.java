package org.tidemq.store.consumequeue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.store.mappedfile.MappedBufferSlice;

class ConsumeQueueTest {

    /** 10 entries per file. */
    private static final int FILE_SIZE = 10 * ConsumeQueueEntry.ENTRY_SIZE;

    @TempDir
    Path dir;

    private ConsumeQueue queue;

    @AfterEach
    void close() {
        if (queue != null) {
            queue.close();
        }
    }

    private ConsumeQueue open() throws IOException {
        queue = new ConsumeQueue("T", 0, dir, FILE_SIZE);
        queue.load();
        return queue;
    }

    /** Message {@code n} at CommitLog offset n*100, size 100, tagsCode n. */
    private static void put(ConsumeQueue q, long n) throws IOException {
        q.putEntry(n * 100, 100, n, 1_000 + n, n);
    }

    @Test
    void entriesUseTheTwentyByteLayoutAndSpanFiles() throws IOException {
        ConsumeQueue q = open();
        for (int n = 0; n < 25; n++) {
            put(q, n);
        }
        assertEquals(0, q.minOffsetInQueue());
        assertEquals(25, q.maxOffsetInQueue());
        assertEquals(3, q.files().segmentCount());
        assertEquals(2500, q.maxPhysicOffset());
        assertEquals(1300, q.commitLogOffsetAt(13));
        try (MappedBufferSlice entries = q.selectEntries(12)) {
            ByteBuffer b = entries.buffer();
            assertEquals(8 * ConsumeQueueEntry.ENTRY_SIZE, b.limit(), "to the end of the file");
            assertEquals(1200, b.getLong(0));
            assertEquals(100, b.getInt(8));
            assertEquals(12, b.getLong(12));
        }
    }

    @Test
    void replayedRecordsAreSkipped() throws IOException {
        ConsumeQueue q = open();
        for (int n = 0; n < 5; n++) {
            put(q, n);
        }
        put(q, 3);
        q.putEntry(0, 100, 0, 0, 5);
        assertEquals(5, q.maxOffsetInQueue());
        put(q, 5);
        assertEquals(6, q.maxOffsetInQueue());
    }

    @Test
    void aQueueStartingPastZeroIsFilledUpToItsFirstOffset() throws IOException {
        ConsumeQueue q = open();
        put(q, 23);
        put(q, 24);
        assertEquals(23, q.minOffsetInQueue());
        assertEquals(25, q.maxOffsetInQueue());
        assertEquals(1, q.files().segmentCount(), "only the file holding offset 23");
        assertEquals(20 * ConsumeQueueEntry.ENTRY_SIZE, q.files().minOffset());
        assertNull(q.selectEntries(22));
        assertEquals(-1, q.commitLogOffsetAt(21), "fillers are not messages");

        q.close();
        ConsumeQueue reopened = open();
        reopened.recover(true);
        reopened.correctMinOffset(0);
        assertEquals(23, reopened.minOffsetInQueue(), "fillers are skipped by the min offset");
        assertEquals(25, reopened.maxOffsetInQueue());
    }

    @Test
    void recoveryFindsTheLastEntryAndTruncationDropsEntriesPastTheCommitLogEnd() throws IOException {
        ConsumeQueue q = open();
        for (int n = 0; n < 25; n++) {
            put(q, n);
        }
        q.close();
        ConsumeQueue reopened = open();
        reopened.recover(false);
        assertEquals(25, reopened.maxOffsetInQueue());
        assertEquals(2500, reopened.maxPhysicOffset());

        reopened.truncateTo(1950);
        assertEquals(19, reopened.maxOffsetInQueue(), "entry 19 ends at 2000 > 1950");
        assertEquals(1900, reopened.maxPhysicOffset());
        assertEquals(2, reopened.files().segmentCount());
        put(reopened, 19);
        assertEquals(20, reopened.maxOffsetInQueue());
    }

    @Test
    void retentionDeletesFilesBelowTheCommitLogMinimumAndMovesTheMinOffset() throws IOException {
        ConsumeQueue q = open();
        for (int n = 0; n < 25; n++) {
            put(q, n);
        }
        assertEquals(1, q.deleteExpiredFiles(1050, 10), "file 0 ends with offset 900 < 1050; file 1 keeps 1900");
        assertEquals(11, q.minOffsetInQueue(), "message 10 at 1000 is gone, 11 at 1100 is the first readable");
        assertTrue(q.selectEntries(10) == null);
        assertEquals(1, q.deleteExpiredFiles(10_000, 10));
        assertEquals(25, q.minOffsetInQueue(), "nothing readable");
        assertEquals(1, q.files().segmentCount(), "the newest file stays");
    }
}
