package org.tidemq.broker.admin;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.RemotingSerializable;
import org.apache.rocketmq.remoting.protocol.admin.ConsumeStats;
import org.apache.rocketmq.remoting.protocol.admin.OffsetWrapper;
import org.apache.rocketmq.remoting.protocol.body.ConsumerOffsetSerializeWrapper;
import org.apache.rocketmq.remoting.protocol.body.GroupList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tidemq.common.protocol.TopicConfig;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

/** Consumer progress requests against a real broker, decoded with the official classes. */
class ConsumeProgressProcessorTest extends RunningBrokerTest {

    @BeforeEach
    void storeMessagesAndCommitAnOffset() throws Exception {
        broker.topics().updateTopicConfig(new TopicConfig("ProgressTopic", 2, 2, 6));
        for (int i = 0; i < 4; i++) {
            assertEquals(ResponseCode.SUCCESS, client.sendV2("ProgressTopic", 0, "m" + i, Map.of()).code());
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> broker.store().getMaxOffsetInQueue("ProgressTopic", 0) == 4);
        broker.offsets().commitOffset("CG_P", "ProgressTopic", 0, 3);
    }


    private ConsumeStats consumeStats(RemotingCommand request) throws Exception {
        RemotingCommand response = client.call(request);
        assertEquals(ResponseCode.SUCCESS, response.code(), response.remark());
        return RemotingSerializable.decode(response.bodyBytes(), ConsumeStats.class);
    }

    @Test
    void consumeStatsReportBrokerAndConsumerOffsetsPerQueue() throws Exception {
        ConsumeStats stats = consumeStats(RemotingCommand.request(RequestCode.GET_CONSUME_STATS)
                .putField("consumerGroup", "CG_P").putField("topic", "ProgressTopic"));

        assertEquals(2, stats.getOffsetTable().size());
        OffsetWrapper q0 = stats.getOffsetTable().get(new MessageQueue("ProgressTopic", "broker-a", 0));
        assertEquals(4, q0.getBrokerOffset());
        assertEquals(3, q0.getConsumerOffset());
        assertEquals(broker.store().getMessageStoreTimestamp("ProgressTopic", 0, 2), q0.getLastTimestamp());
        assertTrue(q0.getLastTimestamp() > 0);
        OffsetWrapper q1 = stats.getOffsetTable().get(new MessageQueue("ProgressTopic", "broker-a", 1));
        assertEquals(0, q1.getBrokerOffset());
        assertEquals(0, q1.getConsumerOffset());
        assertEquals(1, stats.computeTotalDiff());
    }

    @Test
    void consumeStatsWithoutTopicCoverTheGroupsCommittedTopics() throws Exception {
        ConsumeStats stats = consumeStats(RemotingCommand.request(RequestCode.GET_CONSUME_STATS)
                .putField("consumerGroup", "CG_P"));
        assertEquals(2, stats.getOffsetTable().size());

        ConsumeStats none = consumeStats(RemotingCommand.request(RequestCode.GET_CONSUME_STATS)
                .putField("consumerGroup", "CG_NOBODY"));
        assertTrue(none.getOffsetTable().isEmpty());
    }

    @Test
    void topicConsumedByListsGroupsWithOffsets() throws Exception {
        broker.offsets().commitOffset("CG_Q", "ProgressTopic", 1, 0);

        RemotingCommand response = client.call(RemotingCommand.request(RequestCode.QUERY_TOPIC_CONSUME_BY_WHO)
                .putField("topic", "ProgressTopic"));

        assertEquals(ResponseCode.SUCCESS, response.code(), response.remark());
        GroupList groups = RemotingSerializable.decode(response.bodyBytes(), GroupList.class);
        assertEquals(java.util.Set.of("CG_P", "CG_Q"), groups.getGroupList());
    }

    @Test
    void allConsumerOffsetsUseTopicAtGroupKeys() throws Exception {
        RemotingCommand response = client.call(RemotingCommand.request(RequestCode.GET_ALL_CONSUMER_OFFSET));

        assertEquals(ResponseCode.SUCCESS, response.code(), response.remark());
        assertTrue(response.bodyText().contains("\"ProgressTopic@CG_P\":{0:3}"), response.bodyText());
        ConsumerOffsetSerializeWrapper wrapper = RemotingSerializable.decode(response.bodyBytes(),
                ConsumerOffsetSerializeWrapper.class);
        assertEquals(3L, wrapper.getOffsetTable().get("ProgressTopic@CG_P").get(0));
    }

    @Test
    void missingGroupIsNamed() throws Exception {
        RemotingCommand response = client.call(RemotingCommand.request(RequestCode.GET_CONSUME_STATS));

        assertEquals(ResponseCode.SYSTEM_ERROR, response.code());
        assertTrue(response.remark().contains("consumerGroup"), response.remark());
    }
}
