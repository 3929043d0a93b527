package org.tidemq.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.store.consumequeue.ConsumeQueueEntry;
import org.tidemq.store.mappedfile.SegmentNames;
import org.tidemq.common.message.StoredMessage;
import org.tidemq.common.message.StoredMessageDecoder;
import org.tidemq.common.message.StoredMessageLayout;
import org.tidemq.store.testutil.CrashImages;
import org.tidemq.store.testutil.ManualClock;
import org.tidemq.store.testutil.TestMessages;
import org.tidemq.store.testutil.TestStores;

/** Recovery from crash images: copies of a running store's directory, optionally damaged. */
class RecoveryTest {

    private static final int MESSAGES = 30;

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final List<MessageStore> opened = new ArrayList<>();
    private final List<AppendMessageResult> appended = new ArrayList<>();

    @AfterEach
    void closeStores() {
        opened.forEach(MessageStore::shutdown);
    }

    private DefaultMessageStore open(Path root) throws IOException {
        DefaultMessageStore store = DefaultMessageStore.open(TestStores.small(root).build(), clock);
        opened.add(store);
        return store;
    }

    /** A running store with {@link #MESSAGES} messages on T/0, all dispatched; returns its crash image. */
    private Path crashImage() throws IOException {
        DefaultMessageStore running = open(dir.resolve("running"));
        for (int i = 0; i < MESSAGES; i++) {
            appended.add(running.putMessage(TestMessages.message("T", 0, "m" + i)).append());
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> running.getDispatchedPhyOffset() == running.getMaxPhyOffset());
        Path image = dir.resolve("image");
        CrashImages.copy(dir.resolve("running"), image);
        return image;
    }

    private static Path commitLogSegment(Path root, long start) {
        return root.resolve("commitlog").resolve(SegmentNames.name(start));
    }

    private static Path consumeQueueFile(Path root) {
        return root.resolve("consumequeue").resolve("T").resolve("0").resolve(SegmentNames.name(0));
    }

    private static List<String> bodies(MessageStore store, long from) {
        List<String> bodies = new ArrayList<>();
        try (GetMessageResult r = store.getMessage("T", 0, from, 100, 1 << 20, MessageFilter.ALL)) {
            r.messages().forEach(s -> bodies.add(TestMessages.text(StoredMessageDecoder.decodeOne(s.buffer())
                    .body())));
        }
        return bodies;
    }

    @Test
    void anUndamagedCrashImageRecoversEverything() throws IOException {
        Path image = crashImage();
        long end = appended.get(MESSAGES - 1).endOffset();

        DefaultMessageStore recovered = open(image);

        assertTrue(recovered.wasAbnormalShutdown());
        assertEquals(end, recovered.getMaxPhyOffset());
        assertEquals(end, recovered.getFlushedPhyOffset(), "what survived is forced before it counts as flushed");
        assertEquals(MESSAGES, recovered.getMaxOffsetInQueue("T", 0));
        assertEquals(MESSAGES, bodies(recovered, 0).size());
    }

    @Test
    void aTornTailIsTruncatedAndItsQueueEntryDropped() throws IOException {
        Path image = crashImage();
        AppendMessageResult last = appended.get(MESSAGES - 1);
        long end = last.endOffset();
        Path segment = commitLogSegment(image, 0);
        // A torn record: the header and half the body of a copy of the last record, then nothing.
        ByteBuffer lastRecord = CrashImages.read(segment, last.wroteOffset(), last.wroteBytes());
        lastRecord.putLong(StoredMessageLayout.PHYSICAL_OFFSET, end);
        lastRecord.limit(StoredMessageLayout.body(0) + 1);
        CrashImages.write(segment, end, lastRecord);
        // ... and a complete, valid record after it, which must not come back either.
        ByteBuffer stale = CrashImages.read(segment, last.wroteOffset(), last.wroteBytes());
        long staleAt = end + last.wroteBytes();
        stale.putLong(StoredMessageLayout.PHYSICAL_OFFSET, staleAt);
        CrashImages.write(segment, staleAt, stale);
        // The dispatcher had already indexed the torn record.
        ByteBuffer entry = ByteBuffer.allocate(ConsumeQueueEntry.ENTRY_SIZE);
        ConsumeQueueEntry.write(entry, 0, end, last.wroteBytes(), 0);
        CrashImages.write(consumeQueueFile(image), ConsumeQueueEntry.byteOffset(MESSAGES), entry);

        DefaultMessageStore recovered = open(image);

        assertTrue(recovered.wasAbnormalShutdown());
        assertEquals(end, recovered.getMaxPhyOffset(), "cut at the torn record");
        assertEquals(MESSAGES, recovered.getMaxOffsetInQueue("T", 0), "the queue entry of the torn record dropped");
        assertNull(recovered.selectOneMessageByOffset(end));
        assertEquals(GetMessageStatus.OFFSET_OVERFLOW_ONE,
                recovered.getMessage("T", 0, MESSAGES, 10, 1 << 20, MessageFilter.ALL).status());
        ByteBuffer afterEnd = CrashImages.read(segment, end, 2 * last.wroteBytes());
        while (afterEnd.hasRemaining()) {
            assertEquals(0, afterEnd.get(), "bytes past the cut are zeroed");
        }

        PutMessageResult next = recovered.putMessage(TestMessages.message("T", 0, "after-crash"));
        assertEquals(end, next.append().wroteOffset());
        assertEquals(MESSAGES, next.append().queueOffset());
        await().atMost(Duration.ofSeconds(10)).until(() -> recovered.getMaxOffsetInQueue("T", 0) == MESSAGES + 1);
        assertEquals(List.of("m29", "after-crash"), bodies(recovered, MESSAGES - 1));
    }

    @Test
    void aBodyCorruptedInTheMiddleCutsTheLogThereAndDropsLaterQueueEntries() throws IOException {
        Path image = crashImage();
        AppendMessageResult victim = appended.get(20);
        Path segment = commitLogSegment(image, 0);
        long bodyAt = victim.wroteOffset() + StoredMessageLayout.body(0);
        ByteBuffer flipped = CrashImages.read(segment, bodyAt, 1);
        flipped.put(0, (byte) (flipped.get(0) ^ 0x55));
        CrashImages.write(segment, bodyAt, flipped);

        DefaultMessageStore recovered = open(image);

        assertEquals(victim.wroteOffset(), recovered.getMaxPhyOffset());
        assertEquals(20, recovered.getMaxOffsetInQueue("T", 0));
        List<String> bodies = bodies(recovered, 0);
        assertEquals(20, bodies.size());
        assertEquals("m19", bodies.get(19));
    }

    @Test
    void lostConsumeQueueEntriesAreRebuiltFromTheCommitLog() throws IOException {
        Path image = crashImage();
        // The last ten entries never reached the disk.
        CrashImages.write(consumeQueueFile(image), ConsumeQueueEntry.byteOffset(20),
                ByteBuffer.allocate(10 * ConsumeQueueEntry.ENTRY_SIZE));

        DefaultMessageStore recovered = open(image);

        assertEquals(MESSAGES, recovered.getMaxOffsetInQueue("T", 0));
        List<String> bodies = bodies(recovered, 0);
        assertEquals(MESSAGES, bodies.size());
        for (int i = 0; i < MESSAGES; i++) {
            assertEquals("m" + i, bodies.get(i));
        }
    }

    @Test
    void aDeletedConsumeQueueDirectoryIsRebuiltAfterACleanShutdown() throws IOException {
        Path root = dir.resolve("clean");
        DefaultMessageStore store = open(root);
        for (int i = 0; i < MESSAGES; i++) {
            store.putMessage(TestMessages.message("T", 0, "m" + i));
            store.putMessage(TestMessages.message("U", 2, "u" + i));
        }
        store.shutdown();
        try (var files = Files.walk(root.resolve("consumequeue"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }

        DefaultMessageStore reopened = open(root);

        assertFalse(reopened.wasAbnormalShutdown());
        assertEquals(MESSAGES, reopened.getMaxOffsetInQueue("T", 0));
        assertEquals(MESSAGES, reopened.getMaxOffsetInQueue("U", 2));
        assertEquals("m7", bodies(reopened, 0).get(7));
        assertEquals(MESSAGES, reopened.putMessage(TestMessages.message("U", 2, "next")).append().queueOffset());
    }

    @Test
    void recoveryAcrossSegmentsKeepsBlankFillersAndQueueOffsets() throws IOException {
        DefaultMessageStore running = open(dir.resolve("running"));
        String body = "y".repeat(3000);
        long queueOffset = 0;
        while (running.getMaxPhyOffset() < 3L * TestStores.SEGMENT_SIZE) {
            assertEquals(queueOffset++, running.putMessage(TestMessages.message("T", 0, body)).append().queueOffset());
        }
        long max = running.getMaxPhyOffset();
        long count = queueOffset;
        await().atMost(Duration.ofSeconds(10)).until(() -> running.getDispatchedPhyOffset() == max);
        Path image = dir.resolve("image");
        CrashImages.copy(dir.resolve("running"), image);

        DefaultMessageStore recovered = open(image);

        assertEquals(max, recovered.getMaxPhyOffset());
        assertEquals(count, recovered.getMaxOffsetInQueue("T", 0));
        try (GetMessageResult r = recovered.getMessage("T", 0, count - 1, 1, 1 << 20, MessageFilter.ALL)) {
            StoredMessage m = StoredMessageDecoder.decodeOne(r.messages().get(0).buffer());
            assertEquals(count - 1, m.queueOffset());
            assertTrue(m.physicalOffset() >= 3L * TestStores.SEGMENT_SIZE);
        }
    }
}
