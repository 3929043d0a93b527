package org.tidemq.broker.ha.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.TestBrokers;
import org.tidemq.broker.config.BrokerConfig;
import org.tidemq.broker.topic.TopicConfigManager;
import org.tidemq.common.protocol.Perm;
import org.tidemq.common.protocol.TopicConfig;
import org.tidemq.common.protocol.TopicFilterType;
import org.tidemq.store.dispatch.DispatchRequest;

class TopicsFromCommitLogTest {
    @TempDir
    Path dir;

    private static DispatchRequest record(String topic, int queueId, long commitLogOffset) {
        return new DispatchRequest(topic, queueId, commitLogOffset, 100, 0, 1L, 0, null, null, 0, 0);
    }

    @Test
    void createsMissingTopicsWidensNarrowOnesAndLeavesCoveredOnesAlone() throws Exception {
        BrokerConfig config = TestBrokers.config(dir, Map.of());
        TopicConfigManager topics = TopicConfigManager.load(config.identity(), config.topics(),
                config.store().storePathRootDir(), () -> 1L);
        topics.updateTopicConfig(new TopicConfig("Narrow", 2, 2, Perm.READ, TopicFilterType.SINGLE_TAG, 0, true,
                Map.of()));
        AtomicInteger registrations = new AtomicInteger();
        TopicsFromCommitLog dispatcher = new TopicsFromCommitLog(topics, registrations::incrementAndGet);

        dispatcher.dispatch(record("New", 1, 0));
        TopicConfig created = topics.select("New");
        assertEquals(TopicsFromCommitLog.MIN_DERIVED_QUEUES, created.readQueueNums());
        assertEquals(TopicsFromCommitLog.MIN_DERIVED_QUEUES, created.writeQueueNums());
        assertEquals(Perm.READ_WRITE, created.perm());
        assertEquals(1, registrations.get());

        dispatcher.dispatch(record("New", 3, 100));
        dispatcher.dispatch(record("Narrow", 1, 200));
        assertEquals(1, registrations.get(), "covered queue ids change nothing");

        dispatcher.dispatch(record("Narrow", 6, 300));
        TopicConfig widened = topics.select("Narrow");
        assertEquals(7, widened.readQueueNums());
        assertEquals(7, widened.writeQueueNums());
        assertEquals(Perm.READ, widened.perm(), "the master's perm and flags are kept");
        assertEquals(true, widened.order());
        assertEquals(2, registrations.get());

        dispatcher.dispatch(record("bad topic name!", 0, 400));
        assertNull(topics.select("bad topic name!"), "an invalid name is logged, not created");
        assertEquals(2, registrations.get());

        TopicConfigManager reloaded = TopicConfigManager.load(config.identity(), config.topics(),
                config.store().storePathRootDir(), () -> 2L);
        assertEquals(7, reloaded.select("Narrow").readQueueNums(), "derived configs are persisted");
        assertEquals(TopicsFromCommitLog.MIN_DERIVED_QUEUES, reloaded.select("New").readQueueNums());
    }
}
