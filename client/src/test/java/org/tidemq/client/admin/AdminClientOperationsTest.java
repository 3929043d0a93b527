package org.tidemq.client.admin;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tidemq.client.FakeRemotingClient;
import org.tidemq.client.MessageQueue;
import org.tidemq.common.json.JsonReader;
import org.tidemq.common.protocol.SubscriptionGroupConfig;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin calls mqadmin needs beyond topics and stats: groups, configs, name-server items and offset moves. */
class AdminClientOperationsTest {
    private static final String NAMESRV_1 = "127.0.0.1:9876";
    private static final String NAMESRV_2 = "127.0.0.2:9876";
    private static final String A = "10.0.0.1:10911";
    private static final String CLUSTER = """
            {"brokerAddrTable":{
              "broker-a":{"brokerAddrs":{0:"10.0.0.1:10911"},"brokerName":"broker-a","cluster":"C1"}},
             "clusterAddrTable":{"C1":["broker-a"]}}""";
    private static final String ROUTE = """
            {"brokerDatas":[{"brokerAddrs":{0:"10.0.0.1:10911"},"brokerName":"broker-a","cluster":"C1"}],
             "queueDatas":[{"brokerName":"broker-a","perm":6,"readQueueNums":2,"writeQueueNums":2,"topicSysFlag":0}]}""";

    private final FakeRemotingClient remoting = new FakeRemotingClient();
    private AdminClient admin;

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @BeforeEach
    void setUp() {
        remoting.on(RequestCode.GET_BROKER_CLUSTER_INFO, (a, r) -> FakeRemotingClient.answer(0, null, Map.of(),
                utf8(CLUSTER)));
        remoting.on(RequestCode.GET_ROUTEINFO_BY_TOPIC, (a, r) -> FakeRemotingClient.answer(0, null, Map.of(),
                utf8(ROUTE)));
        admin = AdminClient.builder().namesrvAddr(NAMESRV_1 + ";" + NAMESRV_2).remotingClient(remoting).build();
    }

    @AfterEach
    void tearDown() {
        admin.close();
    }

    @Test
    void subscriptionGroupsAreCreatedWithTheConfigBodyAndDeletedWithCleanOffset() {
        remoting.on(RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, (a, r) -> FakeRemotingClient.answer(0, null,
                Map.of(), null));
        remoting.on(RequestCode.DELETE_SUBSCRIPTIONGROUP, (a, r) -> FakeRemotingClient.answer(0, null, Map.of(),
                null));

        assertEquals(List.of(A), admin.createOrUpdateSubscriptionGroup("C1", SubscriptionGroupConfig.defaults("G")));
        assertEquals(List.of(A), admin.deleteSubscriptionGroup(A, "G", true));

        FakeRemotingClient.Sent created = remoting.sent(RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP).get(0);
        assertEquals("G", JsonReader.parseObject(created.body()).string("groupName"));
        FakeRemotingClient.Sent deleted = remoting.sent(RequestCode.DELETE_SUBSCRIPTIONGROUP).get(0);
        assertEquals(Map.of("groupName", "G", "cleanOffset", "true"), deleted.fields());
    }

    @Test
    void brokerAndNameServerConfigsTravelAsPropertiesText() {
        remoting.on(RequestCode.UPDATE_BROKER_CONFIG, (a, r) -> FakeRemotingClient.answer(0, null, Map.of(), null));
        remoting.on(RequestCode.GET_NAMESRV_CONFIG, (a, r) -> FakeRemotingClient.answer(0, null, Map.of(),
                utf8("listenPort=9876\norderMessageEnable=true\n")));

        admin.updateBrokerConfig(A, Map.of("brokerPermission", "4"));

        assertEquals("brokerPermission=4\n", new String(remoting.sent(RequestCode.UPDATE_BROKER_CONFIG).get(0).body(),
                StandardCharsets.UTF_8));
        assertEquals(Map.of("listenPort", "9876", "orderMessageEnable", "true"), admin.namesrvConfig(NAMESRV_2));
        assertEquals(NAMESRV_2, remoting.sent(RequestCode.GET_NAMESRV_CONFIG).get(0).address());
    }

    @Test
    void kvItemsGoToEveryNameServerAndWritePermReportsTheCount() {
        remoting.on(RequestCode.PUT_KV_CONFIG, (a, r) -> FakeRemotingClient.answer(0, null, Map.of(), null));
        remoting.on(RequestCode.GET_KV_CONFIG, (a, r) -> FakeRemotingClient.answer(ResponseCode.QUERY_NOT_FOUND,
                "No config item", Map.of(), null));
        remoting.on(RequestCode.WIPE_WRITE_PERM_OF_BROKER, (a, r) -> FakeRemotingClient.answer(0, null,
                Map.of("wipeTopicCount", "7"), null));

        admin.putKvConfig("NS", "k", "v");

        assertEquals(Set.of(NAMESRV_1, NAMESRV_2), remoting.sent(RequestCode.PUT_KV_CONFIG).stream()
                .map(FakeRemotingClient.Sent::address).collect(Collectors.toSet()));
        assertEquals(Optional.empty(), admin.kvConfig("NS", "missing"));
        assertEquals(7, admin.wipeWritePerm(NAMESRV_1, "broker-a"));
        assertEquals(List.of(NAMESRV_1, NAMESRV_2), admin.nameServerAddresses());
    }

    @Test
    void resetOffsetByTimeReadsTheBrokersTable() {
        remoting.on(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, (a, r) -> FakeRemotingClient.answer(0, null, Map.of(),
                utf8("{\"offsetTable\":{{\"brokerName\":\"broker-a\",\"queueId\":1,\"topic\":\"T\"}:5}}")));

        Map<MessageQueue, Long> offsets = admin.resetOffsetByTime("G", "T", 1000, true);

        assertEquals(Map.of(new MessageQueue("T", "broker-a", 1), 5L), offsets);
        FakeRemotingClient.Sent sent = remoting.sent(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET).get(0);
        assertEquals("1000", sent.field("timestamp"));
        assertEquals("-1", sent.field("queueId"));
    }

    @Test
    void resetOfAnOfflineGroupCommitsSearchedOffsetsLikeApachesFallback() {
        remoting.on(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, (a, r) -> FakeRemotingClient.answer(
                ResponseCode.CONSUMER_NOT_ONLINE, "Consumer not online", Map.of(), null));
        remoting.on(RequestCode.GET_CONSUME_STATS, (a, r) -> FakeRemotingClient.answer(0, null, Map.of(), utf8(
                "{\"consumeTps\":0.0,\"offsetTable\":{"
                        + "{\"brokerName\":\"broker-a\",\"queueId\":0,\"topic\":\"T\"}:{\"brokerOffset\":9,"
                        + "\"consumerOffset\":9,\"lastTimestamp\":0,\"pullOffset\":9},"
                        + "{\"brokerName\":\"broker-a\",\"queueId\":1,\"topic\":\"T\"}:{\"brokerOffset\":4,"
                        + "\"consumerOffset\":1,\"lastTimestamp\":0,\"pullOffset\":1}}}")));
        remoting.on(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, (a, r) -> FakeRemotingClient.answer(0, null,
                Map.of("offset", r.field("queueId").equals("0") ? "3" : "2"), null));
        remoting.on(RequestCode.UPDATE_CONSUMER_OFFSET, (a, r) -> FakeRemotingClient.answer(0, null, Map.of(), null));

        Map<MessageQueue, Long> forced = admin.resetOffsetByTime("G", "T", 1000, true);

        assertEquals(Map.of(new MessageQueue("T", "broker-a", 0), 3L, new MessageQueue("T", "broker-a", 1), 2L),
                forced);
        assertEquals(2, remoting.sent(RequestCode.UPDATE_CONSUMER_OFFSET).size());

        Map<MessageQueue, Long> onlyBackwards = admin.resetOffsetByTime("G", "T", 1000, false);
        assertEquals(Map.of(new MessageQueue("T", "broker-a", 0), 3L), onlyBackwards);
    }

    @Test
    void cloneAndRunningInfoNameTheRefusingBroker() {
        remoting.on(RequestCode.CLONE_GROUP_OFFSET, (a, r) -> FakeRemotingClient.answer(
                ResponseCode.REQUEST_CODE_NOT_SUPPORTED, "request type 314 not supported", Map.of(), null));

        AdminException refused = assertThrows(AdminException.class,
                () -> admin.cloneGroupOffset("S", "D", "T", false));

        assertTrue(refused.getMessage().contains(A) && refused.getMessage().contains("CLONE_GROUP_OFFSET"),
                refused.getMessage());
        assertEquals(Map.of("srcGroup", "S", "destGroup", "D", "topic", "T", "offline", "false"),
                remoting.sent(RequestCode.CLONE_GROUP_OFFSET).get(0).fields());
    }
}
