package org.tidemq.broker.timer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.ManualClock;
import org.tidemq.broker.TestBrokers;
import org.tidemq.broker.config.BrokerConfig;
import org.tidemq.broker.config.TimerConfig;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.store.DefaultMessageStore;
import org.tidemq.store.PutMessageResult;
import org.tidemq.store.message.MessageToStore;

/**
 * The firing pass's batched appends on a real store with a hand-moved clock: many timers due in one pass, over
 * several destination queues and more than one batch, fire once each in deliver order per queue; while the store
 * refuses appends none is lost or marked, and they fire once when it accepts again.
 */
class TimerFiringTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final InetSocketAddress HOST = new InetSocketAddress(InetAddress.getLoopbackAddress(), 10911);
    private static final String TOPIC = "TopicF";
    private static final int QUEUES = 3;

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(T0);
    private volatile String refusal;
    private DefaultMessageStore store;
    private TimerMessageService service;

    @BeforeEach
    void open() throws Exception {
        BrokerConfig config = TestBrokers.config(dir, Map.of());
        store = DefaultMessageStore.open(config.store(), clock);
        store.addWriteGate(() -> refusal);
        service = TimerMessageService.open(config.store().storePathRootDir(), store, 1_000,
                TimerConfig.defaults().timerMaxDelayMs(), 24L * 3600 * 1000, true, clock::millis, 4096);
    }

    @AfterEach
    void close() {
        service.shutdown();
        store.shutdown();
    }

    private void park(String body, long deliverMs, int queueId) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(MessageProperties.UNIQ_KEY, "U-" + body);
        properties.put(TimerProperties.DELIVER_MS, Long.toString(deliverMs));
        TimedSend timed = TimedSend.decide(TOPIC, queueId, MessageProperties.encode(properties), properties,
                clock.millis(), TimerConfig.defaults());
        assertEquals(TimedSend.Kind.PARK, timed.kind());
        PutMessageResult put = store.putMessage(new MessageToStore(TimerProperties.TIMER_TOPIC, 0, 0, 0,
                clock.millis(), HOST, HOST, 0, 0, timed.properties(),
                ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), false));
        assertTrue(put.isAppended(), put.toString());
    }

    private void awaitDispatched() {
        await().pollInterval(Duration.ofMillis(2))
                .until(() -> store.getDispatchedPhyOffset() >= store.getMaxPhyOffset());
    }

    /** Bodies per destination queue, in queue order. */
    private Map<Integer, List<String>> delivered() {
        awaitDispatched();
        Map<Integer, List<String>> bodies = new TreeMap<>();
        for (int queueId = 0; queueId < QUEUES; queueId++) {
            bodies.put(queueId, QueueBodies.of(store, TOPIC, queueId));
        }
        return bodies;
    }

    /** {@code count} timers round-robin over the queues, timer i due at T0 + 500 + i ms; the expected deliveries. */
    private Map<Integer, List<String>> parkTimers(int count) {
        Map<Integer, List<String>> expected = new TreeMap<>();
        for (int queueId = 0; queueId < QUEUES; queueId++) {
            expected.put(queueId, new ArrayList<>());
        }
        for (int i = 0; i < count; i++) {
            park("t" + i, T0 + 500 + i, i % QUEUES);
            expected.get(i % QUEUES).add("t" + i);
        }
        awaitDispatched();
        return expected;
    }

    @Test
    void moreTimersThanOneBatchFireOnceEachInDeliverOrderPerQueue() {
        int count = FiringBatch.MAX_TIMERS * 2 + 7;
        Map<Integer, List<String>> expected = parkTimers(count);
        assertEquals(0, service.runOnce().fired(), "indexed, none due yet");
        assertEquals(Map.of(0, List.of(), 1, List.of(), 2, List.of()), delivered());

        clock.advance(500 + count - 1);
        assertEquals(count, service.runOnce().fired());
        assertEquals(expected, delivered());
        clock.advance(10_000);
        assertEquals(0, service.runOnce().fired(), "nothing fires twice");
        assertEquals(expected, delivered());
    }

    @Test
    void whileTheStoreRefusesAppendsNoTimerIsLostAndEachFiresOnceAfterwards() {
        int count = FiringBatch.MAX_TIMERS + 10;
        Map<Integer, List<String>> expected = parkTimers(count);
        service.runOnce();
        clock.advance(500 + count);

        refusal = "maintenance";
        assertEquals(0, service.runOnce().fired());
        assertEquals(0, service.runOnce().fired(), "retried, still refused");
        refusal = null;
        assertEquals(Map.of(0, List.of(), 1, List.of(), 2, List.of()), delivered(), "nothing appended meanwhile");

        assertEquals(count, service.runOnce().fired(), "all put back and fired once the store accepts");
        assertEquals(expected, delivered());
        assertEquals(0, service.runOnce().fired());
        assertEquals(expected, delivered());
    }
}
