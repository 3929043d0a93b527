package org.tidemq.broker.transaction;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.ManualClock;
import org.tidemq.broker.TestBrokers;
import org.tidemq.broker.config.BrokerConfig;
import org.tidemq.broker.config.TransactionConfig;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.message.MessageSysFlag;
import org.tidemq.common.message.StoredMessage;
import org.tidemq.common.message.StoredMessageDecoder;
import org.tidemq.common.protocol.TopicNames;
import org.tidemq.store.DefaultMessageStore;
import org.tidemq.store.GetMessageResult;
import org.tidemq.store.MessageFilter;
import org.tidemq.store.PutMessageResult;
import org.tidemq.store.mappedfile.MappedBufferSlice;
import org.tidemq.store.message.MessageToStore;

/** Resolution and check-back of half messages on a real store with a hand-moved clock; passes run directly. */
class TransactionCheckServiceTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final InetSocketAddress HOST = new InetSocketAddress(InetAddress.getLoopbackAddress(), 10911);
    private static final String GROUP = "TxGroup";
    private static final TransactionConfig CONFIG = new TransactionConfig(1_000, 3, 500);

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(T0);
    private final List<String> checks = new ArrayList<>();
    private BrokerConfig config;
    private DefaultMessageStore store;
    private TransactionProgress progress;
    private TransactionResolver resolver;
    private TransactionCheckService service;

    private final CheckBackSender recorder = (group, halfOffset, half, destination) -> {
        checks.add(group + "/" + halfOffset + "/" + destination.topic() + ":" + destination.queueId() + "/"
                + StandardCharsets.UTF_8.decode(half.body().duplicate()));
        return true;
    };

    @BeforeEach
    void open() throws Exception {
        config = TestBrokers.config(dir, Map.of());
        store = DefaultMessageStore.open(config.store(), clock);
        startService();
    }

    private void startService() throws Exception {
        progress = TransactionProgress.load(config.store().storePathRootDir());
        resolver = TransactionResolver.open(store, progress, () -> HOST, clock::millis);
        service = new TransactionCheckService(store, resolver, progress, recorder, CONFIG, clock::millis);
    }

    @AfterEach
    void close() throws Exception {
        service.shutdown();
        store.shutdown();
    }

    private void restart() throws Exception {
        service.shutdown();
        store.shutdown();
        store = DefaultMessageStore.open(config.store(), clock);
        startService();
    }

    /** Stores a prepared message for TopicT queue 2 as the send path does; returns its CommitLog offset. */
    private long prepare(String body) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(MessageProperties.UNIQ_KEY, "U-" + body);
        properties.put(MessageProperties.KEYS, "k-" + body);
        properties.put(TransactionProperties.TRANSACTION_PREPARED, "true");
        properties.put(TransactionProperties.PRODUCER_GROUP, GROUP);
        HalfMessage.Parked parked = HalfMessage.park("TopicT", 2, MessageSysFlag.TRANSACTION_PREPARED_TYPE,
                properties);
        ByteBuffer payload = ByteBuffer.allocateDirect(body.length());
        payload.put(body.getBytes(StandardCharsets.UTF_8)).flip();
        long expected = store.getMaxOffsetInQueue(TopicNames.TRANS_HALF_TOPIC, 0) + 1;
        PutMessageResult put = store.putMessage(new MessageToStore(parked.topic(), parked.queueId(), 0,
                parked.sysFlag(), clock.millis(), HOST, HOST, 0, 0, parked.properties(), payload, false));
        assertTrue(put.isAppended(), put.toString());
        awaitDispatched(TopicNames.TRANS_HALF_TOPIC, 0, expected);
        return put.append().physicalOffset(0);
    }

    private void awaitDispatched(String topic, int queueId, long count) {
        await().until(() -> store.getMaxOffsetInQueue(topic, queueId) == count
                && store.getDispatchedPhyOffset() >= store.getMaxPhyOffset());
    }

    private List<StoredMessage> visible(String topic, int queueId) {
        await().until(() -> store.getDispatchedPhyOffset() >= store.getMaxPhyOffset());
        List<StoredMessage> all = new ArrayList<>();
        try (GetMessageResult result = store.getMessage(topic, queueId, 0, 64, 1 << 20, MessageFilter.ALL)) {
            for (MappedBufferSlice slice : result.messages()) {
                StoredMessage m = StoredMessageDecoder.decodeOne(slice.buffer().duplicate());
                byte[] body = new byte[m.body().remaining()];
                m.body().duplicate().get(body);
                all.add(new StoredMessage(m.totalSize(), m.magic(), m.bodyCrc(), m.queueId(), m.flag(),
                        m.queueOffset(), m.physicalOffset(), m.sysFlag(), m.bornTimestamp(), m.bornHost(),
                        m.storeTimestamp(), m.storeHost(), m.reconsumeTimes(), m.preparedTransactionOffset(),
                        ByteBuffer.wrap(body), m.topic(), m.properties()));
            }
        }
        return all;
    }

    private static String body(StoredMessage m) {
        return StandardCharsets.UTF_8.decode(m.body().duplicate()).toString();
    }

    @Test
    void preparedMessageIsInvisibleUntilCommittedAndThenVisibleOnce() {
        long offset = prepare("order-1");
        assertEquals(0, store.getMaxOffsetInQueue("TopicT", 2), "a half message is not in its real queue");

        TransactionResolver.Result first = resolver.end(offset, GROUP, MessageSysFlag.TRANSACTION_COMMIT_TYPE);
        TransactionResolver.Result second = resolver.end(offset, GROUP, MessageSysFlag.TRANSACTION_COMMIT_TYPE);

        assertEquals(TransactionResolver.Outcome.COMMITTED, first.outcome());
        assertEquals(TransactionResolver.Outcome.ALREADY_RESOLVED, second.outcome());
        List<StoredMessage> delivered = visible("TopicT", 2);
        assertEquals(1, delivered.size());
        StoredMessage committed = delivered.get(0);
        assertEquals("order-1", body(committed));
        assertEquals(offset, committed.preparedTransactionOffset());
        assertEquals(MessageSysFlag.TRANSACTION_COMMIT_TYPE, MessageSysFlag.transactionType(committed.sysFlag()));
        Map<String, String> properties = MessageProperties.decode(committed.properties());
        assertEquals("U-order-1", properties.get(MessageProperties.UNIQ_KEY));
        assertEquals("k-order-1", properties.get(MessageProperties.KEYS));
        assertFalse(properties.containsKey(TransactionProperties.REAL_TOPIC));
        assertFalse(properties.containsKey(TransactionProperties.REAL_QUEUE_ID));
        assertFalse(properties.containsKey(TransactionProperties.TRANSACTION_PREPARED));
        List<StoredMessage> ops = visible(TopicNames.TRANS_OP_HALF_TOPIC, 0);
        assertEquals(1, ops.size(), "one op record, none for the duplicate");
        assertEquals("0", body(ops.get(0)));
    }

    @Test
    void rollbackDiscardsAndALaterCommitIsIgnored() {
        long offset = prepare("gone");

        assertEquals(TransactionResolver.Outcome.ROLLED_BACK,
                resolver.end(offset, GROUP, MessageSysFlag.TRANSACTION_ROLLBACK_TYPE).outcome());
        assertEquals(TransactionResolver.Outcome.ALREADY_RESOLVED,
                resolver.end(offset, GROUP, MessageSysFlag.TRANSACTION_COMMIT_TYPE).outcome());

        assertEquals(0, visible("TopicT", 2).size());
        clock.advance(10_000);
        assertEquals(0, service.checkOnce().checked(), "a rolled-back message is never checked");
        assertEquals(1, progress.halfOffset());
    }

    @Test
    void badEndTransactionRequestsAreRefusedWithAReason() {
        long offset = prepare("x");

        TransactionResolver.Result wrongGroup = resolver.end(offset, "OtherGroup",
                MessageSysFlag.TRANSACTION_COMMIT_TYPE);
        TransactionResolver.Result nowhere = resolver.end(offset + 1, GROUP, MessageSysFlag.TRANSACTION_COMMIT_TYPE);
        TransactionResolver.Result unknown = resolver.end(offset, GROUP, MessageSysFlag.TRANSACTION_NOT_TYPE);

        assertEquals(TransactionResolver.Outcome.WRONG_GROUP, wrongGroup.outcome());
        assertTrue(wrongGroup.detail().contains("OtherGroup"), wrongGroup.detail());
        assertEquals(TransactionResolver.Outcome.NOT_FOUND, nowhere.outcome());
        assertEquals(TransactionResolver.Outcome.UNKNOWN_IGNORED, unknown.outcome());
        assertEquals(0, visible("TopicT", 2).size());
        assertEquals(TransactionResolver.Outcome.COMMITTED,
                resolver.end(offset, GROUP, MessageSysFlag.TRANSACTION_COMMIT_TYPE).outcome(),
                "refused requests leave the transaction open");
    }

    @Test
    void unresolvedMessagesAreCheckedOncePerPassAfterTheTimeoutThenDiscarded() {
        prepare("pending");

        clock.advance(999);
        assertEquals(0, service.checkOnce().checked(), "younger than transactionTimeOut");
        clock.advance(1);
        for (int pass = 1; pass <= CONFIG.transactionCheckMax(); pass++) {
            TransactionCheckService.Pass result = service.checkOnce();
            assertEquals(1, result.checked(), "pass " + pass);
            assertEquals(0, result.halfOffset(), "an open transaction holds the progress");
            clock.advance(CONFIG.transactionCheckIntervalMs());
        }
        assertEquals(List.of("TxGroup/0/TopicT:2/pending", "TxGroup/0/TopicT:2/pending",
                "TxGroup/0/TopicT:2/pending"), checks);

        TransactionCheckService.Pass last = service.checkOnce();

        assertEquals(0, last.checked());
        assertEquals(1, last.discarded());
        assertEquals(1, last.halfOffset());
        assertEquals(3, checks.size(), "no check after transactionCheckMax");
        assertEquals(0, visible("TopicT", 2).size());
        assertEquals(1, visible(TopicNames.TRANS_OP_HALF_TOPIC, 0).size(), "the discard is recorded");
        assertEquals(0, progress.trackedCount());
    }

    @Test
    void aCheckBackAnsweredWithCommitDeliversOnceAndEndsTheChecks() {
        long offset = prepare("later");
        clock.advance(1_000);
        assertEquals(1, service.checkOnce().checked());

        assertEquals(TransactionResolver.Outcome.COMMITTED,
                resolver.end(offset, GROUP, MessageSysFlag.TRANSACTION_COMMIT_TYPE).outcome());
        clock.advance(500);
        TransactionCheckService.Pass pass = service.checkOnce();

        assertEquals(0, pass.checked());
        assertEquals(1, pass.halfOffset());
        assertEquals(List.of("later"), visible("TopicT", 2).stream().map(TransactionCheckServiceTest::body).toList());
    }

    @Test
    void progressSkipsResolvedMessagesButStopsAtAnOpenOne() {
        long first = prepare("a");
        prepare("b");
        long third = prepare("c");
        resolver.end(first, GROUP, MessageSysFlag.TRANSACTION_COMMIT_TYPE);
        resolver.end(third, GROUP, MessageSysFlag.TRANSACTION_ROLLBACK_TYPE);
        clock.advance(1_000);

        TransactionCheckService.Pass pass = service.checkOnce();

        assertEquals(1, pass.checked(), "only b is open");
        assertEquals(1, pass.halfOffset(), "stops at b");
        assertEquals(List.of("TxGroup/1/TopicT:2/b"), checks);
        assertTrue(resolver.isDone(2), "c's resolution is remembered above the progress");
        assertFalse(resolver.isDone(1));
    }

    @Test
    void stateSurvivesARestart() throws Exception {
        long rolledBack = prepare("r");
        long open = prepare("o");
        resolver.end(rolledBack, GROUP, MessageSysFlag.TRANSACTION_ROLLBACK_TYPE);
        clock.advance(1_000);
        service.checkOnce();
        assertEquals(1, progress.checkCount(1));

        restart();
        String json = Files.readString(TransactionProgress.fileIn(config.store().storePathRootDir()));
        assertTrue(json.contains("\"halfOffset\":1"), json);

        assertEquals(1, progress.checkCount(1), "check counts are persisted");
        assertEquals(TransactionResolver.Outcome.ALREADY_RESOLVED,
                resolver.end(rolledBack, GROUP, MessageSysFlag.TRANSACTION_COMMIT_TYPE).outcome());
        assertEquals(1, service.checkOnce().checked(), "the open half message is still checked");
        assertEquals(TransactionResolver.Outcome.COMMITTED,
                resolver.end(open, GROUP, MessageSysFlag.TRANSACTION_COMMIT_TYPE).outcome());

        restart();
        assertEquals(TransactionResolver.Outcome.ALREADY_RESOLVED,
                resolver.end(open, GROUP, MessageSysFlag.TRANSACTION_COMMIT_TYPE).outcome(),
                "the commit's op record is read back after a restart");
        assertEquals(List.of("o"), visible("TopicT", 2).stream().map(TransactionCheckServiceTest::body).toList());
    }

    @Test
    void opRecordsAreReloadedWithoutAPersistedProgress() throws Exception {
        long offset = prepare("crash");
        resolver.end(offset, GROUP, MessageSysFlag.TRANSACTION_COMMIT_TYPE);
        Files.deleteIfExists(TransactionProgress.fileIn(config.store().storePathRootDir()));
        store.shutdown();
        store = DefaultMessageStore.open(config.store(), clock);
        startService();

        assertEquals(0, progress.halfOffset());
        assertEquals(TransactionResolver.Outcome.ALREADY_RESOLVED,
                resolver.end(offset, GROUP, MessageSysFlag.TRANSACTION_COMMIT_TYPE).outcome());
        clock.advance(5_000);
        assertEquals(0, service.checkOnce().checked());
        assertEquals(1, visible("TopicT", 2).size());
    }

    @Test
    void immunityPropertyDelaysOnlyItsOwnMessage() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(TransactionProperties.PRODUCER_GROUP, GROUP);
        properties.put(TransactionProperties.CHECK_IMMUNITY_TIME_IN_SECONDS, "10");
        HalfMessage.Parked parked = HalfMessage.park("TopicT", 0, 0, properties);
        store.putMessage(new MessageToStore(parked.topic(), parked.queueId(), 0, parked.sysFlag(), T0, HOST, HOST,
                0, 0, parked.properties(), ByteBuffer.wrap("slow".getBytes(StandardCharsets.UTF_8)), false));
        awaitDispatched(TopicNames.TRANS_HALF_TOPIC, 0, 1);
        prepare("fast");
        clock.advance(1_000);

        service.checkOnce();

        assertEquals(List.of("TxGroup/1/TopicT:2/fast"), checks);
        assertNull(HalfMessage.destinationOf(Map.of(TransactionProperties.REAL_TOPIC, "T",
                TransactionProperties.REAL_QUEUE_ID, "x")), "a malformed queue id names no destination");
    }
}
