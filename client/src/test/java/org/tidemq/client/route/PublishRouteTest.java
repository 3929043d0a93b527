package org.tidemq.client.route;

import org.junit.jupiter.api.Test;
import org.tidemq.client.MessageQueue;
import org.tidemq.common.protocol.TopicRouteData;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PublishRouteTest {
    /** fastjson style: unquoted broker-id keys, as old-version requests get them. */
    static final String ROUTE = """
            {"brokerDatas":[
              {"brokerAddrs":{0:"10.0.0.2:10911",1:"10.0.0.3:10911"},"brokerName":"broker-b","cluster":"c"},
              {"brokerAddrs":{0:"10.0.0.1:10911"},"brokerName":"broker-a","cluster":"c"},
              {"brokerAddrs":{1:"10.0.0.9:10911"},"brokerName":"broker-slave-only","cluster":"c"},
              {"brokerAddrs":{0:"10.0.0.4:10911"},"brokerName":"broker-readonly","cluster":"c"}],
             "filterServerTable":{},
             "queueDatas":[
              {"brokerName":"broker-b","perm":6,"readQueueNums":3,"topicSysFlag":0,"writeQueueNums":3},
              {"brokerName":"broker-a","perm":7,"readQueueNums":2,"topicSysFlag":0,"writeQueueNums":2},
              {"brokerName":"broker-slave-only","perm":6,"readQueueNums":4,"topicSysFlag":0,"writeQueueNums":4},
              {"brokerName":"broker-readonly","perm":4,"readQueueNums":4,"topicSysFlag":0,"writeQueueNums":4}]}
            """;

    static TopicRouteData route(String json) {
        return TopicRouteData.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keepsWritableQueuesOfBrokersWithAMasterInBrokerOrder() {
        PublishRoute publish = PublishRoute.of("T", route(ROUTE));

        assertEquals(List.of(new MessageQueue("T", "broker-a", 0), new MessageQueue("T", "broker-a", 1),
                new MessageQueue("T", "broker-b", 0), new MessageQueue("T", "broker-b", 1),
                new MessageQueue("T", "broker-b", 2)), publish.queues());
        assertEquals(Map.of("broker-a", "10.0.0.1:10911", "broker-b", "10.0.0.2:10911"), publish.masterAddrs());
        assertNull(publish.masterAddr("broker-slave-only"));
        assertFalse(publish.fromTemplate());
    }

    @Test
    void templateRouteUsesAtMostTheDefaultQueueCountPerBroker() {
        PublishRoute publish = PublishRoute.fromTemplate("NewTopic", route(ROUTE), 4);

        assertTrue(publish.fromTemplate());
        assertEquals(2, publish.queues().stream().filter(q -> q.brokerName().equals("broker-a")).count());
        assertEquals(3, publish.queues().stream().filter(q -> q.brokerName().equals("broker-b")).count());
        assertTrue(publish.queues().stream().allMatch(q -> q.topic().equals("NewTopic")));

        PublishRoute narrowed = PublishRoute.fromTemplate("NewTopic", route(ROUTE), 1);
        assertEquals(List.of(new MessageQueue("NewTopic", "broker-a", 0), new MessageQueue("NewTopic", "broker-b", 0)),
                narrowed.queues());
    }

    @Test
    void orderTopicConfDecidesQueueCounts() {
        PublishRoute publish = PublishRoute.of("T", route(ROUTE).withOrderTopicConf("broker-b:2;broker-a:1;bad;x:y"));

        assertEquals(List.of(new MessageQueue("T", "broker-b", 0), new MessageQueue("T", "broker-b", 1),
                new MessageQueue("T", "broker-a", 0)), publish.queues());
    }

    @Test
    void noPublishableBrokerMeansEmpty() {
        String readOnly = """
                {"brokerDatas":[{"brokerAddrs":{"0":"10.0.0.4:10911"},"brokerName":"b","cluster":"c"}],
                 "queueDatas":[{"brokerName":"b","perm":4,"readQueueNums":4,"writeQueueNums":4}]}""";
        assertTrue(PublishRoute.of("T", route(readOnly)).isEmpty());
    }
}
