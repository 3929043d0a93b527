package org.tidemq.broker.schedule;

import org.tidemq.broker.ManualClock;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.TestBrokers;
import org.tidemq.broker.config.BrokerConfig;
import org.tidemq.broker.config.DelayLevels;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.protocol.TopicNames;
import org.tidemq.store.DefaultMessageStore;
import org.tidemq.store.PutMessageResult;
import org.tidemq.store.message.MessageToStore;

/** Delivery of parked messages on a real store with a hand-moved clock: passes are run directly, nothing sleeps. */
class ScheduleMessageServiceTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final InetSocketAddress HOST = new InetSocketAddress(InetAddress.getLoopbackAddress(), 10911);
    private static final DelayLevels LEVELS = DelayLevels.parse("1s 5s 10s");

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(T0);
    private BrokerConfig config;
    private DefaultMessageStore store;
    private ScheduleMessageService service;

    @BeforeEach
    void open() throws Exception {
        config = TestBrokers.config(dir, Map.of());
        store = DefaultMessageStore.open(config.store(), clock);
        service = newService();
    }

    @AfterEach
    void close() throws Exception {
        service.shutdown();
        store.shutdown();
    }

    private ScheduleMessageService newService() throws Exception {
        return new ScheduleMessageService(store, LEVELS,
                DelayOffsetTable.load(config.store().storePathRootDir(), clock::millis), clock::millis);
    }

    /** Parks {@code body} for TopicD queue {@code realQueue} at {@code level}; returns the store time. */
    private long park(String body, int level, int realQueue) {
        Map<String, String> properties = new java.util.LinkedHashMap<>(Map.of(MessageProperties.KEYS, "k-" + body,
                MessageProperties.TAGS, "TagD", MessageProperties.UNIQ_KEY, "U-" + body, "custom", "v-" + body));
        properties.put(ScheduleProperties.DELAY, Integer.toString(level));
        ParkedMessage parked = ParkedMessage.park("TopicD", realQueue, properties, level, LEVELS);
        ByteBuffer payload = ByteBuffer.allocateDirect(body.length());
        payload.put(body.getBytes(StandardCharsets.UTF_8)).flip();
        long expectedEntries = store.getMaxOffsetInQueue(TopicNames.SCHEDULE_TOPIC, parked.queueId()) + 1;
        PutMessageResult put = store.putMessage(new MessageToStore(parked.topic(), parked.queueId(), 7, 0,
                T0 - 5, HOST, HOST, 2, 0, parked.properties(), payload, false));
        assertTrue(put.isAppended(), put.toString());
        await().until(() -> store.getMaxOffsetInQueue(TopicNames.SCHEDULE_TOPIC, parked.queueId())
                == expectedEntries && store.getDispatchedPhyOffset() >= store.getMaxPhyOffset());
        return clock.millis();
    }

    private void awaitDispatched(String topic, int queueId, int count) {
        await().until(() -> store.getMaxOffsetInQueue(topic, queueId) == count);
    }

    @Test
    void nothingIsDeliveredBeforeItsDueTime() {
        park("early", 1, 0);

        clock.advance(999);
        assertEquals(0, service.deliverDue());
        assertEquals(0, store.getMaxOffsetInQueue("TopicD", 0));
        assertEquals(0, service.offsets().offset(1));

        clock.advance(1);
        assertEquals(1, service.deliverDue(), "due exactly at store time + 1 s");
        awaitDispatched("TopicD", 0, 1);
        assertEquals(1, service.offsets().offset(1));
    }

    @Test
    void dueMessagesReachTheRealTopicAndQueueWithContentIntact() {
        park("payload", 2, 3);
        clock.advance(5_000);

        assertEquals(1, service.deliverDue());

        awaitDispatched("TopicD", 3, 1);
        QueueContents.Read delivered = QueueContents.read(store, "TopicD", 3).get(0);
        assertEquals("payload", delivered.body());
        assertEquals(3, delivered.queueId());
        assertEquals(7, delivered.flag());
        assertEquals(2, delivered.reconsumeTimes());
        assertEquals(T0 - 5, delivered.bornTimestamp());
        assertEquals("k-payload", delivered.properties().get(MessageProperties.KEYS));
        assertEquals("TagD", delivered.properties().get(MessageProperties.TAGS));
        assertEquals("U-payload", delivered.properties().get(MessageProperties.UNIQ_KEY));
        assertEquals("v-payload", delivered.properties().get("custom"));
        assertFalse(delivered.properties().containsKey(ScheduleProperties.DELAY));
        assertFalse(delivered.properties().containsKey(ScheduleProperties.REAL_TOPIC));
        assertFalse(delivered.properties().containsKey(ScheduleProperties.REAL_QUEUE_ID));
    }

    @Test
    void eachLevelDeliversInDueTimeOrder() {
        park("a-level2", 2, 0);           // due T0 + 5000
        clock.advance(100);
        park("b-level1", 1, 0);           // due T0 + 1100
        clock.advance(100);
        park("c-level2", 2, 0);           // due T0 + 5200
        clock.advance(100);
        park("d-level1", 1, 0);           // due T0 + 1300

        clock.advance(1_100 - 300);       // now T0 + 1100
        assertEquals(1, service.deliverDue());
        clock.advance(200);               // T0 + 1300
        assertEquals(1, service.deliverDue());
        clock.advance(3_700);             // T0 + 5000
        assertEquals(1, service.deliverDue());
        clock.advance(199);               // T0 + 5199: c not yet
        assertEquals(0, service.deliverDue());
        clock.advance(1);
        assertEquals(1, service.deliverDue());

        awaitDispatched("TopicD", 0, 4);
        assertEquals(List.of("b-level1", "d-level1", "a-level2", "c-level2"),
                QueueContents.bodies(store, "TopicD", 0));
    }

    @Test
    void levelsAboveTheMaximumAreClampedToIt() {
        ParkedMessage parked = ParkedMessage.park("TopicD", 1, Map.of(ScheduleProperties.DELAY, "40"), 40, LEVELS);

        assertEquals(TopicNames.SCHEDULE_TOPIC, parked.topic());
        assertEquals(2, parked.queueId());
        assertEquals(3, parked.level());
        Map<String, String> properties = MessageProperties.decode(parked.properties());
        assertEquals("3", properties.get(ScheduleProperties.DELAY));
        assertEquals("TopicD", properties.get(ScheduleProperties.REAL_TOPIC));
        assertEquals("1", properties.get(ScheduleProperties.REAL_QUEUE_ID));
    }

    @Test
    void restartResumesFromDelayOffsetJsonWithoutDuplicatesOrLoss() throws Exception {
        park("first", 1, 0);
        park("second", 1, 0);
        clock.advance(500);
        park("third", 1, 0);              // due 500 ms after the others
        clock.advance(500);
        assertEquals(2, service.deliverDue());
        service.shutdown();

        Path file = DelayOffsetTable.fileIn(config.store().storePathRootDir());
        String json = Files.readString(file);
        assertTrue(json.contains("\"offsetTable\":{1:2}"), json);
        assertTrue(json.contains("\"dataVersion\":{"), json);

        store.shutdown();
        store = DefaultMessageStore.open(config.store(), clock);
        service = newService();
        assertEquals(2, service.offsets().offset(1));
        assertEquals(0, service.deliverDue(), "the delivered entries are not delivered again");

        clock.advance(500);
        assertEquals(1, service.deliverDue(), "the pending entry survives the restart");
        awaitDispatched("TopicD", 0, 3);
        assertEquals(List.of("first", "second", "third"), QueueContents.bodies(store, "TopicD", 0));
    }

    @Test
    void progressIsPersistedOnlyWhenItChanged() throws Exception {
        DelayOffsetTable offsets = service.offsets();
        assertFalse(offsets.persistIfChanged(), "nothing delivered yet");
        park("x", 1, 0);
        clock.advance(1_000);
        service.deliverDue();

        assertTrue(offsets.persistIfChanged());
        assertFalse(offsets.persistIfChanged());
        assertEquals("{1:1}", new String(offsets.encode(), StandardCharsets.UTF_8)
                .replaceAll(".*\"offsetTable\":(\\{[^}]*}).*", "$1"));
    }
}
