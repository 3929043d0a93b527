package org.tidemq.client.admin;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tidemq.client.FakeRemotingClient;
import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.message.StoredMessage;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * messageTrack over scripted broker answers: which groups consumed a message stored on broker-a, queue 0, offset 5,
 * tag TagA; and CONSUME_MESSAGE_DIRECTLY sent to the broker that stored it.
 */
class MessageTrackerTest {
    private static final String A = "10.0.0.1:10911";
    private static final String CLUSTER = """
            {"brokerAddrTable":{
              "broker-a":{"brokerAddrs":{0:"10.0.0.1:10911"},"brokerName":"broker-a","cluster":"C1"},
              "broker-b":{"brokerAddrs":{0:"10.0.0.2:10911"},"brokerName":"broker-b","cluster":"C1"}},
             "clusterAddrTable":{"C1":["broker-a","broker-b"]}}""";
    private static final String ROUTE = """
            {"brokerDatas":[{"brokerAddrs":{0:"10.0.0.1:10911"},"brokerName":"broker-a","cluster":"C1"}],
             "queueDatas":[{"brokerName":"broker-a","perm":6,"readQueueNums":1,"writeQueueNums":1,"topicSysFlag":0}]}""";

    private final FakeRemotingClient remoting = new FakeRemotingClient();
    private AdminClient admin;

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ReceivedMessage message() {
        InetSocketAddress storeHost = new InetSocketAddress("10.0.0.1", 10911);
        StoredMessage stored = new StoredMessage(0, 0, 0, 0, 0, 5, 4096, 0, 1L, storeHost, 2L, storeHost, 0, 0,
                ByteBuffer.wrap(utf8("b")), "T", MessageProperties.encode(Map.of(MessageProperties.TAGS, "TagA")));
        return ReceivedMessage.fromStored(stored, "broker-a");
    }

    private static String connection(String consumeType, String tags) {
        return "{\"connectionSet\":[{\"clientAddr\":\"10.9.9.9:5555\",\"clientId\":\"c@1\",\"language\":\"JAVA\","
                + "\"version\":453}],\"consumeFromWhere\":\"CONSUME_FROM_LAST_OFFSET\",\"consumeType\":\""
                + consumeType + "\",\"messageModel\":\"CLUSTERING\",\"subscriptionTable\":{\"T\":{\"subString\":\""
                + tags + "\",\"subVersion\":1,\"tagsSet\":" + (tags.equals("*") ? "[]" : "[\"" + tags + "\"]")
                + ",\"topic\":\"T\"}}}";
    }

    private static String stats(long brokerAOffset, long brokerBOffset) {
        return "{\"consumeTps\":0,\"offsetTable\":{"
                + "{\"brokerName\":\"broker-a\",\"queueId\":0,\"topic\":\"T\"}:{\"brokerOffset\":10,\"consumerOffset\":"
                + brokerAOffset + ",\"lastTimestamp\":0},"
                + "{\"brokerName\":\"broker-b\",\"queueId\":0,\"topic\":\"T\"}:"
                + "{\"brokerOffset\":100,\"consumerOffset\":"
                + brokerBOffset + ",\"lastTimestamp\":0}}}";
    }

    @BeforeEach
    void setUp() {
        remoting.on(RequestCode.GET_BROKER_CLUSTER_INFO, (a, r) -> FakeRemotingClient.answer(0, null, Map.of(),
                utf8(CLUSTER)));
        remoting.on(RequestCode.GET_ROUTEINFO_BY_TOPIC, (a, r) -> r.field("topic").startsWith("%RETRY%")
                ? FakeRemotingClient.answer(ResponseCode.TOPIC_NOT_EXIST, "No topic route", Map.of(), null)
                : FakeRemotingClient.answer(0, null, Map.of(), utf8(ROUTE)));
        remoting.on(RequestCode.QUERY_TOPIC_CONSUME_BY_WHO, (a, r) -> FakeRemotingClient.answer(0, null, Map.of(),
                utf8("{\"groupList\":[\"G_WAIT\",\"G_DONE\",\"G_FILTERED\",\"G_OFFLINE\",\"G_PULL\"]}")));
        remoting.on(RequestCode.GET_CONSUMER_CONNECTION_LIST, (a, r) -> switch (r.field("consumerGroup")) {
            case "G_OFFLINE" -> FakeRemotingClient.answer(ResponseCode.CONSUMER_NOT_ONLINE,
                    "the consumer group[G_OFFLINE] not online", Map.of(), null);
            case "G_PULL" -> FakeRemotingClient.answer(0, null, Map.of(), utf8(connection("CONSUME_ACTIVELY", "*")));
            case "G_FILTERED" -> FakeRemotingClient.answer(0, null, Map.of(),
                    utf8(connection("CONSUME_PASSIVELY", "TagB")));
            default -> FakeRemotingClient.answer(0, null, Map.of(), utf8(connection("CONSUME_PASSIVELY", "*")));
        });
        remoting.on(RequestCode.GET_CONSUME_STATS, (a, r) -> FakeRemotingClient.answer(0, null, Map.of(),
                utf8(r.field("consumerGroup").equals("G_WAIT") ? stats(5, 100) : stats(6, 0))));
        admin = AdminClient.builder().namesrvAddr("127.0.0.1:9876").remotingClient(remoting).build();
    }

    @AfterEach
    void tearDown() {
        admin.close();
    }

    @Test
    void eachGroupGetsRocketMqsTrackType() {
        assertEquals(List.of(
                new MessageTrack("G_DONE", MessageTrack.TrackType.CONSUMED, null),
                new MessageTrack("G_FILTERED", MessageTrack.TrackType.CONSUMED_BUT_FILTERED, null),
                new MessageTrack("G_OFFLINE", MessageTrack.TrackType.NOT_ONLINE,
                        "CODE:206 DESC:the consumer group[G_OFFLINE] not online"),
                new MessageTrack("G_PULL", MessageTrack.TrackType.PULL, null),
                new MessageTrack("G_WAIT", MessageTrack.TrackType.NOT_CONSUME_YET, null)),
                admin.messageTrack(message()));
    }

    @Test
    void offsetPastTheMessageOnAnotherBrokerDoesNotCount() {
        ReceivedMessage message = message();
        ConsumeStats onlyOtherBroker = new ConsumeStats("G", Map.of(
                new org.tidemq.client.MessageQueue("T", "broker-b", 0), new QueueConsumeStats(100, 100, 100, 0)), 0);
        ConsumeStats sameBroker = new ConsumeStats("G", Map.of(
                new org.tidemq.client.MessageQueue("T", "broker-a", 0), new QueueConsumeStats(10, 6, 6, 0)), 0);
        org.tidemq.common.protocol.ClusterInfo cluster = admin.clusterInfo();
        assertEquals(false, MessageTracker.consumed(message, onlyOtherBroker.queues(), cluster));
        assertEquals(true, MessageTracker.consumed(message, sameBroker.queues(), cluster));
    }

    @Test
    void consumeDirectlyGoesToTheStoringBrokerWithRocketMqsHeader() {
        remoting.on(RequestCode.CONSUME_MESSAGE_DIRECTLY, (a, r) -> FakeRemotingClient.answer(0, null, Map.of(),
                utf8("{\"autoCommit\":true,\"consumeResult\":\"CR_THROW_EXCEPTION\",\"order\":false,"
                        + "\"remark\":\"java.lang.IllegalStateException: x\",\"spentTimeMills\":7}")));
        String offsetId = message().offsetMessageId();

        DirectConsumeResult result = admin.consumeMessageDirectly("G", "c@1", "T", offsetId);

        assertEquals(new DirectConsumeResult(false, true, "CR_THROW_EXCEPTION", "java.lang.IllegalStateException: x",
                7), result);
        FakeRemotingClient.Sent sent = remoting.sent(RequestCode.CONSUME_MESSAGE_DIRECTLY).get(0);
        assertEquals(A, sent.address());
        assertEquals(Map.of("consumerGroup", "G", "clientId", "c@1", "msgId", offsetId, "topic", "T"),
                Map.of("consumerGroup", sent.field("consumerGroup"), "clientId", sent.field("clientId"),
                        "msgId", sent.field("msgId"), "topic", sent.field("topic")));

        remoting.on(RequestCode.CONSUME_MESSAGE_DIRECTLY, (a, r) -> FakeRemotingClient.answer(
                ResponseCode.SYSTEM_ERROR, "The Consumer <c@2> not online", Map.of(), null));
        AdminException refused = org.junit.jupiter.api.Assertions.assertThrows(AdminException.class,
                () -> admin.consumeMessageDirectly("G", "c@2", "T", offsetId));
        assertTrue(refused.getMessage().contains("The Consumer <c@2> not online"), refused.getMessage());
    }
}
