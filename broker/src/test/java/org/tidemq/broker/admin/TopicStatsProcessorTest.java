package org.tidemq.broker.admin;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.RemotingSerializable;
import org.apache.rocketmq.remoting.protocol.admin.TopicOffset;
import org.apache.rocketmq.remoting.protocol.admin.TopicStatsTable;
import org.junit.jupiter.api.Test;
import org.tidemq.common.protocol.TopicConfig;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

/** GET_TOPIC_STATS_INFO against a real broker, decoded with the official TopicStatsTable (object keys). */
class TopicStatsProcessorTest extends RunningBrokerTest {



    @Test
    void reportsOffsetsAndLastStoreTimePerWriteQueue() throws Exception {
        broker.topics().updateTopicConfig(new TopicConfig("StatsTopic", 3, 3, 6));
        for (int i = 0; i < 2; i++) {
            assertEquals(ResponseCode.SUCCESS, client.sendV2("StatsTopic", 1, "m" + i, Map.of()).code());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.store().getMaxOffsetInQueue("StatsTopic", 1) == 2);

        RemotingCommand response = client.call(RemotingCommand.request(RequestCode.GET_TOPIC_STATS_INFO)
                .putField("topic", "StatsTopic"));

        assertEquals(ResponseCode.SUCCESS, response.code(), response.remark());
        assertTrue(response.bodyText().startsWith("{\"offsetTable\":{{\"brokerName\":\"broker-a\",\"queueId\":0,"),
                response.bodyText());
        TopicStatsTable stats = RemotingSerializable.decode(response.bodyBytes(), TopicStatsTable.class);
        assertEquals(3, stats.getOffsetTable().size());
        TopicOffset written = stats.getOffsetTable().get(new MessageQueue("StatsTopic", "broker-a", 1));
        assertEquals(0, written.getMinOffset());
        assertEquals(2, written.getMaxOffset());
        assertEquals(broker.store().getMessageStoreTimestamp("StatsTopic", 1, 1), written.getLastUpdateTimestamp());
        assertTrue(written.getLastUpdateTimestamp() > 0);
        TopicOffset empty = stats.getOffsetTable().get(new MessageQueue("StatsTopic", "broker-a", 2));
        assertEquals(0, empty.getMaxOffset());
        assertEquals(0, empty.getLastUpdateTimestamp());
    }

    @Test
    void unknownTopicIsTopicNotExist() throws Exception {
        RemotingCommand response = client.call(RemotingCommand.request(RequestCode.GET_TOPIC_STATS_INFO)
                .putField("topic", "NoSuchTopic"));

        assertEquals(ResponseCode.TOPIC_NOT_EXIST, response.code());
        assertTrue(response.remark().contains("NoSuchTopic"), response.remark());
    }
}
