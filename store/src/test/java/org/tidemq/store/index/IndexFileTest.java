package org.tidemq.store.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexFileTest {

    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private final List<IndexFile> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(IndexFile::close);
    }

    private IndexFile create(IndexFileLayout layout) throws IOException {
        IndexFile file = IndexFile.create(dir.resolve("20240101000000000"), layout, 0, 0);
        opened.add(file);
        return file;
    }

    private static List<Long> select(IndexFile file, String key, int maxNum, long begin, long end) {
        List<Long> out = new ArrayList<>();
        file.selectPhyOffsets(out, key, maxNum, begin, end);
        return out;
    }

    @Test
    void defaultGeometryMatchesRocketMqFileSize() {
        IndexFileLayout layout = IndexFileLayout.defaults();
        assertEquals(420_000_040, layout.fileSize());
        assertEquals(40, layout.slotPosition(0));
        assertEquals(40 + 5_000_000 * 4 + 20, layout.entryPosition(1));
    }

    @Test
    void rejectsGeometryThatCannotBeMapped() {
        IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
                () -> new IndexFileLayout(5_000_000, 200_000_000));
        assertTrue(tooBig.getMessage().contains("2 GiB"), tooBig.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new IndexFileLayout(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new IndexFileLayout(10, 1));
    }

    @Test
    void hashIsAbsoluteStringHashWithOverflowToZero() {
        assertEquals(Integer.MIN_VALUE, "polygenelubricants".hashCode());
        assertEquals(0, IndexKeys.hash("polygenelubricants"));
        assertEquals(Math.abs("TopicA#k1".hashCode()), IndexKeys.hash(IndexKeys.indexKey("TopicA", "k1")));
        assertEquals("TopicA#order-7", IndexKeys.indexKey("TopicA", "order-7"));
    }

    @Test
    void returnsOffsetsOfOneKeyNewestFirstAndIgnoresCollidingKeys() throws IOException {
        // A single slot forces every key into one chain, so the key-hash comparison is what separates them.
        IndexFile file = create(new IndexFileLayout(1, 100));
        assertTrue(file.putKey("T#a", 100, T0));
        assertTrue(file.putKey("T#b", 200, T0 + 1000));
        assertTrue(file.putKey("T#a", 300, T0 + 2000));
        assertTrue(file.putKey("T#c", 400, T0 + 3000));
        assertTrue(file.putKey("T#a", 500, T0 + 4000));

        assertEquals(List.of(500L, 300L, 100L), select(file, "T#a", 10, 0, Long.MAX_VALUE));
        assertEquals(List.of(200L), select(file, "T#b", 10, 0, Long.MAX_VALUE));
        assertEquals(List.of(), select(file, "T#zzz", 10, 0, Long.MAX_VALUE));
        assertEquals(List.of(500L, 300L), select(file, "T#a", 2, 0, Long.MAX_VALUE));
        assertEquals(6, file.indexCount());
        assertEquals(5, file.entryCount());
        assertEquals(1, file.usedSlotCount());
        assertEquals(T0, file.beginTimestamp());
        assertEquals(T0 + 4000, file.endTimestamp());
        assertEquals(100, file.beginPhyOffset());
        assertEquals(500, file.endPhyOffset());
    }

    @Test
    void filtersByStoreTimeAtSecondResolution() throws IOException {
        IndexFile file = create(new IndexFileLayout(16, 100));
        for (int i = 0; i < 10; i++) {
            file.putKey("T#k", i * 10L, T0 + i * 1000L);
        }
        assertEquals(List.of(70L, 60L, 50L, 40L, 30L), select(file, "T#k", 32, T0 + 3000, T0 + 7000));
        // 7.5 s is stored as 7 s after the file's begin time.
        file.putKey("T#late", 999, T0 + 7500);
        assertEquals(List.of(999L), select(file, "T#late", 32, T0 + 7000, T0 + 7000));
        assertTrue(file.overlaps(T0 - 5000, T0));
        assertTrue(file.overlaps(T0 + 9000, T0 + 20_000));
        assertFalse(file.overlaps(T0 + 9001, T0 + 20_000));
        assertFalse(file.overlaps(0, T0 - 1));
    }

    @Test
    void refusesKeysWhenFullWithoutWritingAnything() throws IOException {
        IndexFile file = create(new IndexFileLayout(4, 4));
        assertTrue(file.putKey("T#1", 1, T0));
        assertTrue(file.putKey("T#2", 2, T0));
        assertTrue(file.putKey("T#3", 3, T0));
        assertTrue(file.isWriteFull());
        assertFalse(file.putKey("T#4", 4, T0));
        assertEquals(3, file.entryCount());
        assertEquals(3, file.endPhyOffset());
        assertEquals(List.of(), select(file, "T#4", 10, 0, Long.MAX_VALUE));
    }

    @Test
    void writesTheRocketMqByteLayout() throws IOException {
        IndexFileLayout layout = new IndexFileLayout(8, 10);
        IndexFile file = create(layout);
        String key = IndexKeys.indexKey("TopicA", "order-1");
        int hash = IndexKeys.hash(key);
        int slot = hash % 8;
        file.putKey(key, 0x1122334455L, T0);
        file.putKey(key, 0x2000L, T0 + 3_000);
        file.flush();

        ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(file.path()));
        assertEquals(40 + 8 * 4 + 10 * 20, raw.capacity());
        assertEquals(T0, raw.getLong(0));
        assertEquals(T0 + 3_000, raw.getLong(8));
        assertEquals(0x1122334455L, raw.getLong(16));
        assertEquals(0x2000L, raw.getLong(24));
        assertEquals(1, raw.getInt(32), "one used slot");
        assertEquals(3, raw.getInt(36), "indexCount starts at 1");
        assertEquals(2, raw.getInt(40 + slot * 4), "slot holds the newest entry number");
        int first = 40 + 8 * 4 + 20;
        assertEquals(hash, raw.getInt(first));
        assertEquals(0x1122334455L, raw.getLong(first + 4));
        assertEquals(0, raw.getInt(first + 12));
        assertEquals(0, raw.getInt(first + 16));
        int second = first + 20;
        assertEquals(hash, raw.getInt(second));
        assertEquals(0x2000L, raw.getLong(second + 4));
        assertEquals(3, raw.getInt(second + 12), "seconds since beginTimestamp");
        assertEquals(1, raw.getInt(second + 16), "link to the previous entry in the slot");
    }

    @Test
    void reopensWhatWasWritten() throws IOException {
        IndexFileLayout layout = new IndexFileLayout(16, 50);
        IndexFile file = create(layout);
        for (int i = 1; i <= 20; i++) {
            file.putKey("T#k" + (i % 3), i, T0 + i * 1000L);
        }
        file.flush();
        file.close();
        opened.remove(file);

        IndexFile reopened = IndexFile.open(file.path(), layout);
        opened.add(reopened);
        assertEquals(21, reopened.indexCount());
        assertEquals(T0 + 1000, reopened.beginTimestamp());
        assertEquals(T0 + 20_000, reopened.endTimestamp());
        assertEquals(20, reopened.endPhyOffset());
        assertEquals(List.of(18L, 15L, 12L, 9L, 6L, 3L), select(reopened, "T#k0", 32, 0, Long.MAX_VALUE));
        assertTrue(reopened.putKey("T#k0", 21, T0 + 21_000));
        assertEquals(21L, select(reopened, "T#k0", 1, 0, Long.MAX_VALUE).get(0));
    }

    @Test
    void refusesFileOfAnotherGeometryNamingIt() throws IOException {
        IndexFile file = create(new IndexFileLayout(16, 50));
        file.close();
        opened.remove(file);
        IOException error = assertThrows(IOException.class, () -> IndexFile.open(file.path(), new IndexFileLayout(16, 60)));
        assertTrue(error.getMessage().contains(file.path().toString()), error.getMessage());
        assertTrue(error.getMessage().contains("maxIndexNum=60"), error.getMessage());
    }

    @Test
    void refusesCorruptIndexCount() throws IOException {
        IndexFileLayout layout = new IndexFileLayout(16, 50);
        IndexFile file = create(layout);
        file.close();
        opened.remove(file);
        try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(4).putInt(0, 51), IndexFileLayout.HEADER_INDEX_COUNT);
        }
        IOException error = assertThrows(IOException.class, () -> IndexFile.open(file.path(), layout));
        assertTrue(error.getMessage().contains("indexCount 51"), error.getMessage());
    }

    @Test
    void survivesCrashGarbageInSlotsAndLinks() throws IOException {
        IndexFileLayout layout = new IndexFileLayout(1, 50);
        IndexFile file = create(layout);
        file.putKey("T#a", 10, T0);
        file.putKey("T#a", 20, T0);
        file.flush();
        file.close();
        opened.remove(file);
        // Entry 2 links to itself and the header claims only 2 entries: a loop and a slot past the count.
        try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(4).putInt(0, 2), layout.entryPosition(2) + IndexFileLayout.ENTRY_PREV_INDEX);
        }
        IndexFile reopened = IndexFile.open(file.path(), layout);
        opened.add(reopened);
        assertEquals(List.of(20L), select(reopened, "T#a", 32, 0, Long.MAX_VALUE));

        try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(4).putInt(0, 40), layout.slotPosition(0));
        }
        assertEquals(List.of(), select(reopened, "T#a", 32, 0, Long.MAX_VALUE), "slot beyond indexCount is ignored");
        assertTrue(reopened.putKey("T#a", 30, T0));
        assertEquals(List.of(30L), select(reopened, "T#a", 32, 0, Long.MAX_VALUE), "a garbage slot is not linked");
    }

    @Test
    void aRetainedFileStaysReadableAfterDestroyAndRefusesNewReferences() throws IOException {
        IndexFile file = create(new IndexFileLayout(16, 50));
        file.putKey("T#a", 42, T0);
        assertTrue(file.retain());
        file.destroy();
        opened.remove(file);
        assertFalse(Files.exists(file.path()), "the name is gone at once");
        assertFalse(file.retain(), "no new reader after destroy");
        assertEquals(List.of(42L), select(file, "T#a", 10, 0, Long.MAX_VALUE), "the holder still reads the mapping");
        file.release();
        assertThrows(IllegalStateException.class, file::release);
    }

    @Test
    void readersSeeOnlyCompleteEntriesWhileTheWriterPuts() throws Exception {
        IndexFile file = create(new IndexFileLayout(64, 20_001));
        int total = 20_000;
        Thread writer = new Thread(() -> {
            for (int i = 1; i <= total; i++) {
                // The key names the offset's residue, so every result can be checked against the key asked for.
                file.putKey("T#" + (i % 97), i, T0 + i);
            }
        });
        List<String> failures = new ArrayList<>();
        writer.start();
        int rounds = 0;
        while (writer.isAlive() || rounds == 0) {
            int residue = rounds % 97;
            List<Long> offsets = select(file, "T#" + residue, 64, 0, Long.MAX_VALUE);
            long previous = Long.MAX_VALUE;
            for (long offset : offsets) {
                if (offset % 97 != residue || offset >= previous || offset < 1 || offset > total) {
                    failures.add("key " + residue + " returned " + offsets);
                    break;
                }
                previous = offset;
            }
            rounds++;
        }
        writer.join();
        assertEquals(List.of(), failures);
        assertEquals(total + 1, file.indexCount());
        List<Long> all = select(file, "T#5", 1000, 0, Long.MAX_VALUE);
        assertEquals(total / 97 + 1, all.size());
        assertEquals(97L * 206 + 5, (long) all.get(0));
    }
}
