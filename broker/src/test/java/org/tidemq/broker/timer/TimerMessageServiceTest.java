package org.tidemq.broker.timer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.ManualClock;
import org.tidemq.broker.TestBrokers;
import org.tidemq.broker.config.BrokerConfig;
import org.tidemq.broker.config.TimerConfig;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.message.StoredMessage;
import org.tidemq.common.message.StoredMessageDecoder;
import org.tidemq.store.DefaultMessageStore;
import org.tidemq.store.PutMessageResult;
import org.tidemq.store.mappedfile.MappedBufferSlice;
import org.tidemq.store.message.MessageToStore;

/** Indexing and firing on a real store with a hand-moved clock: passes are run directly, nothing sleeps. */
class TimerMessageServiceTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long PRECISION_MS = 1_000;
    private static final long MAX_DELAY_MS = TimerConfig.defaults().timerMaxDelayMs();
    private static final long ROLL_WINDOW_MS = 24L * 3600 * 1000;
    private static final InetSocketAddress HOST = new InetSocketAddress(InetAddress.getLoopbackAddress(), 10911);
    private static final String TOPIC = "TopicT";

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(T0);
    private BrokerConfig config;
    private DefaultMessageStore store;
    private TimerMessageService service;

    @BeforeEach
    void open() throws Exception {
        config = TestBrokers.config(dir, Map.of());
        store = DefaultMessageStore.open(config.store(), clock);
        service = newService(true);
    }

    @AfterEach
    void close() {
        service.shutdown();
        store.shutdown();
    }

    private static org.awaitility.core.ConditionFactory quickly() {
        return await().pollDelay(java.time.Duration.ZERO).pollInterval(java.time.Duration.ofMillis(2));
    }

    private TimerMessageService newService(boolean firing) throws Exception {
        return newService(firing, 1024);
    }

    private TimerMessageService newService(boolean firing, int entriesPerSegment) throws Exception {
        return TimerMessageService.open(config.store().storePathRootDir(), store, PRECISION_MS, MAX_DELAY_MS,
                ROLL_WINDOW_MS, firing, clock::millis, entriesPerSegment);
    }

    /** Sends {@code body} through the send path's decision, as a producer would with setDeliverTimeMs. */
    private void sendTimed(String body, long deliverMs, int queueId) {
        sendTimed(TOPIC, body, deliverMs, queueId, Map.of());
    }

    /** As a 5.x producer cancelling timer {@code U-<target>} of {@code topic}: same deliver time, TIMER_DEL_UNIQKEY. */
    private void sendCancel(String topic, String target, long deliverMs) {
        sendTimed(topic, "cancel-" + target, deliverMs, 0, Map.of(TimerProperties.DEL_UNIQKEY, "U-" + target));
    }

    private void sendTimed(String topic, String body, long deliverMs, int queueId, Map<String, String> extra) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(MessageProperties.KEYS, "k-" + body);
        properties.put(MessageProperties.UNIQ_KEY, "U-" + body);
        properties.put(TimerProperties.DELIVER_MS, Long.toString(deliverMs));
        properties.putAll(extra);
        TimedSend timed = TimedSend.decide(topic, queueId, MessageProperties.encode(properties), properties,
                clock.millis(), TimerConfig.defaults());
        assertEquals(TimedSend.Kind.PARK, timed.kind());
        ByteBuffer payload = ByteBuffer.allocateDirect(body.length());
        payload.put(body.getBytes(StandardCharsets.UTF_8)).flip();
        long expected = store.getMaxOffsetInQueue(TimerProperties.TIMER_TOPIC, 0) + 1;
        PutMessageResult put = store.putMessage(new MessageToStore(TimerProperties.TIMER_TOPIC, 0, 0, 0,
                clock.millis(), HOST, HOST, 0, 0, timed.properties(), payload, false));
        assertTrue(put.isAppended(), put.toString());
        quickly().until(() -> store.getMaxOffsetInQueue(TimerProperties.TIMER_TOPIC, 0) == expected
                && store.getDispatchedPhyOffset() >= store.getMaxPhyOffset());
    }

    /** Bodies delivered to TopicT queue {@code queueId}, in queue order (waits until {@code count} are there). */
    private List<StoredMessage> delivered(int queueId, int count) {
        quickly().until(() -> store.getMaxOffsetInQueue(TOPIC, queueId) >= count
                && store.getDispatchedPhyOffset() >= store.getMaxPhyOffset());
        List<StoredMessage> messages = new ArrayList<>();
        for (long offset = 0; offset < store.getMaxOffsetInQueue(TOPIC, queueId); offset++) {
            MappedBufferSlice record = store.selectOneMessageByOffset(
                    store.getCommitLogOffsetInQueue(TOPIC, queueId, offset));
            assertNotNull(record);
            try {
                StoredMessage message = StoredMessageDecoder.decodeOne(record.buffer().duplicate());
                byte[] body = new byte[message.body().remaining()];
                message.body().duplicate().get(body);
                messages.add(new StoredMessage(message.totalSize(), message.magic(), message.bodyCrc(),
                        message.queueId(), message.flag(), message.queueOffset(), message.physicalOffset(),
                        message.sysFlag(), message.bornTimestamp(), message.bornHost(), message.storeTimestamp(),
                        message.storeHost(), message.reconsumeTimes(), message.preparedTransactionOffset(),
                        ByteBuffer.wrap(body), message.topic(), message.properties()));
            } finally {
                record.release();
            }
        }
        return messages;
    }

    private void awaitDispatched() {
        quickly().until(() -> store.getDispatchedPhyOffset() >= store.getMaxPhyOffset());
    }

    private static String text(StoredMessage message) {
        return StandardCharsets.UTF_8.decode(message.body().duplicate()).toString();
    }

    private List<String> bodies(int queueId) {
        return delivered(queueId, 0).stream().map(TimerMessageServiceTest::text).toList();
    }

    @Test
    void timersFireInDeliverOrderAtOrAfterTheirTimeWithTheirContent() {
        sendTimed("c", T0 + 2_500, 1);
        sendTimed("a", T0 + 300, 1);
        sendTimed("b", T0 + 1_700, 1);

        assertEquals(new TimerMessageService.PassResult(3, 0), service.runOnce());
        clock.advance(299);
        assertEquals(0, service.runOnce().fired(), "one ms early");
        clock.advance(1);
        assertEquals(1, service.runOnce().fired());
        clock.advance(1_400);
        assertEquals(1, service.runOnce().fired());
        clock.advance(799);
        assertEquals(0, service.runOnce().fired());
        clock.advance(1);
        assertEquals(1, service.runOnce().fired());

        List<StoredMessage> messages = delivered(1, 3);
        assertEquals(List.of("a", "b", "c"), messages.stream().map(TimerMessageServiceTest::text).toList());
        Map<String, String> first = MessageProperties.decode(messages.get(0).properties());
        assertEquals(TOPIC, messages.get(0).topic());
        assertEquals("U-a", first.get(MessageProperties.UNIQ_KEY));
        assertEquals("k-a", first.get(MessageProperties.KEYS));
        assertEquals(Long.toString(T0 + 300), first.get(TimerProperties.OUT_MS));
        assertFalse(first.containsKey("REAL_TOPIC") || first.containsKey("REAL_QID"), first.toString());
        assertEquals(0, service.pendingInMemory());
    }

    @Test
    void aTimerSevenDaysAheadWaitsUntilItsTime() {
        long deliverMs = T0 + MAX_DELAY_MS;
        sendTimed("week", deliverMs, 0);
        service.runOnce();
        assertEquals(0, service.pendingInMemory(), "a far timer stays in the mapped files");
        clock.advance(MAX_DELAY_MS - 1);
        assertEquals(0, service.runOnce().fired());
        awaitDispatched();
        assertEquals(0, store.getMaxOffsetInQueue(TOPIC, 0));
        assertEquals(2, store.getMaxOffsetInQueue(TimerProperties.TIMER_TOPIC, 0), "re-parked (roll window 1 day)");
        clock.advance(1);
        assertEquals(1, service.runOnce().fired());
        assertEquals(List.of("week"), bodies(0));
    }

    @Test
    void aTimerBeyondTheRollWindowIsReParkedBeforeRetentionCouldDropItAndFiresOnce() {
        long deliverMs = T0 + 3 * ROLL_WINDOW_MS + 500;
        sendTimed("rolling", deliverMs, 2);
        service.runOnce();
        clock.advance(ROLL_WINDOW_MS - 1);
        service.runOnce();
        assertEquals(1, store.getMaxOffsetInQueue(TimerProperties.TIMER_TOPIC, 0), "not rolled early");
        clock.advance(1);
        assertEquals(0, service.runOnce().fired());
        quickly().until(() -> store.getMaxOffsetInQueue(TimerProperties.TIMER_TOPIC, 0) == 2
                && store.getDispatchedPhyOffset() >= store.getMaxPhyOffset());
        assertEquals(TimerLogLayout.STATE_FIRED, service.timerLog().state(0), "old entry done once rolled");
        assertEquals(1, service.runOnce().indexed(), "the re-parked copy is indexed");
        clock.advance(2 * ROLL_WINDOW_MS - 1);
        service.runOnce();
        awaitDispatched();
        assertEquals(3, store.getMaxOffsetInQueue(TimerProperties.TIMER_TOPIC, 0), "rolled a second time");
        assertEquals(0, store.getMaxOffsetInQueue(TOPIC, 2));
        service.runOnce();
        clock.advance(500);
        assertEquals(0, service.runOnce().fired(), "one ms early");
        clock.advance(1);
        assertEquals(1, service.runOnce().fired());
        List<StoredMessage> delivered = delivered(2, 1);
        assertEquals(1, delivered.size());
        assertEquals("rolling", text(delivered.get(0)));
        assertEquals("U-rolling",
                MessageProperties.decode(delivered.get(0).properties()).get(MessageProperties.UNIQ_KEY));
    }

    @Test
    void aTimerIndexedAfterItsTimeFiresAtTheNextPass() {
        service.runOnce();
        sendTimed("late", T0 + 50, 0);
        clock.advance(10_000);
        assertEquals(1, service.runOnce().fired());
        assertEquals(List.of("late"), bodies(0));
    }

    @Test
    void aRestartResumesWithoutLosingOrRepeatingTimers() throws Exception {
        for (int i = 0; i < 6; i++) {
            sendTimed("m" + i, T0 + 500 + i * 1_000L, 0);
        }
        service.runOnce();
        clock.advance(2_600);
        assertEquals(3, service.runOnce().fired());
        service.shutdown();

        clock.advance(1_000); // m3 falls due while the broker is down
        service = newService(true);
        assertEquals(0, service.runOnce().indexed(), "indexing resumes after the last indexed entry");
        assertEquals(List.of("m0", "m1", "m2", "m3"), bodies(0));
        clock.advance(10_000);
        service.runOnce();
        assertEquals(List.of("m0", "m1", "m2", "m3", "m4", "m5"), bodies(0));
    }

    @Test
    void aFireNotYetMarkedBeforeACrashIsFoundInTheIndexAndNotRepeated() throws Exception {
        sendTimed("x", T0 + 100, 0);
        sendTimed("y", T0 + 200, 0);
        service.runOnce();
        clock.advance(300);
        assertEquals(2, service.runOnce().fired());
        // The crash window: the put of "x" reached the CommitLog, its FIRED mark did not.
        service.timerLog().setState(0, TimerLogLayout.STATE_PENDING);
        service.timerWheel().firedThroughSlot(service.timerWheel().slotOf(T0) - 1);
        service.shutdown();
        quickly().until(() -> store.getDispatchedPhyOffset() >= store.getMaxPhyOffset());

        clock.advance(1_000);
        service = newService(true);
        service.runOnce();
        assertEquals(List.of("x", "y"), bodies(0));
        assertEquals(TimerLogLayout.STATE_FIRED, service.timerLog().state(0));
    }

    @Test
    void aSlaveIndexesButNeverFiresAndItsWheelServesItAsMaster() throws Exception {
        service.shutdown();
        service = newService(false);
        sendTimed("s1", T0 + 100, 0);
        sendTimed("s2", T0 + 5_000, 0);
        assertEquals(2, service.runOnce().indexed());
        clock.advance(1_000);
        assertEquals(0, service.runOnce().fired());
        assertEquals(0, store.getMaxOffsetInQueue(TOPIC, 0));
        service.shutdown();

        service = newService(true);
        assertEquals(0, service.runOnce().indexed());
        assertEquals(List.of("s1"), bodies(0));
        clock.advance(4_000);
        service.runOnce();
        assertEquals(List.of("s1", "s2"), bodies(0));
    }

    @Test
    void theHeapHoldsOnlyTheNearTerm() {
        for (int i = 0; i < 50; i++) {
            sendTimed("n" + i, T0 + 60_000L * (i + 1), 0);
        }
        service.runOnce();
        assertEquals(0, service.pendingInMemory());
        clock.advance(60_000 - PRECISION_MS);
        service.runOnce();
        assertEquals(1, service.pendingInMemory(), "only the timer within one precision ahead is loaded");
    }

    @Test
    void aCancelledTimerNeverFiresWhetherFarOrAlreadyLoadedAndAcrossARestart() throws Exception {
        sendTimed("keep", T0 + 300, 0);
        sendTimed("near", T0 + 300, 0);
        sendTimed("far", T0 + 60_000, 0);
        sendTimed("other", T0 + 60_000, 0);
        service.runOnce();
        assertEquals(2, service.pendingInMemory(), "keep and near are loaded");
        sendCancel(TOPIC, "near", T0 + 300);
        sendCancel(TOPIC, "far", T0 + 60_000);
        sendCancel("AnotherTopic", "other", T0 + 60_000);
        assertEquals(3, service.runOnce().indexed());
        assertEquals(TimerLogLayout.STATE_CANCELLED, service.timerLog().state(1));
        assertEquals(TimerLogLayout.STATE_CANCELLED, service.timerLog().state(2));
        assertEquals(TimerLogLayout.STATE_PENDING, service.timerLog().state(3), "a cancellation names its topic");
        clock.advance(300);
        assertEquals(1, service.runOnce().fired());
        service.shutdown();

        service = newService(true);
        clock.advance(60_000);
        service.runOnce();
        assertEquals(List.of("keep", "other"), bodies(0), "cancelled timers and cancellations are never delivered");
        awaitDispatched();
        assertEquals(0, store.getMaxOffsetInQueue("AnotherTopic", 0));
    }

    @Test
    void aRollNotYetMarkedBeforeACrashIsNotRolledAgainAndTheTimerFiresOnce() throws Exception {
        long deliverMs = T0 + 2 * ROLL_WINDOW_MS + 500;
        sendTimed("rolling", deliverMs, 1);
        service.runOnce();
        clock.advance(ROLL_WINDOW_MS);
        service.runOnce();
        quickly().until(() -> store.getMaxOffsetInQueue(TimerProperties.TIMER_TOPIC, 0) == 2
                && store.getDispatchedPhyOffset() >= store.getMaxPhyOffset());
        // The crash window (or a slave's copy of the wheel): the re-put is stored, the old entry not marked.
        service.timerLog().setState(0, TimerLogLayout.STATE_PENDING);
        service.timerWheel().firedThroughSlot(service.timerWheel().slotOf(T0 + ROLL_WINDOW_MS) - 1);
        service.shutdown();

        clock.advance(1_000);
        service = newService(true);
        service.runOnce();
        service.runOnce();
        awaitDispatched();
        assertEquals(2, store.getMaxOffsetInQueue(TimerProperties.TIMER_TOPIC, 0), "not rolled a second time");
        assertEquals(TimerLogLayout.STATE_FIRED, service.timerLog().state(0));
        clock.advance(deliverMs - clock.millis());
        service.runOnce();
        assertEquals(List.of("rolling"), bodies(1));
    }

    private long timerLogFiles() throws Exception {
        try (var files = java.nio.file.Files.list(config.store().storePathRootDir().resolve("timerwheel")
                .resolve("timerlog"))) {
            return files.count();
        }
    }

    @Test
    void segmentsWhoseTimersAllFiredAreDeletedAndARestartStillFiresThePendingOnes() throws Exception {
        service.shutdown();
        service = newService(true, 16);
        for (int i = 0; i < 50; i++) {
            // Entry 20 waits a minute; the others are due within a second.
            sendTimed("t" + i, i == 20 ? T0 + 60_000 : T0 + 100 + i, 0);
        }
        service.runOnce();
        assertEquals(4, timerLogFiles(), "entries 0..49 in segments of 16");
        clock.advance(1_000);
        assertEquals(49, service.runOnce().fired());
        assertEquals(1, service.reclaim(), "only the first segment is all fired");
        assertEquals(3, timerLogFiles());
        service.shutdown();

        service = newService(true, 16);
        assertEquals(0, service.reclaim(), "entry 20 still pending after the restart");
        clock.advance(60_000);
        assertEquals(1, service.runOnce().fired());
        assertEquals(2, service.reclaim(), "segments 16..47; the one holding the indexing position stays");
        assertEquals(1, timerLogFiles());
        List<String> bodies = bodies(0);
        assertEquals(50, bodies.size());
        assertEquals("t20", bodies.get(49));
        assertEquals(50, new java.util.HashSet<>(bodies).size());
    }

    @Test
    void aSlaveExpiresEntriesBehindItsReloadWindowSoTheirSegmentsGo() throws Exception {
        service.shutdown();
        service = newService(false, 16);
        for (int i = 0; i < 20; i++) {
            sendTimed("s" + i, T0 + 1_000 + i, 0);
        }
        service.runOnce();
        clock.advance(MAX_DELAY_MS);
        service.runOnce();
        assertEquals(0, service.reclaim(), "still inside the window a promotion reloads");
        assertEquals(TimerLogLayout.STATE_PENDING, service.timerLog().state(0));
        clock.advance(3_000);
        service.runOnce();
        assertEquals(TimerLogLayout.STATE_EXPIRED, service.timerLog().state(0));
        assertEquals(1, service.reclaim());
        assertEquals(1, timerLogFiles());
        assertEquals(0, store.getMaxOffsetInQueue(TOPIC, 0), "a slave never fires");
    }

    @Test
    void aSlaveFollowsItsMastersFiresSoAPromotionReloadsOnlyWhatWasNotFired() throws Exception {
        // The slave's wheel in its own directory, over the same (replicated) CommitLog as the master's.
        TimerMessageService slave = TimerMessageService.open(dir.resolve("slave-wheel"), store, PRECISION_MS,
                MAX_DELAY_MS, ROLL_WINDOW_MS, false, clock::millis, 1024);
        try {
            sendTimed("f1", T0 + 100, 0);
            sendTimed("f2", T0 + 200, 0);
            sendTimed("later", T0 + 20_000, 0);
            service.runOnce();
            slave.runOnce();
            clock.advance(300);
            assertEquals(2, service.runOnce().fired());
            awaitDispatched();
            clock.advance(TimerMessageService.CONFIRM_GRACE_MS + PRECISION_MS);
            slave.runOnce();
            assertEquals(TimerLogLayout.STATE_FIRED, slave.timerLog().state(0), "the master's fire was seen");
            assertEquals(TimerLogLayout.STATE_FIRED, slave.timerLog().state(1));
            assertEquals(TimerLogLayout.STATE_PENDING, slave.timerLog().state(2));
            assertEquals(slave.timerWheel().slotOf(clock.millis() - TimerMessageService.CONFIRM_GRACE_MS) - 1,
                    slave.firedThroughSlot(), "follows now minus the grace, not minus the maximum delay");

            // The master is lost before it fires "later": the slave stops short of that timer's slot.
            service.shutdown();
            clock.advance(30_000);
            slave.runOnce();
            assertEquals(slave.timerWheel().slotOf(T0 + 20_000) - 1, slave.firedThroughSlot());
            slave.shutdown();

            service = TimerMessageService.open(dir.resolve("slave-wheel"), store, PRECISION_MS, MAX_DELAY_MS,
                    ROLL_WINDOW_MS, true, clock::millis, 1024);
            assertEquals(1, service.runOnce().fired(), "promoted: only the timer its old master had not fired");
            assertEquals(List.of("f1", "f2", "later"), bodies(0));
        } finally {
            slave.shutdown();
        }
    }
}
