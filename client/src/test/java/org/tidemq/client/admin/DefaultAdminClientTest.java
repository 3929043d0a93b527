package org.tidemq.client.admin;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tidemq.client.FakeRemotingClient;
import org.tidemq.client.MessageQueue;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DefaultAdminClientTest {
    private static final String NAMESRV = "127.0.0.1:9876";
    private static final String A = "10.0.0.1:10911";
    private static final String B = "10.0.0.2:10911";
    private static final String CLUSTER = """
            {"brokerAddrTable":{
              "broker-a":{"brokerAddrs":{0:"10.0.0.1:10911",1:"10.0.0.1:10921"},"brokerName":"broker-a","cluster":"C1"},
              "broker-b":{"brokerAddrs":{0:"10.0.0.2:10911"},"brokerName":"broker-b","cluster":"C1"}},
             "clusterAddrTable":{"C1":["broker-a","broker-b"]}}""";
    private static final String ROUTE = """
            {"brokerDatas":[{"brokerAddrs":{0:"10.0.0.1:10911"},"brokerName":"broker-a","cluster":"C1"},
                            {"brokerAddrs":{0:"10.0.0.2:10911"},"brokerName":"broker-b","cluster":"C1"}],
             "queueDatas":[{"brokerName":"broker-a","perm":6,"readQueueNums":1,"writeQueueNums":1,"topicSysFlag":0},
                           {"brokerName":"broker-b","perm":6,"readQueueNums":1,"writeQueueNums":1,"topicSysFlag":0}]}""";

    private final FakeRemotingClient remoting = new FakeRemotingClient();
    private AdminClient admin;

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String brokerName(String address) {
        return address.equals(A) ? "broker-a" : "broker-b";
    }

    @BeforeEach
    void setUp() {
        remoting.on(RequestCode.GET_BROKER_CLUSTER_INFO, (a, r) -> FakeRemotingClient.answer(0, null, Map.of(),
                utf8(CLUSTER)));
        remoting.on(RequestCode.GET_ROUTEINFO_BY_TOPIC, (a, r) -> r.field("topic").startsWith("%RETRY%")
                ? FakeRemotingClient.answer(ResponseCode.TOPIC_NOT_EXIST, "No topic route", Map.of(), null)
                : FakeRemotingClient.answer(0, null, Map.of(), utf8(ROUTE)));
        admin = AdminClient.builder().namesrvAddr(NAMESRV).remotingClient(remoting).build();
    }

    @AfterEach
    void tearDown() {
        admin.close();
    }

    @Test
    void createsTopicsOnEveryMasterOfTheCluster() {
        admin.createOrUpdateTopic("C1", new TopicSpec("NewTopic", 4, 2, 6, true));

        List<FakeRemotingClient.Sent> creates = remoting.sent(RequestCode.UPDATE_AND_CREATE_TOPIC);
        assertEquals(Set.of(A, B), Set.of(creates.get(0).address(), creates.get(1).address()));
        FakeRemotingClient.Sent create = creates.get(0);
        assertEquals("NewTopic", create.field("topic"));
        assertEquals("TBW102", create.field("defaultTopic"));
        assertEquals("4", create.field("readQueueNums"));
        assertEquals("2", create.field("writeQueueNums"));
        assertEquals("6", create.field("perm"));
        assertEquals("SINGLE_TAG", create.field("topicFilterType"));
        assertEquals("true", create.field("order"));

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> admin.createOrUpdateTopic("C9", TopicSpec.of("X")));
        assertTrue(unknown.getMessage().contains("C9"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TopicSpec.of("bad name"));
    }

    @Test
    void refusedCreationsNameTheBrokerAndCode() {
        remoting.on(RequestCode.UPDATE_AND_CREATE_TOPIC, (a, r) ->
                FakeRemotingClient.answer(ResponseCode.NO_PERMISSION, "denied", Map.of(), null));
        AdminException error = assertThrows(AdminException.class,
                () -> admin.createOrUpdateTopic(A, TopicSpec.of("T")));
        assertEquals(ResponseCode.NO_PERMISSION, error.responseCode());
        assertTrue(error.getMessage().contains(A), error.getMessage());
    }

    @Test
    void mergesTopicStatsWithObjectKeys() {
        remoting.on(RequestCode.GET_TOPIC_STATS_INFO, (address, r) -> FakeRemotingClient.answer(0, null, Map.of(),
                utf8("{\"offsetTable\":{{\"brokerName\":\"" + brokerName(address) + "\",\"queueId\":0,\"topic\":\"T\"}:"
                        + "{\"lastUpdateTimestamp\":1700,\"maxOffset\":" + (address.equals(A) ? 10 : 20)
                        + ",\"minOffset\":2}}}")));

        TopicStats stats = admin.topicStats("T");

        assertEquals(Map.of(new MessageQueue("T", "broker-a", 0), new QueueStats(2, 10, 1700),
                new MessageQueue("T", "broker-b", 0), new QueueStats(2, 20, 1700)), stats.queues());
        assertEquals(30, stats.totalMaxOffset());
        assertEquals(List.of(new MessageQueue("T", "broker-a", 0), new MessageQueue("T", "broker-b", 0)),
                List.copyOf(stats.queues().keySet()));
    }

    @Test
    void consumeStatsSumTheLag() {
        remoting.on(RequestCode.GET_CONSUME_STATS, (address, r) -> FakeRemotingClient.answer(0, null, Map.of(),
                utf8("{\"consumeTps\":1.5,\"offsetTable\":{{\"brokerName\":\"" + brokerName(address)
                        + "\",\"queueId\":0,\"topic\":\"T\"}:{\"brokerOffset\":10,\"consumerOffset\":"
                        + (address.equals(A) ? 4 : 10) + ",\"lastTimestamp\":0,\"pullOffset\":10}}}")));

        ConsumeStats stats = admin.consumeStats("CG", "T");

        assertEquals(6, stats.diffTotal());
        assertEquals(3.0, stats.consumeTps());
        assertEquals(new QueueConsumeStats(10, 4, 10, 0), stats.queues().get(new MessageQueue("T", "broker-a", 0)));
        assertEquals("T", remoting.sent(RequestCode.GET_CONSUME_STATS).get(0).field("topic"));
        assertEquals("CG", remoting.sent(RequestCode.GET_CONSUME_STATS).get(0).field("consumerGroup"));
    }

    @Test
    void consumerConnectionFallsBackToAnyBrokerThatKnowsTheGroup() {
        remoting.on(RequestCode.GET_CONSUMER_CONNECTION_LIST, (address, r) -> address.equals(A)
                ? FakeRemotingClient.answer(ResponseCode.CONSUMER_NOT_ONLINE, "not online", Map.of(), null)
                : FakeRemotingClient.answer(0, null, Map.of(), utf8("""
                {"connectionSet":[{"clientAddr":"10.9.9.9:5555","clientId":"10.9.9.9@x","language":"JAVA","version":453}],
                 "consumeFromWhere":"CONSUME_FROM_FIRST_OFFSET","consumeType":"CONSUME_ACTIVELY","messageModel":"CLUSTERING",
                 "subscriptionTable":{"T":{"classFilterMode":false,"codeSet":[2598919],"expressionType":"TAG",
                   "subString":"TagA","subVersion":17,"tagsSet":["TagA"],"topic":"T"}}}""")));

        ConsumerConnection connection = admin.consumerConnection("CG");

        assertEquals(List.of(new Connection("10.9.9.9@x", "10.9.9.9:5555", "JAVA", 453)), connection.connections());
        assertEquals("CONSUME_ACTIVELY", connection.consumeType());
        assertEquals(new SubscriptionInfo("T", "TagA", "TAG", Set.of("TagA"), 17), connection.subscriptions().get("T"));

        remoting.on(RequestCode.GET_CONSUMER_CONNECTION_LIST, (address, r) ->
                FakeRemotingClient.answer(ResponseCode.CONSUMER_NOT_ONLINE, "not online", Map.of(), null));
        AdminException none = assertThrows(AdminException.class, () -> admin.consumerConnection("CG"));
        assertEquals(ResponseCode.CONSUMER_NOT_ONLINE, none.responseCode());
    }

    @Test
    void readsBrokerConfigAndRuntimeInfo() {
        remoting.on(RequestCode.GET_BROKER_CONFIG, (a, r) -> FakeRemotingClient.answer(0, null,
                Map.of("version", "{}"), utf8("brokerName=broker-a\nlistenPort=10911\n")));
        remoting.on(RequestCode.GET_BROKER_RUNTIME_INFO, (a, r) -> FakeRemotingClient.answer(0, null, Map.of(),
                utf8("{\"table\":{\"brokerVersionDesc\":\"V5_2_0\",\"msgPutTotalTodayNow\":\"12\"}}")));

        assertEquals(Map.of("brokerName", "broker-a", "listenPort", "10911"), admin.brokerConfig(A));
        assertEquals("12", admin.brokerRuntimeInfo(A).get("msgPutTotalTodayNow"));
    }

    @Test
    void deleteTopicClearsBrokersAndNameServers() {
        admin.deleteTopic("C1", "Gone");

        assertEquals(2, remoting.sent(RequestCode.DELETE_TOPIC_IN_BROKER).size());
        FakeRemotingClient.Sent namesrv = remoting.sent(RequestCode.DELETE_TOPIC_IN_NAMESRV).get(0);
        assertEquals(NAMESRV, namesrv.address());
        assertEquals("Gone", namesrv.field("topic"));
        assertEquals("C1", namesrv.field("clusterName"));
    }
}
