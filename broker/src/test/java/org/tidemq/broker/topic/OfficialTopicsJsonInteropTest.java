package org.tidemq.broker.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.rocketmq.remoting.protocol.RemotingSerializable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.config.BrokerIdentityConfig;
import org.tidemq.broker.config.BrokerRole;
import org.tidemq.broker.config.TopicGroupConfig;
import org.tidemq.common.protocol.TopicConfig;
import org.tidemq.common.protocol.TopicFilterType;

/** topics.json as TideMQ writes it, read by the official 5.2.0 classes (fastjson), and the reverse. */
class OfficialTopicsJsonInteropTest {

    @TempDir
    Path root;

    private static final BrokerIdentityConfig BROKER_A =
            new BrokerIdentityConfig("DefaultCluster", "broker-a", 0, BrokerRole.ASYNC_MASTER, 6);

    @Test
    void officialClassesReadOurFile() throws IOException {
        TopicConfigManager m = TopicConfigManager.load(BROKER_A, TopicGroupConfig.defaults(), root, () -> 1234L);
        m.updateTopicConfig(new TopicConfig("Orders", 4, 2, 6, TopicFilterType.MULTI_TAG, 1, true,
                Map.of("+message.type", "FIFO")));
        String text = Files.readString(m.file());

        org.apache.rocketmq.remoting.protocol.body.TopicConfigSerializeWrapper official = RemotingSerializable.fromJson(
                text, org.apache.rocketmq.remoting.protocol.body.TopicConfigSerializeWrapper.class);
        assertEquals(1, official.getDataVersion().getCounter().get());
        assertEquals(1234L, official.getDataVersion().getTimestamp());
        assertEquals(m.topics().keySet(), official.getTopicConfigTable().keySet());
        org.apache.rocketmq.common.TopicConfig orders = official.getTopicConfigTable().get("Orders");
        assertEquals(4, orders.getReadQueueNums());
        assertEquals(2, orders.getWriteQueueNums());
        assertEquals(6, orders.getPerm());
        assertEquals("MULTI_TAG", orders.getTopicFilterType().name());
        assertEquals(1, orders.getTopicSysFlag());
        assertEquals(true, orders.isOrder());
        assertEquals(Map.of("+message.type", "FIFO"), orders.getAttributes());
        assertEquals(7, official.getTopicConfigTable().get("TBW102").getPerm());
    }

    @Test
    void weReadTheOfficialClassesPrettyOutput() throws IOException {
        org.apache.rocketmq.remoting.protocol.body.TopicConfigSerializeWrapper official =
                new org.apache.rocketmq.remoting.protocol.body.TopicConfigSerializeWrapper();
        org.apache.rocketmq.common.TopicConfig topic = new org.apache.rocketmq.common.TopicConfig("FromRocketMq", 3, 5, 4);
        official.getTopicConfigTable().put(topic.getTopicName(), topic);
        official.getDataVersion().nextVersion();
        Files.createDirectories(root.resolve("config"));
        // RocketMQ's ConfigManager persists with prettyFormat = true.
        Files.writeString(root.resolve("config/topics.json"), official.toJson(true), StandardCharsets.UTF_8);

        TopicConfigManager m = TopicConfigManager.load(BROKER_A, TopicGroupConfig.defaults(), root, () -> 1L);
        assertEquals(new TopicConfig("FromRocketMq", 3, 5, 4), m.select("FromRocketMq"));
        assertEquals(official.getDataVersion().getCounter().get(), m.dataVersion().counter());
        assertEquals(official.getDataVersion().getTimestamp(), m.dataVersion().timestamp());
    }
}
