package org.tidemq.broker.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.remoting.protocol.RemotingSerializable;
import org.apache.rocketmq.remoting.protocol.body.Connection;
import org.apache.rocketmq.remoting.protocol.body.ConsumerConnection;
import org.apache.rocketmq.remoting.protocol.body.GroupList;
import org.apache.rocketmq.remoting.protocol.body.ProducerConnection;
import org.apache.rocketmq.remoting.protocol.heartbeat.ConsumeType;
import org.apache.rocketmq.remoting.protocol.heartbeat.ConsumerData;
import org.apache.rocketmq.remoting.protocol.heartbeat.HeartbeatData;
import org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel;
import org.apache.rocketmq.remoting.protocol.heartbeat.ProducerData;
import org.apache.rocketmq.remoting.protocol.heartbeat.SubscriptionData;
import org.junit.jupiter.api.Test;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

/** Connection lists of clients that sent an official heartbeat to a real broker. */
class ClientConnectionProcessorTest extends RunningBrokerTest {



    private void heartbeat() throws Exception {
        SubscriptionData subscription = new SubscriptionData("ConnTopic", "TagA || TagB");
        subscription.setTagsSet(Set.of("TagA", "TagB"));
        subscription.setCodeSet(Set.of("TagA".hashCode(), "TagB".hashCode()));
        subscription.setSubVersion(42);
        ConsumerData consumer = new ConsumerData();
        consumer.setGroupName("CG_CONN");
        consumer.setConsumeType(ConsumeType.CONSUME_PASSIVELY);
        consumer.setMessageModel(MessageModel.CLUSTERING);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET);
        consumer.getSubscriptionDataSet().add(subscription);
        ProducerData producer = new ProducerData();
        producer.setGroupName("PG_CONN");
        HeartbeatData heartbeat = new HeartbeatData();
        heartbeat.setClientID("127.0.0.1@conn-test");
        heartbeat.getConsumerDataSet().add(consumer);
        heartbeat.getProducerDataSet().add(producer);
        RemotingCommand response = client.call(RemotingCommand.request(RequestCode.HEART_BEAT)
                .setBody(heartbeat.encode()));
        assertEquals(ResponseCode.SUCCESS, response.code(), response.remark());
    }

    @Test
    void listsConsumerConnectionsWithSubscriptions() throws Exception {
        heartbeat();

        RemotingCommand response = client.call(RemotingCommand.request(RequestCode.GET_CONSUMER_CONNECTION_LIST)
                .putField("consumerGroup", "CG_CONN"));

        assertEquals(ResponseCode.SUCCESS, response.code(), response.remark());
        ConsumerConnection connections = RemotingSerializable.decode(response.bodyBytes(), ConsumerConnection.class);
        assertEquals(1, connections.getConnectionSet().size());
        Connection connection = connections.getConnectionSet().iterator().next();
        assertEquals("127.0.0.1@conn-test", connection.getClientId());
        assertTrue(connection.getClientAddr().startsWith("127.0.0.1:"), connection.getClientAddr());
        assertEquals(ConsumeType.CONSUME_PASSIVELY, connections.getConsumeType());
        assertEquals(MessageModel.CLUSTERING, connections.getMessageModel());
        assertEquals(ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET, connections.getConsumeFromWhere());
        SubscriptionData subscription = connections.getSubscriptionTable().get("ConnTopic");
        assertEquals(Set.of("TagA", "TagB"), subscription.getTagsSet());
        assertEquals(Set.of("TagA".hashCode(), "TagB".hashCode()), subscription.getCodeSet());
        assertEquals(42, subscription.getSubVersion());
    }

    @Test
    void topicConsumedByIncludesOnlineSubscribersWithoutOffsets() throws Exception {
        heartbeat();

        RemotingCommand response = client.call(RemotingCommand.request(RequestCode.QUERY_TOPIC_CONSUME_BY_WHO)
                .putField("topic", "ConnTopic"));

        assertEquals(ResponseCode.SUCCESS, response.code(), response.remark());
        assertEquals(Set.of("CG_CONN"),
                RemotingSerializable.decode(response.bodyBytes(), GroupList.class).getGroupList());
    }

    @Test
    void listsProducerConnections() throws Exception {
        heartbeat();

        RemotingCommand response = client.call(RemotingCommand.request(RequestCode.GET_PRODUCER_CONNECTION_LIST)
                .putField("producerGroup", "PG_CONN"));

        assertEquals(ResponseCode.SUCCESS, response.code(), response.remark());
        ProducerConnection connections = RemotingSerializable.decode(response.bodyBytes(), ProducerConnection.class);
        assertEquals(1, connections.getConnectionSet().size());
        assertEquals("127.0.0.1@conn-test", connections.getConnectionSet().iterator().next().getClientId());
    }

    @Test
    void unknownGroupsAreReported() throws Exception {
        RemotingCommand consumer = client.call(RemotingCommand.request(RequestCode.GET_CONSUMER_CONNECTION_LIST)
                .putField("consumerGroup", "CG_NONE"));
        assertEquals(ResponseCode.CONSUMER_NOT_ONLINE, consumer.code());
        assertTrue(consumer.remark().contains("CG_NONE"), consumer.remark());

        RemotingCommand producer = client.call(RemotingCommand.request(RequestCode.GET_PRODUCER_CONNECTION_LIST)
                .putField("producerGroup", "PG_NONE"));
        assertEquals(ResponseCode.SYSTEM_ERROR, producer.code());
        assertTrue(producer.remark().contains("PG_NONE"), producer.remark());
    }
}
