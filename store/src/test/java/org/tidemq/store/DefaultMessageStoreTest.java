package org.tidemq.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.store.config.FlushDiskType;
import org.tidemq.store.config.StoreConfig;
import org.tidemq.store.dispatch.DispatchRequest;
import org.tidemq.store.durability.DurabilityStage;
import org.tidemq.store.mappedfile.MappedBufferSlice;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.message.MessageSysFlag;
import org.tidemq.common.message.StoredMessage;
import org.tidemq.common.message.StoredMessageDecoder;
import org.tidemq.store.testutil.ManualClock;
import org.tidemq.store.testutil.TestMessages;
import org.tidemq.store.testutil.TestStores;

class DefaultMessageStoreTest {

    @TempDir
    Path root;

    private final List<MessageStore> opened = new ArrayList<>();
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);

    @AfterEach
    void closeStores() {
        opened.forEach(MessageStore::shutdown);
    }

    private DefaultMessageStore open(StoreConfig config) throws IOException {
        DefaultMessageStore store = DefaultMessageStore.open(config, clock);
        opened.add(store);
        return store;
    }

    private DefaultMessageStore open() throws IOException {
        return open(TestStores.small(root).build());
    }

    private static void awaitDispatched(MessageStore store) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> store.getDispatchedPhyOffset() == store.getMaxPhyOffset());
    }

    private static List<StoredMessage> decodeAll(GetMessageResult result) {
        List<StoredMessage> messages = new ArrayList<>();
        for (MappedBufferSlice slice : result.messages()) {
            messages.add(StoredMessageDecoder.decodeOne(slice.buffer()));
        }
        return messages;
    }

    @Test
    void putThenGetReturnsTheStoredRecordsInQueueOrder() throws IOException {
        DefaultMessageStore store = open();
        for (int i = 0; i < 10; i++) {
            PutMessageResult put = store.putMessage(TestMessages.message("TopicA", 1, "body-" + i));
            assertEquals(PutMessageStatus.PUT_OK, put.status());
            assertEquals(i, put.append().queueOffset());
            assertEquals(PutMessageStatus.PUT_OK, put.durability().join());
        }
        awaitDispatched(store);
        try (GetMessageResult result = store.getMessage("TopicA", 1, 3, 4, 1 << 20, MessageFilter.ALL)) {
            assertEquals(GetMessageStatus.FOUND, result.status());
            assertEquals(7, result.nextBeginOffset());
            assertEquals(0, result.minOffset());
            assertEquals(10, result.maxOffset());
            List<StoredMessage> messages = decodeAll(result);
            assertEquals(4, messages.size());
            for (int i = 0; i < 4; i++) {
                assertEquals("body-" + (3 + i), TestMessages.text(messages.get(i).body()));
                assertEquals(3 + i, messages.get(i).queueOffset());
                assertEquals(3 + i, result.queueOffset(i));
                assertEquals("TopicA", messages.get(i).topic());
                assertEquals(clock.millis(), messages.get(i).storeTimestamp());
            }
            assertTrue(result.buffers().get(0).isDirect(), "records are views of the mapped file");
        }
        assertEquals(10, store.getMaxOffsetInQueue("TopicA", 1));
        assertEquals(0, store.getMaxOffsetInQueue("TopicA", 0));
    }

    @Test
    void getMessageReportsOffsetStatuses() throws IOException {
        DefaultMessageStore store = open();
        assertEquals(GetMessageStatus.NO_MATCHED_LOGIC_QUEUE,
                store.getMessage("Nope", 0, 0, 32, 1 << 20, MessageFilter.ALL).status());
        for (int i = 0; i < 3; i++) {
            store.putMessage(TestMessages.message("T", 0, "m" + i));
        }
        awaitDispatched(store);
        GetMessageResult one = store.getMessage("T", 0, 3, 32, 1 << 20, MessageFilter.ALL);
        assertEquals(GetMessageStatus.OFFSET_OVERFLOW_ONE, one.status());
        assertEquals(3, one.nextBeginOffset());
        GetMessageResult badly = store.getMessage("T", 0, 9, 32, 1 << 20, MessageFilter.ALL);
        assertEquals(GetMessageStatus.OFFSET_OVERFLOW_BADLY, badly.status());
        assertEquals(0, badly.nextBeginOffset());
    }

    @Test
    void byteBudgetLimitsTheReadButReturnsAtLeastOneMessage() throws IOException {
        DefaultMessageStore store = open();
        for (int i = 0; i < 5; i++) {
            store.putMessage(TestMessages.message("T", 0, "x".repeat(500)));
        }
        awaitDispatched(store);
        try (GetMessageResult tiny = store.getMessage("T", 0, 0, 32, 10, MessageFilter.ALL)) {
            assertEquals(1, tiny.messageCount());
            assertEquals(1, tiny.nextBeginOffset());
        }
        int recordSize;
        try (GetMessageResult one = store.getMessage("T", 0, 0, 1, 1 << 20, MessageFilter.ALL)) {
            recordSize = one.bufferTotalSize();
        }
        try (GetMessageResult two = store.getMessage("T", 0, 0, 32, 2 * recordSize + 1, MessageFilter.ALL)) {
            assertEquals(2, two.messageCount());
            assertEquals(2, two.nextBeginOffset());
        }
    }

    @Test
    void tagFilterSkipsOtherTagsAndAdvancesTheNextOffset() throws IOException {
        DefaultMessageStore store = open();
        String[] tags = {"TagA", "TagB", "TagA", null, "TagC", "TagA"};
        for (int i = 0; i < tags.length; i++) {
            store.putMessage(TestMessages.message("T", 0, "m" + i, tags[i], null));
        }
        awaitDispatched(store);
        MessageFilter tagA = MessageFilter.byTagsCodes("TagA".hashCode());
        try (GetMessageResult result = store.getMessage("T", 0, 0, 32, 1 << 20, tagA)) {
            assertEquals(GetMessageStatus.FOUND, result.status());
            List<String> bodies = decodeAll(result).stream().map(m -> TestMessages.text(m.body())).toList();
            assertEquals(List.of("m0", "m2", "m5"), bodies);
            assertEquals(6, result.nextBeginOffset());
        }
        try (GetMessageResult none = store.getMessage("T", 0, 0, 32, 1 << 20,
                MessageFilter.byTagsCodes("TagZ".hashCode()))) {
            assertEquals(GetMessageStatus.NO_MATCHED_MESSAGE, none.status());
            assertEquals(6, none.nextBeginOffset());
        }
    }

    @Test
    void queueOffsetsAreCountedPerQueueAndBatchesAreContiguous() throws IOException {
        DefaultMessageStore store = open();
        store.putMessage(TestMessages.message("T", 0, "a"));
        store.putMessage(TestMessages.message("T", 1, "b"));
        List<org.tidemq.store.message.MessageToStore> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(TestMessages.message("T", 1, "batch-" + i));
        }
        PutMessageResult put = store.putMessages(batch);
        assertEquals(PutMessageStatus.PUT_OK, put.status());
        AppendMessageResult append = put.append();
        assertEquals(1, append.queueOffset());
        assertEquals(5, append.messageCount());
        long expected = append.wroteOffset();
        awaitDispatched(store);
        try (GetMessageResult result = store.getMessage("T", 1, 1, 32, 1 << 20, MessageFilter.ALL)) {
            List<StoredMessage> messages = decodeAll(result);
            assertEquals(5, messages.size());
            for (int i = 0; i < 5; i++) {
                StoredMessage m = messages.get(i);
                assertEquals(expected, m.physicalOffset(), "contiguous records");
                assertEquals(append.physicalOffset(i), m.physicalOffset());
                assertEquals(1 + i, m.queueOffset());
                expected += m.totalSize();
            }
            assertEquals(append.endOffset(), expected);
        }
        assertEquals(MessageSysFlag.TRANSACTION_NOT_TYPE, 0);
        PutMessageResult mixed = store.putMessages(List.of(TestMessages.message("T", 0, "x"),
                TestMessages.message("T", 1, "y")));
        assertEquals(PutMessageStatus.MESSAGE_ILLEGAL, mixed.status());
    }

    @Test
    void preparedTransactionalMessagesGetNoQueueEntry() throws IOException {
        DefaultMessageStore store = open();
        store.putMessage(TestMessages.message("T", 0, "normal-0"));
        PutMessageResult prepared = store.putMessage(TestMessages.withSysFlag(
                TestMessages.message("T", 0, "half"), MessageSysFlag.TRANSACTION_PREPARED_TYPE));
        assertEquals(0, prepared.append().queueOffset());
        store.putMessage(TestMessages.message("T", 0, "normal-1"));
        awaitDispatched(store);
        assertEquals(2, store.getMaxOffsetInQueue("T", 0));
        try (GetMessageResult result = store.getMessage("T", 0, 0, 32, 1 << 20, MessageFilter.ALL)) {
            assertEquals(List.of("normal-0", "normal-1"),
                    decodeAll(result).stream().map(m -> TestMessages.text(m.body())).toList());
        }
        try (MappedBufferSlice half = store.selectOneMessageByOffset(prepared.append().wroteOffset())) {
            StoredMessage decoded = StoredMessageDecoder.decodeOne(half.buffer());
            assertEquals("half", TestMessages.text(decoded.body()));
            assertEquals(MessageSysFlag.TRANSACTION_PREPARED_TYPE, MessageSysFlag.transactionType(decoded.sysFlag()));
        }
    }

    @Test
    void invalidMessagesAreRefusedWithAReason() throws IOException {
        DefaultMessageStore store = open();
        PutMessageResult tooBig = store.putMessage(TestMessages.message("T", 0, "x".repeat(20_000)));
        assertEquals(PutMessageStatus.MESSAGE_ILLEGAL, tooBig.status());
        assertTrue(tooBig.reason().contains("maxMessageSize"), tooBig.reason());
        assertEquals(PutMessageStatus.MESSAGE_ILLEGAL, tooBig.durability().join());
        String hugeProperties = "K\u0001" + "v".repeat(40_000) + "\u0002";
        org.tidemq.store.message.MessageToStore m = TestMessages.message("T", 0, "b");
        PutMessageResult props = store.putMessage(new org.tidemq.store.message.MessageToStore(m.topic(), 0, 0, 0, 0,
                m.bornHost(), m.storeHost(), 0, 0, hugeProperties, m.body(), true));
        assertEquals(PutMessageStatus.PROPERTIES_SIZE_EXCEEDED, props.status());
        PutMessageResult badTopic = store.putMessage(TestMessages.message("../etc", 0, "b"));
        assertEquals(PutMessageStatus.MESSAGE_ILLEGAL, badTopic.status());
        assertEquals(0, store.getMaxPhyOffset());
    }

    @Test
    void writeGateRefusesAppendsWithItsReasonUntilItOpens() throws IOException {
        DefaultMessageStore store = open();
        AtomicReference<String> reason = new AtomicReference<>("disk 95% full, limit 90%");
        store.addWriteGate(reason::get);
        PutMessageResult refused = store.putMessage(TestMessages.message("T", 0, "a"));
        assertEquals(PutMessageStatus.SERVICE_NOT_AVAILABLE, refused.status());
        assertEquals("disk 95% full, limit 90%", refused.reason());
        assertEquals(0, store.getMaxPhyOffset());
        reason.set(null);
        assertEquals(PutMessageStatus.PUT_OK, store.putMessage(TestMessages.message("T", 0, "a")).status());
    }

    @Test
    void aDurabilityStageBoundsVisibilityAndDecidesTheFinalStatus() throws IOException {
        DefaultMessageStore store = open();
        AtomicLong replicated = new AtomicLong(0);
        store.addDurabilityStage(new DurabilityStage() {
            @Override
            public java.util.concurrent.CompletableFuture<PutMessageStatus> awaitDurable(long endOffset,
                    boolean waitStoreMsgOk) {
                return java.util.concurrent.CompletableFuture.completedFuture(PutMessageStatus.FLUSH_SLAVE_TIMEOUT);
            }

            @Override
            public long visibleOffset() {
                return replicated.get();
            }
        });
        PutMessageResult put = store.putMessage(TestMessages.message("T", 0, "a"));
        assertEquals(PutMessageStatus.PUT_OK, put.status());
        assertEquals(PutMessageStatus.FLUSH_SLAVE_TIMEOUT, put.whenDurable().join().status());
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                .until(() -> store.getMaxOffsetInQueue("T", 0) == 0 && store.getDispatchedPhyOffset() == 0);
        replicated.set(put.append().endOffset());
        await().atMost(Duration.ofSeconds(10)).until(() -> store.getMaxOffsetInQueue("T", 0) == 1);
    }

    @Test
    void syncFlushAcknowledgesOnlyFlushedMessagesAndShowsOnlyThem() throws IOException {
        DefaultMessageStore store = open(TestStores.small(root).flushDiskType(FlushDiskType.SYNC_FLUSH).build());
        List<PutMessageResult> puts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            puts.add(store.putMessage(TestMessages.message("T", 0, "s" + i)));
        }
        for (PutMessageResult put : puts) {
            assertEquals(PutMessageStatus.PUT_OK, put.durability().join());
            assertTrue(store.getFlushedPhyOffset() >= put.append().endOffset());
        }
        awaitDispatched(store);
        assertEquals(20, store.getMaxOffsetInQueue("T", 0));
        assertTrue(store.getDispatchedPhyOffset() <= store.getFlushedPhyOffset());
    }

    @Test
    void offsetByTimeFindsTheFirstMessageStoredAtOrAfter() throws IOException {
        DefaultMessageStore store = open();
        long t0 = clock.millis();
        for (int i = 0; i < 10; i++) {
            store.putMessage(TestMessages.message("T", 0, "m" + i));
            clock.advance(1000);
        }
        awaitDispatched(store);
        assertEquals(0, store.getOffsetInQueueByTime("T", 0, t0 - 5000));
        assertEquals(0, store.getOffsetInQueueByTime("T", 0, t0));
        assertEquals(4, store.getOffsetInQueueByTime("T", 0, t0 + 3500));
        assertEquals(4, store.getOffsetInQueueByTime("T", 0, t0 + 4000));
        assertEquals(10, store.getOffsetInQueueByTime("T", 0, t0 + 60_000));
        assertEquals(t0, store.getEarliestMessageTime("T", 0));
        assertEquals(t0, store.getEarliestMessageTime());
        assertEquals(t0 + 3000, store.getMessageStoreTimestamp("T", 0, 3));
    }

    @Test
    void dispatchersSeeEveryRecordInOrder() throws IOException {
        DefaultMessageStore store = open();
        List<DispatchRequest> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        store.addDispatcher(seen::add);
        PutMessageResult a = store.putMessage(TestMessages.message("T", 0, "a", "TagA", "k1 k2"));
        store.putMessage(TestMessages.message("U", 3, "b"));
        awaitDispatched(store);
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 2);
        DispatchRequest first = seen.get(0);
        assertEquals("T", first.topic());
        assertEquals(a.append().wroteOffset(), first.commitLogOffset());
        assertEquals(a.append().wroteBytes(), first.msgSize());
        assertEquals("TagA".hashCode(), first.tagsCode());
        assertEquals("k1 k2", first.keys());
        assertEquals("UK-T-0-a", first.uniqKey());
        assertEquals(3, seen.get(1).queueId());
        assertEquals(0, seen.get(1).tagsCode());
    }

    @Test
    void keysAreQueryableThroughTheIndex() throws IOException {
        DefaultMessageStore store = open();
        PutMessageResult put = store.putMessage(TestMessages.message("T", 0, "a", null, "order-42"));
        awaitDispatched(store);
        assertEquals(List.of(put.append().wroteOffset()),
                store.queryMessageOffsets("T", "order-42", 10, 0, Long.MAX_VALUE).phyOffsets());
    }

    @Test
    void aSecondStoreOnTheSameDirectoryIsRefused() throws IOException {
        open();
        IOException e = assertThrows(IOException.class, () -> DefaultMessageStore.open(
                TestStores.small(root).build(), clock));
        assertTrue(e.getMessage().contains("in use"), e.getMessage());
    }

    @Test
    void cleanShutdownAndReopenKeepsMessagesAndContinuesQueueOffsets() throws IOException {
        DefaultMessageStore store = open();
        for (int i = 0; i < 50; i++) {
            store.putMessage(TestMessages.message("T", i % 2, "m" + i));
        }
        long max = store.getMaxPhyOffset();
        store.shutdown();
        assertEquals(PutMessageStatus.SERVICE_NOT_AVAILABLE, store.putMessage(TestMessages.message("T", 0, "late"))
                .status());

        DefaultMessageStore reopened = open();
        assertFalse(reopened.wasAbnormalShutdown());
        assertEquals(max, reopened.getMaxPhyOffset());
        assertEquals(25, reopened.getMaxOffsetInQueue("T", 0));
        PutMessageResult next = reopened.putMessage(TestMessages.message("T", 0, "after"));
        assertEquals(25, next.append().queueOffset());
        awaitDispatched(reopened);
        try (GetMessageResult r = reopened.getMessage("T", 0, 24, 32, 1 << 20, MessageFilter.ALL)) {
            assertEquals(List.of("m48", "after"), decodeAll(r).stream().map(m -> TestMessages.text(m.body())).toList());
        }
        assertNull(reopened.selectOneMessageByOffset(reopened.getMaxPhyOffset()));
    }

    @Test
    void tagsCodeOfTheFactSheetMatches() {
        assertEquals(0x27a807L, MessageProperties.tagsCode("TagA"));
    }
}
