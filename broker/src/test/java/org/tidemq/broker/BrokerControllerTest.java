package org.tidemq.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.send.OffsetMessageId;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.message.StoredMessage;
import org.tidemq.common.protocol.TopicConfig;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

/** A real broker on 127.0.0.1:0 with its store in a temp dir, driven over the wire. */
class BrokerControllerTest {
    @TempDir
    Path dir;
    private BrokerController broker;
    private BrokerClient client;

    @BeforeEach
    void start() throws Exception {
        broker = new BrokerController(TestBrokers.config(dir, Map.of()));
        broker.start();
        client = new BrokerClient(broker.brokerAddr());
    }

    /** Sends are acknowledged once stored; they become readable once dispatched, a moment later. */
    private void awaitReadable(String topic, int queueId, long count) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
                .until(() -> broker.store().getMaxOffsetInQueue(topic, queueId) >= count);
    }

    @AfterEach
    void stop() {
        client.close();
        broker.shutdown();
    }

    @Test
    void sendAutoCreatesTopicFromTbw102AndAnswersWithOffsetMessageId() throws Exception {
        RemotingCommand response = client.sendV2("TopicA", 1, "hello", BrokerClient.props(
                MessageProperties.TAGS, "TagA", MessageProperties.KEYS, "k1", MessageProperties.UNIQ_KEY, "UNIQ-1",
                "user", "v"));

        assertEquals(ResponseCode.SUCCESS, response.code(), response.remark());
        assertEquals("1", response.field("queueId"));
        assertEquals("0", response.field("queueOffset"));
        assertEquals("UNIQ-1", response.field("transactionId"));
        assertEquals("DefaultRegion", response.field("MSG_REGION"));
        assertEquals("true", response.field("TRACE_ON"));
        String msgId = response.field("msgId");
        assertEquals(32, msgId.length());
        assertTrue(msgId.startsWith("7F000001" + String.format("%08X", broker.listenPort())), msgId);
        TopicConfig created = broker.topics().select("TopicA");
        assertNotNull(created);
        assertEquals(4, created.writeQueueNums());

        awaitReadable("TopicA", 1, 1);
        RemotingCommand pull = client.call(BrokerClient.pullRequest("CG_A", "TopicA", 1, 0, 4, "*", 0));
        assertEquals(ResponseCode.SUCCESS, pull.code(), pull.remark());
        List<StoredMessage> records = TestBrokers.decodeRecords(pull.body());
        assertEquals(1, records.size());
        StoredMessage stored = records.get(0);
        assertEquals("hello", TestBrokers.text(stored.body()));
        assertEquals(OffsetMessageId.physicalOffset(msgId), stored.physicalOffset());
        assertEquals(new InetSocketAddress("127.0.0.1", broker.listenPort()), stored.storeHost());
        Map<String, String> properties = MessageProperties.decode(stored.properties());
        assertEquals("TagA", properties.get(MessageProperties.TAGS));
        assertEquals("k1", properties.get(MessageProperties.KEYS));
        assertEquals("v", properties.get("user"));
        assertEquals("DefaultCluster", properties.get("CLUSTER"));
        assertEquals("1", pull.field("nextBeginOffset"));
        assertEquals("0", pull.field("minOffset"));
        assertEquals("1", pull.field("maxOffset"));
        assertEquals("0", pull.field("suggestWhichBrokerId"));
    }

    @Test
    void batchSendStoresEveryItemWithConsecutiveOffsetsAndListsTheirIds() throws Exception {
        RemotingCommand response = client.sendBatch("TopicB", 0, "one", "two", "three");

        assertEquals(ResponseCode.SUCCESS, response.code(), response.remark());
        String[] ids = response.field("msgId").split(",");
        assertEquals(3, ids.length);
        assertEquals("0", response.field("queueOffset"));
        awaitReadable("TopicB", 0, 3);
        RemotingCommand pull = client.call(BrokerClient.pullRequest("CG_B", "TopicB", 0, 0, 4, "*", 0));
        List<StoredMessage> records = TestBrokers.decodeRecords(pull.body());
        assertEquals(List.of("one", "two", "three"), records.stream().map(m -> TestBrokers.text(m.body())).toList());
        for (int i = 0; i < 3; i++) {
            assertEquals(i, records.get(i).queueOffset());
            assertEquals(OffsetMessageId.physicalOffset(ids[i]), records.get(i).physicalOffset());
            assertEquals("U" + i, MessageProperties.decode(records.get(i).properties()).get("UNIQ_KEY"));
        }
    }

    @Test
    void malformedBatchIsRefusedAsIllegal() throws Exception {
        var header = BrokerClient.sendHeader("TopicBad", 0, Map.of());
        RemotingCommand request = header.writeTo(RemotingCommand.request(RequestCode.SEND_BATCH_MESSAGE), true);
        request.setBody(new byte[] {0, 0, 0, 99, 0, 0});

        RemotingCommand response = client.call(request);

        assertEquals(ResponseCode.MESSAGE_ILLEGAL, response.code());
        assertTrue(response.remark().contains("malformed batch body"), response.remark());
        assertEquals("DefaultRegion", response.field("MSG_REGION"));
    }

    @Test
    void illegalQueueIdUnknownTopicAndSystemTopicAreRefused() throws Exception {
        client.sendV2("TopicC", 0, "x", Map.of());

        RemotingCommand badQueue = client.sendV2("TopicC", 99, "x", Map.of());
        assertEquals(ResponseCode.SYSTEM_ERROR, badQueue.code());
        assertTrue(badQueue.remark().startsWith("request queueId[99] is illegal"), badQueue.remark());

        var header = new org.tidemq.broker.send.SendMessageRequestHeader("PG", "NoSuchTopic", null, 4, 0, 0, 0L, 0,
                "", 0, false, null, false, null);
        RemotingCommand request = header.writeTo(RemotingCommand.request(RequestCode.SEND_MESSAGE), false);
        request.setBody("x".getBytes());
        RemotingCommand unknown = client.call(request);
        assertEquals(ResponseCode.TOPIC_NOT_EXIST, unknown.code());
        assertNull(broker.topics().select("NoSuchTopic"));

        assertEquals(ResponseCode.SYSTEM_ERROR, client.sendV2("TBW102", 0, "x", Map.of()).code());
    }

    @Test
    void oversizedBodyIsIllegal() throws Exception {
        broker.shutdown();
        broker = new BrokerController(TestBrokers.config(dir, Map.of("maxMessageSize", "1024")));
        broker.start();
        client.close();
        client = new BrokerClient(broker.brokerAddr());

        RemotingCommand response = client.sendV2("TopicBig", 0, "x".repeat(2000), Map.of());

        assertEquals(ResponseCode.MESSAGE_ILLEGAL, response.code());
        assertEquals(0, broker.store().getMaxOffsetInQueue("TopicBig", 0));
    }

    @Test
    void readOnlyBrokerRefusesSendsWithNoPermission() throws Exception {
        broker.shutdown();
        broker = new BrokerController(TestBrokers.config(dir, Map.of("brokerPermission", "4")));
        broker.start();
        client.close();
        client = new BrokerClient(broker.brokerAddr());

        RemotingCommand response = client.sendV2("TopicRo", 0, "x", Map.of());

        assertEquals(ResponseCode.NO_PERMISSION, response.code());
        assertTrue(response.remark().contains("sending message is forbidden"), response.remark());
    }

    @Test
    void queueOffsetLookups() throws Exception {
        long before = System.currentTimeMillis();
        for (int i = 0; i < 3; i++) {
            assertEquals(ResponseCode.SUCCESS, client.sendV2("TopicD", 2, "m" + i, Map.of()).code());
        }

        awaitReadable("TopicD", 2, 3);
        assertEquals("3", client.queueRequest(RequestCode.GET_MAX_OFFSET, "TopicD", 2).field("offset"));
        assertEquals("0", client.queueRequest(RequestCode.GET_MIN_OFFSET, "TopicD", 2).field("offset"));
        assertEquals("0", client.queueRequest(RequestCode.GET_MAX_OFFSET, "TopicD", 3).field("offset"));
        long earliest = Long.parseLong(
                client.queueRequest(RequestCode.GET_EARLIEST_MSG_STORETIME, "TopicD", 2).field("timestamp"));
        assertTrue(earliest >= before - 1000, "earliest " + earliest);
        RemotingCommand search = client.call(RemotingCommand.request(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP)
                .putField("topic", "TopicD").putField("queueId", 2).putField("timestamp", Long.MAX_VALUE));
        assertEquals("3", search.field("offset"));
        RemotingCommand first = client.call(RemotingCommand.request(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP)
                .putField("topic", "TopicD").putField("queueId", 2).putField("timestamp", 0));
        assertEquals("0", first.field("offset"));
    }

    @Test
    void consumerOffsetsAreCommittedQueriedAndSurviveRestart() throws Exception {
        client.sendV2("TopicE", 0, "x", Map.of());
        awaitReadable("TopicE", 0, 1);
        RemotingCommand unknown = client.call(RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET)
                .putField("consumerGroup", "CG_E").putField("topic", "TopicE").putField("queueId", 0));
        assertEquals(ResponseCode.SUCCESS, unknown.code());
        assertEquals("0", unknown.field("offset"));
        RemotingCommand strict = client.call(RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET)
                .putField("consumerGroup", "CG_E").putField("topic", "TopicE").putField("queueId", 0)
                .putField("setZeroIfNotFound", false));
        assertEquals(ResponseCode.QUERY_NOT_FOUND, strict.code());

        RemotingCommand update = client.call(RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET)
                .putField("consumerGroup", "CG_E").putField("topic", "TopicE").putField("queueId", 0)
                .putField("commitOffset", 1));
        assertEquals(ResponseCode.SUCCESS, update.code());

        broker.shutdown();
        broker = new BrokerController(TestBrokers.config(dir, Map.of()));
        broker.start();
        client.close();
        client = new BrokerClient(broker.brokerAddr());
        RemotingCommand committed = client.call(RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET)
                .putField("consumerGroup", "CG_E").putField("topic", "TopicE").putField("queueId", 0));
        assertEquals("1", committed.field("offset"));
        assertEquals(1, broker.store().getMaxOffsetInQueue("TopicE", 0));
    }

    @Test
    void vipPortServesSendsButRefusesPulls() throws Exception {
        try (BrokerClient vip = new BrokerClient("127.0.0.1:" + broker.vipPort())) {
            assertEquals(ResponseCode.SUCCESS, vip.sendV2("TopicF", 0, "x", Map.of()).code());
            RemotingCommand pull = vip.call(BrokerClient.pullRequest("CG_F", "TopicF", 0, 0, 4, "*", 0));
            assertEquals(ResponseCode.REQUEST_CODE_NOT_SUPPORTED, pull.code());
        }
        awaitReadable("TopicF", 0, 1);
        RemotingCommand pull = client.call(BrokerClient.pullRequest("CG_F", "TopicF", 0, 0, 4, "*", 0));
        assertEquals(ResponseCode.SUCCESS, pull.code());
    }

    @Test
    void pullStatusesCarryAllFourOffsets() throws Exception {
        client.sendV2("TopicG", 0, "x", Map.of());
        awaitReadable("TopicG", 0, 1);

        RemotingCommand atEnd = client.call(BrokerClient.pullRequest("CG_G", "TopicG", 0, 1, 4, "*", 0));
        assertEquals(ResponseCode.PULL_NOT_FOUND, atEnd.code());
        assertEquals("1", atEnd.field("nextBeginOffset"));
        RemotingCommand beyond = client.call(BrokerClient.pullRequest("CG_G", "TopicG", 0, 9, 4, "*", 0));
        assertEquals(ResponseCode.PULL_OFFSET_MOVED, beyond.code());
        for (RemotingCommand response : List.of(atEnd, beyond)) {
            for (String field : List.of("suggestWhichBrokerId", "nextBeginOffset", "minOffset", "maxOffset")) {
                assertNotNull(response.field(field), field + " in " + response);
            }
        }
        RemotingCommand emptyQueue = client.call(BrokerClient.pullRequest("CG_G", "TopicG", 1, 0, 4, "*", 0));
        assertEquals(ResponseCode.PULL_NOT_FOUND, emptyQueue.code());
        RemotingCommand noTopic = client.call(BrokerClient.pullRequest("CG_G", "Nope", 0, 0, 4, "*", 0));
        assertEquals(ResponseCode.TOPIC_NOT_EXIST, noTopic.code());
        RemotingCommand noSubscription = client.call(BrokerClient.pullRequest("CG_G", "TopicG", 0, 0, 0, null, 0));
        assertEquals(ResponseCode.SUBSCRIPTION_NOT_EXIST, noSubscription.code());
    }

    @Test
    void tagSubscriptionFiltersByTagHash() throws Exception {
        client.sendV2("TopicH", 0, "a", BrokerClient.props(MessageProperties.TAGS, "TagA"));
        client.sendV2("TopicH", 0, "b", BrokerClient.props(MessageProperties.TAGS, "TagB"));
        client.sendV2("TopicH", 0, "c", BrokerClient.props(MessageProperties.TAGS, "TagC"));
        awaitReadable("TopicH", 0, 3);

        RemotingCommand pull = client.call(BrokerClient.pullRequest("CG_H", "TopicH", 0, 0, 4, "TagA || TagC", 0));

        assertEquals(ResponseCode.SUCCESS, pull.code());
        assertEquals(List.of("a", "c"), TestBrokers.decodeRecords(pull.body()).stream()
                .map(m -> TestBrokers.text(m.body())).toList());
        assertEquals("3", pull.field("nextBeginOffset"));
    }

    @Test
    void commitOffsetFlagStoresTheConsumerOffset() throws Exception {
        client.sendV2("TopicI", 0, "x", Map.of());
        awaitReadable("TopicI", 0, 1);
        RemotingCommand request = new org.tidemq.broker.pull.PullMessageRequestHeader("CG_I", "TopicI", 0, 0, 32,
                1 | 4, 7, 0, "*", 0, "TAG", null).writeTo(RemotingCommand.request(RequestCode.PULL_MESSAGE));

        assertEquals(ResponseCode.SUCCESS, client.call(request).code());
        assertEquals(7, broker.offsets().queryOffset("CG_I", "TopicI", 0));
    }
}
