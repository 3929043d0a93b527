package org.tidemq.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import org.tidemq.store.mappedfile.MappedBufferSlice;
import org.tidemq.store.mappedfile.MappedFile;
import org.tidemq.common.message.StoredMessageDecoder;
import org.tidemq.store.testutil.ManualClock;
import org.tidemq.store.testutil.TestMessages;
import org.tidemq.store.testutil.TestStores;

/** Master → slave through the raw CommitLog hooks, in chunks that split records, across segment ends. */
class ReplicationHooksTest {

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final List<MessageStore> opened = new ArrayList<>();

    @AfterEach
    void closeStores() {
        opened.forEach(MessageStore::shutdown);
    }

    private DefaultMessageStore open(String name) throws IOException {
        DefaultMessageStore store = DefaultMessageStore.open(TestStores.small(dir.resolve(name)).build(), clock);
        opened.add(store);
        return store;
    }

    /** Copies master bytes to the slave in chunks of at most {@code chunk} bytes, as HA transfer frames would. */
    private static void replicate(DefaultMessageStore master, DefaultMessageStore slave, int chunk) {
        while (slave.getMaxPhyOffset() < master.getMaxPhyOffset()) {
            long offset = slave.getMaxPhyOffset();
            try (MappedBufferSlice data = master.getCommitLogData(offset)) {
                assertNotNull(data, "master data at " + offset);
                ByteBuffer piece = data.buffer().slice(0, Math.min(chunk, data.size()));
                assertTrue(slave.appendToCommitLog(offset, piece));
            }
        }
    }

    private static byte[] content(MappedFile segment) throws IOException {
        return Files.readAllBytes(segment.path());
    }

    @Test
    void rawBytesFromAMasterMakeAByteIdenticalSlaveThatServesTheSameQueues() throws IOException {
        DefaultMessageStore master = open("master");
        DefaultMessageStore slave = open("slave");
        for (int i = 0; i < 120; i++) {
            master.putMessage(TestMessages.message("T", i % 3, "payload-" + i + "-" + "p".repeat(1000), "Tag" + i % 2,
                    null));
        }
        assertTrue(master.getMaxPhyOffset() > 2L * TestStores.SEGMENT_SIZE, "spans segments with fillers");

        replicate(master, slave, 1000);

        assertEquals(master.getMaxPhyOffset(), slave.getMaxPhyOffset());
        master.commitLog().flush(0);
        slave.commitLog().flush(0);
        List<MappedFile> masterSegments = master.commitLogSegments();
        List<MappedFile> slaveSegments = slave.commitLogSegments();
        assertEquals(masterSegments.size(), slaveSegments.size());
        for (int i = 0; i < masterSegments.size(); i++) {
            assertEquals(masterSegments.get(i).fileName(), slaveSegments.get(i).fileName());
            assertArrayEquals(content(masterSegments.get(i)), content(slaveSegments.get(i)),
                    "segment " + masterSegments.get(i).fileName());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> slave.getMaxOffsetInQueue("T", 2) == 40);
        try (GetMessageResult fromSlave = slave.getMessage("T", 2, 10, 5, 1 << 20, MessageFilter.ALL)) {
            assertEquals(5, fromSlave.messageCount());
            assertEquals("payload-32-", TestMessages.text(StoredMessageDecoder.decodeOne(
                    fromSlave.messages().get(0).buffer()).body()).substring(0, 11));
        }
    }

    @Test
    void appendsAtTheWrongOffsetAreRefused() throws IOException {
        DefaultMessageStore slave = open("slave");
        assertFalse(slave.appendToCommitLog(123, ByteBuffer.allocate(10)));
        assertEquals(0, slave.getMaxPhyOffset());
    }

    @Test
    void aPartialRecordIsNotVisibleUntilItsRestArrives() throws IOException {
        DefaultMessageStore master = open("master");
        DefaultMessageStore slave = open("slave");
        PutMessageResult put = master.putMessage(TestMessages.message("T", 0, "only"));
        int size = put.append().wroteBytes();
        try (MappedBufferSlice data = master.getCommitLogData(0)) {
            assertTrue(slave.appendToCommitLog(0, data.buffer().slice(0, size - 5)));
            await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(2))
                    .until(() -> slave.getMaxOffsetInQueue("T", 0) == 0);
            assertTrue(slave.appendToCommitLog(size - 5, data.buffer().slice(size - 5, 5)));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> slave.getMaxOffsetInQueue("T", 0) == 1);
    }

    @Test
    void truncateCutsTheLogAndItsQueuesAndQueueOffsetsRestart() throws IOException {
        DefaultMessageStore store = open("store");
        List<AppendMessageResult> appended = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            appended.add(store.putMessage(TestMessages.message("T", 0, "m" + i)).append());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> store.getMaxOffsetInQueue("T", 0) == 10);

        store.truncateTo(appended.get(6).wroteOffset());

        assertEquals(appended.get(6).wroteOffset(), store.getMaxPhyOffset());
        assertEquals(6, store.getMaxOffsetInQueue("T", 0));
        assertTrue(store.getDispatchedPhyOffset() <= store.getMaxPhyOffset());
        PutMessageResult next = store.putMessage(TestMessages.message("T", 0, "new-6"));
        assertEquals(6, next.append().queueOffset());
        assertEquals(appended.get(6).wroteOffset(), next.append().wroteOffset());
        await().atMost(Duration.ofSeconds(10)).until(() -> store.getMaxOffsetInQueue("T", 0) == 7);
        try (GetMessageResult r = store.getMessage("T", 0, 6, 5, 1 << 20, MessageFilter.ALL)) {
            assertEquals(1, r.messageCount());
            assertEquals("new-6", TestMessages.text(StoredMessageDecoder.decodeOne(r.messages().get(0).buffer())
                    .body()));
        }
    }
}
