package org.tidemq.broker.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.config.BrokerIdentityConfig;
import org.tidemq.broker.config.BrokerRole;
import org.tidemq.broker.config.TopicGroupConfig;
import org.tidemq.broker.persist.ConfigFileException;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonReader;
import org.tidemq.common.protocol.DataVersion;
import org.tidemq.common.protocol.Perm;
import org.tidemq.common.protocol.TopicConfig;
import org.tidemq.common.protocol.TopicConfigSerializeWrapper;
import org.tidemq.common.protocol.TopicFilterType;

class TopicConfigManagerTest {

    @TempDir
    Path root;

    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private static final BrokerIdentityConfig BROKER_A =
            new BrokerIdentityConfig("DefaultCluster", "broker-a", 0, BrokerRole.ASYNC_MASTER, 6);

    private TopicConfigManager load(TopicGroupConfig topics) throws ConfigFileException {
        return TopicConfigManager.load(BROKER_A, topics, root, clock::get);
    }

    private TopicConfigManager load() throws ConfigFileException {
        return load(TopicGroupConfig.defaults());
    }

    private static void assertTopic(TopicConfigManager m, String topic, int queues, int perm) {
        TopicConfig config = m.select(topic);
        assertTrue(config != null, topic + " missing");
        assertEquals(queues, config.readQueueNums(), topic);
        assertEquals(queues, config.writeQueueNums(), topic);
        assertEquals(perm, config.perm(), topic);
    }

    @Test
    void systemTopicsAreCreatedAsRocketMqDoes() throws IOException {
        TopicConfigManager m = load();
        assertEquals(Set.of("SELF_TEST_TOPIC", "TBW102", "BenchmarkTest", "DefaultCluster", "broker-a",
                "OFFSET_MOVED_EVENT", "SCHEDULE_TOPIC_XXXX", "DefaultCluster_REPLY_TOPIC", "RMQ_SYS_TRANS_HALF_TOPIC",
                "RMQ_SYS_TRANS_OP_HALF_TOPIC"), m.topics().keySet());
        assertTopic(m, "TBW102", 8, 7);
        assertTopic(m, "DefaultCluster", 16, 7);
        assertTopic(m, "broker-a", 1, 7);
        assertTopic(m, "SCHEDULE_TOPIC_XXXX", 18, 6);
        assertTopic(m, "SELF_TEST_TOPIC", 1, 6);
        assertTopic(m, "OFFSET_MOVED_EVENT", 1, 6);
        assertTopic(m, "RMQ_SYS_TRANS_HALF_TOPIC", 1, 6);
        assertTopic(m, "RMQ_SYS_TRANS_OP_HALF_TOPIC", 1, 6);
        assertTopic(m, "DefaultCluster_REPLY_TOPIC", 1, 6);
        assertTopic(m, "BenchmarkTest", 1024, 6);
        assertEquals(new DataVersion(0, clock.get(), 0), m.dataVersion());
        assertFalse(Files.exists(m.file()), "loading does not write");
    }

    @Test
    void systemTopicsFollowTheFlags() throws IOException {
        TopicConfigManager m = load(new TopicGroupConfig(false, true, 4, false, false, true, "MyTrace"));
        assertNull(m.select("TBW102"), "no TBW102 without autoCreateTopicEnable");
        assertTopic(m, "DefaultCluster", 16, Perm.INHERIT);
        assertTopic(m, "broker-a", 1, Perm.INHERIT);
        assertTopic(m, "MyTrace", 1, 6);
        TopicConfigManager small = TopicConfigManager.load(BROKER_A,
                new TopicGroupConfig(true, true, 4, true, true, false, "RMQ_SYS_TRACE_TOPIC"), root.resolve("b"), clock::get);
        assertTopic(small, "TBW102", 4, 7);
    }

    @Test
    void updatesAndDeletesArePersistedAndVersioned() throws IOException {
        TopicConfigManager m = load();
        TopicConfig orders = new TopicConfig("Orders", 4, 4, 6, TopicFilterType.SINGLE_TAG, 0, true,
                Map.of("+message.type", "NORMAL"));
        clock.set(1_700_000_000_500L);
        m.updateTopicConfig(orders);
        assertEquals(new DataVersion(0, 1_700_000_000_500L, 1), m.dataVersion());
        m.updateTopicConfig(new TopicConfig("Doomed", 2, 2, 6));
        assertTrue(m.deleteTopicConfig("Doomed"));
        assertFalse(m.deleteTopicConfig("Doomed"));
        assertEquals(3, m.dataVersion().counter());

        TopicConfigManager reloaded = load();
        assertEquals(orders, reloaded.select("Orders"));
        assertNull(reloaded.select("Doomed"));
        assertEquals(m.dataVersion(), reloaded.dataVersion());
        assertEquals(m.topics(), reloaded.topics());
    }

    @Test
    void fileIsRocketMqTopicsJson() throws IOException {
        TopicConfigManager m = load();
        m.updateTopicConfig(new TopicConfig("Orders", 4, 2, 6));
        assertEquals(root.resolve("config").resolve("topics.json"), m.file());
        JsonObject json = JsonReader.parseObject(Files.readAllBytes(m.file()));
        assertEquals(Set.of("dataVersion", "topicConfigTable"), json.members().keySet());
        assertEquals(1, json.object("dataVersion").longValue("counter", -1));
        JsonObject orders = json.object("topicConfigTable").object("Orders");
        assertEquals(4, orders.intValue("readQueueNums", -1));
        assertEquals(2, orders.intValue("writeQueueNums", -1));
        assertEquals("SINGLE_TAG", orders.string("topicFilterType"));
        assertEquals(11, json.object("topicConfigTable").size(), "system topics are persisted too");
    }

    @Test
    void loadsAFastjsonWrittenTopicsJson() throws IOException {
        // Shape of a RocketMQ 5.2.0 topics.json (pretty-printed by fastjson), trimmed to two topics.
        Files.createDirectories(root.resolve("config"));
        Files.writeString(root.resolve("config/topics.json"), """
                {
                	"dataVersion":{
                		"counter":12,
                		"stateVersion":0,
                		"timestamp":1699999999999
                	},
                	"topicConfigTable":{
                		"TopicTest":{
                			"attributes":{},
                			"order":false,
                			"perm":6,
                			"readQueueNums":4,
                			"topicFilterType":"SINGLE_TAG",
                			"topicName":"TopicTest",
                			"topicSysFlag":0,
                			"writeQueueNums":4
                		},
                		"SCHEDULE_TOPIC_XXXX":{
                			"perm":4,
                			"readQueueNums":18,
                			"topicName":"SCHEDULE_TOPIC_XXXX",
                			"writeQueueNums":18
                		}
                	}
                }
                """);
        TopicConfigManager m = load();
        assertEquals(new DataVersion(0, 1699999999999L, 12), m.dataVersion());
        assertEquals(new TopicConfig("TopicTest", 4, 4, 6), m.select("TopicTest"));
        assertTopic(m, "SCHEDULE_TOPIC_XXXX", 18, 4);
        assertTopic(m, "TBW102", 8, 7);
    }

    @Test
    void corruptFileIsAClearErrorUnlessTheBackupRescuesIt() throws IOException {
        TopicConfigManager m = load();
        m.updateTopicConfig(new TopicConfig("First", 1, 1, 6));
        m.updateTopicConfig(new TopicConfig("Second", 1, 1, 6));
        Files.writeString(m.file(), "{\"topicConfigTable\":{\"x\":");

        TopicConfigManager fromBackup = load();
        assertTopic(fromBackup, "First", 1, 6);
        assertNull(fromBackup.select("Second"), "the backup holds the version before the last write");

        Files.delete(root.resolve("config/topics.json.bak"));
        ConfigFileException e = assertThrows(ConfigFileException.class, this::load);
        assertTrue(e.getMessage().contains(m.file().toString()), e.getMessage());
    }

    @Test
    void explicitPersistWritesTheCurrentTableWithoutANewVersion() throws IOException {
        TopicConfigManager m = load();
        m.persist();
        TopicConfigSerializeWrapper onDisk = TopicConfigSerializeWrapper.decode(Files.readAllBytes(m.file()));
        assertEquals(m.topics(), onDisk.topicConfigTable());
        assertEquals(new DataVersion(0, clock.get(), 0), onDisk.dataVersion());
    }

    @Test
    void invalidTopicsAreRefusedAndNothingIsWritten() throws IOException {
        TopicConfigManager m = load();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.updateTopicConfig(new TopicConfig("bad topic", 1, 1, 6)));
        assertTrue(e.getMessage().contains("bad topic"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.updateTopicConfig(new TopicConfig("T", 1, 1, 8)));
        assertThrows(IllegalArgumentException.class, () -> m.updateTopicConfig(new TopicConfig("T", -1, 1, 6)));
        assertThrows(IllegalArgumentException.class,
                () -> m.updateTopicConfig(new TopicConfig("x".repeat(128), 1, 1, 6)));
        assertFalse(Files.exists(m.file()));
        assertEquals(0, m.dataVersion().counter());
    }

    @Test
    void failedWriteLeavesMemoryUnchanged() throws IOException {
        TopicConfigManager m = load();
        Files.writeString(root.resolve("config"), "a file where the config directory belongs");
        assertThrows(IOException.class, () -> m.updateTopicConfig(new TopicConfig("Lost", 1, 1, 6)));
        assertNull(m.select("Lost"));
        assertEquals(0, m.dataVersion().counter());
        assertThrows(IOException.class, () -> m.deleteTopicConfig("TBW102"));
        assertTopic(m, "TBW102", 8, 7);
    }

    @Test
    void autoCreateFollowsTheInheritableTemplate() throws IOException {
        TopicConfigManager m = load();
        assertEquals(Optional.of(new TopicConfig("Auto4", 4, 4, 6)),
                m.createTopicInSendMessage("Auto4", "TBW102", 4, 0));
        assertEquals(Optional.of(new TopicConfig("Auto16", 8, 8, 6)),
                m.createTopicInSendMessage("Auto16", "TBW102", 16, 0), "capped at the template's write queues");
        assertEquals(Optional.of(new TopicConfig("Auto4", 4, 4, 6)),
                m.createTopicInSendMessage("Auto4", "TBW102", 2, 0), "an existing topic is returned unchanged");

        m.updateTopicConfig(new TopicConfig("PlainTemplate", 8, 8, 6));
        assertEquals(Optional.empty(), m.createTopicInSendMessage("NoInherit", "PlainTemplate", 4, 0));
        assertEquals(Optional.empty(), m.createTopicInSendMessage("NoTemplate", "Missing", 4, 0));
        assertEquals(Optional.empty(), m.createTopicInSendMessage("bad name", "TBW102", 4, 0));
        assertEquals(Optional.empty(), m.createTopicInSendMessage("ZeroQueues", "TBW102", 0, 0));
        assertTopic(m, "broker-a", 1, 7);
        assertEquals(Optional.of(new TopicConfig("ToBroker", 1, 1, 6)),
                m.createTopicInSendMessage("ToBroker", "broker-a", 4, 0), "broker-name topic is a template too");

        TopicConfigManager reloaded = load();
        assertEquals(new TopicConfig("Auto16", 8, 8, 6), reloaded.select("Auto16"));
        assertNull(reloaded.select("NoInherit"));
    }

    @Test
    void staleTbw102DoesNotAutoCreateWhenDisabled() throws IOException {
        load().updateTopicConfig(new TopicConfig("Keep", 1, 1, 6));
        TopicConfigManager disabled = load(new TopicGroupConfig(false, true, 8, true, true, false,
                "RMQ_SYS_TRACE_TOPIC"));
        assertTopic(disabled, "TBW102", 8, 7);
        assertEquals(Optional.empty(), disabled.createTopicInSendMessage("Auto", "TBW102", 4, 0));
    }

    @Test
    void retryAndDlqTopicsHaveOneReadWriteQueue() throws IOException {
        TopicConfigManager m = load();
        TopicConfig retry = m.createRetryTopicIfAbsent("cg");
        assertEquals(new TopicConfig("%RETRY%cg", 1, 1, 6), retry);
        assertEquals(new TopicConfig("%DLQ%cg", 1, 1, 6), m.createDlqTopicIfAbsent("cg"));
        long counter = m.dataVersion().counter();
        assertEquals(retry, m.createRetryTopicIfAbsent("cg"));
        assertEquals(counter, m.dataVersion().counter(), "no change, no new version");
        assertTrue(GroupTopics.isRetryTopic("%RETRY%cg") && GroupTopics.isDlqTopic("%DLQ%cg"));
        assertEquals(retry, load().select("%RETRY%cg"));
    }

    @Test
    void serializeWrapperIsWhatRegisterBrokerSends() throws IOException {
        TopicConfigManager m = load();
        m.updateTopicConfig(new TopicConfig("Orders", 4, 4, 6));
        TopicConfigSerializeWrapper wrapper = m.buildSerializeWrapper();
        assertEquals(m.dataVersion(), wrapper.dataVersion());
        assertEquals(m.topics(), wrapper.topicConfigTable());
        assertTrue(wrapper.mappingDataVersion() != null, "5.x form");
        assertEquals(wrapper, TopicConfigSerializeWrapper.decode(wrapper.encode()));

        BrokerIdentityConfig readOnly = new BrokerIdentityConfig("DefaultCluster", "broker-a", 0,
                BrokerRole.ASYNC_MASTER, Perm.READ);
        TopicConfigSerializeWrapper masked = TopicConfigManager.load(readOnly, TopicGroupConfig.defaults(), root,
                clock::get).buildSerializeWrapper();
        assertEquals(Perm.READ, masked.topicConfigTable().get("TBW102").perm());
        assertEquals(Perm.READ, masked.topicConfigTable().get("Orders").perm());
    }

    @Test
    void concurrentChangesAreAllKept() throws Exception {
        TopicConfigManager m = load();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        m.createTopicInSendMessage("T" + thread + "_" + i, "TBW102", 4, 0);
                        m.createRetryTopicIfAbsent("G" + thread + "_" + i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(80, m.dataVersion().counter());
        assertEquals(10 + 80, m.topics().size());
        assertEquals(m.topics(), load().topics());
    }
}
