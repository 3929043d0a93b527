package org.tidemq.broker.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.apache.rocketmq.remoting.protocol.RemotingSerializable;
import org.apache.rocketmq.remoting.protocol.body.TopicList;
import org.junit.jupiter.api.Test;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

/** GET_SYSTEM_TOPIC_LIST_FROM_BROKER and QUERY_TOPICS_BY_CONSUMER, decoded with the official TopicList. */
class TopicListProcessorTest extends RunningBrokerTest {

    private TopicList call(RemotingCommand request) throws Exception {
        RemotingCommand response = client.call(request);
        assertEquals(ResponseCode.SUCCESS, response.code(), response.remark());
        return RemotingSerializable.decode(response.bodyBytes(), TopicList.class);
    }

    @Test
    void systemTopicsIncludeRocketMqsFixedOnesAndThisBrokersStockTopics() throws Exception {
        TopicList list = call(RemotingCommand.request(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_BROKER));

        assertTrue(list.getTopicList().containsAll(Set.of("TBW102", "SCHEDULE_TOPIC_XXXX", "RMQ_SYS_TRANS_HALF_TOPIC",
                "DefaultCluster", "broker-a", "DefaultCluster_REPLY_TOPIC", "OFFSET_MOVED_EVENT")),
                list.getTopicList().toString());
        assertTrue(list.getTopicList().stream().noneMatch(t -> t.startsWith("%RETRY%")));
        assertNull(list.getBrokerAddr());
    }

    @Test
    void topicsByConsumerAreTheTopicsTheGroupHasOffsetsOn() throws Exception {
        broker.offsets().commitOffset("CG_T", "TopicA", 0, 3);
        broker.offsets().commitOffset("CG_T", "TopicB", 1, 5);
        broker.offsets().commitOffset("OTHER", "TopicC", 0, 1);

        TopicList list = call(RemotingCommand.request(RequestCode.QUERY_TOPICS_BY_CONSUMER).putField("group", "CG_T"));

        assertEquals(Set.of("TopicA", "TopicB"), list.getTopicList());
        assertEquals(broker.brokerAddr(), list.getBrokerAddr());
    }
}
