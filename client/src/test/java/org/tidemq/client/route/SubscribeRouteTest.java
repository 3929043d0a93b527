package org.tidemq.client.route;

import org.junit.jupiter.api.Test;
import org.tidemq.client.MessageQueue;
import org.tidemq.common.protocol.TopicRouteData;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SubscribeRouteTest {
    private static final String ROUTE = """
            {"brokerDatas":[
              {"brokerAddrs":{0:"10.0.0.2:10911",1:"10.0.0.2:10921"},"brokerName":"broker-b","cluster":"c"},
              {"brokerAddrs":{1:"10.0.0.3:10921"},"brokerName":"broker-c","cluster":"c"},
              {"brokerAddrs":{0:"10.0.0.1:10911"},"brokerName":"broker-a","cluster":"c"},
              {"brokerAddrs":{0:"10.0.0.4:10911"},"brokerName":"broker-w","cluster":"c"}],
             "queueDatas":[
              {"brokerName":"broker-b","perm":6,"readQueueNums":2,"writeQueueNums":4,"topicSysFlag":0},
              {"brokerName":"broker-c","perm":4,"readQueueNums":1,"writeQueueNums":1,"topicSysFlag":0},
              {"brokerName":"broker-a","perm":6,"readQueueNums":1,"writeQueueNums":1,"topicSysFlag":0},
              {"brokerName":"broker-w","perm":2,"readQueueNums":3,"writeQueueNums":3,"topicSysFlag":0}]}""";

    private final SubscribeRoute route = SubscribeRoute.of("T",
            TopicRouteData.decode(ROUTE.getBytes(StandardCharsets.UTF_8)));

    @Test
    void readableQueuesIncludeSlaveOnlyBrokersAndSkipWriteOnlyOnes() {
        assertEquals(List.of(new MessageQueue("T", "broker-a", 0), new MessageQueue("T", "broker-b", 0),
                new MessageQueue("T", "broker-b", 1), new MessageQueue("T", "broker-c", 0)), route.queues());
    }

    @Test
    void addressesCoverSlavesAndPreferTheSuggestedBroker() {
        assertEquals(List.of("10.0.0.1:10911", "10.0.0.2:10911", "10.0.0.2:10921", "10.0.0.3:10921",
                "10.0.0.4:10911"), route.allBrokerAddrs());
        assertEquals("10.0.0.2:10911", route.masterAddr("broker-b"));
        assertNull(route.masterAddr("broker-c"));
        assertEquals("10.0.0.2:10921", route.readAddr("broker-b", 1));
        assertEquals("10.0.0.2:10911", route.readAddr("broker-b", 7), "unknown id falls back to the master");
        assertEquals("10.0.0.3:10921", route.readAddr("broker-c", 0), "no master: any member");
        assertNull(route.readAddr("broker-x", 0));
    }
}
