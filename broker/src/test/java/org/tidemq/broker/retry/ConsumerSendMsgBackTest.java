package org.tidemq.broker.retry;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.BrokerClient;
import org.tidemq.broker.RunningBroker;
import org.tidemq.broker.client.MessageQueue;
import org.tidemq.broker.pull.PullSysFlag;
import org.tidemq.broker.ManualClock;
import org.tidemq.broker.send.SendMessageRequestHeader;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.message.OffsetMessageId;
import org.tidemq.common.protocol.Perm;
import org.tidemq.common.protocol.TopicConfig;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

/** CONSUMER_SEND_MSG_BACK and sends into %RETRY% topics on a running broker; records read by the official decoder. */
class ConsumerSendMsgBackTest {
    /** Past the longest default delay level (2 h): every parked retry is due. */
    private static final long PAST_ALL_DELAYS_MS = 3 * 3_600_000L;

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(System.currentTimeMillis());
    private RunningBroker running;

    @BeforeEach
    void start() throws Exception {
        running = new RunningBroker(dir, Map.of(), clock, null);
    }

    @AfterEach
    void stop() {
        running.close();
    }

    private String send(String topic, String body) throws Exception {
        RemotingCommand response = running.client.sendV2(topic, 0, body, BrokerClient.props(
                MessageProperties.KEYS, "key-" + body, MessageProperties.TAGS, "TagA",
                MessageProperties.UNIQ_KEY, "UNIQ-" + body, MessageProperties.WAIT, "true"));
        assertEquals(ResponseCode.SUCCESS, response.code(), response.remark());
        return response.field("msgId");
    }

    private RemotingCommand sendBack(long offset, int delayLevel, Integer maxReconsumeTimes) throws Exception {
        return running.client.call(new SendBackRequestHeader(offset, "CG_R", delayLevel, null, "TopicR", false,
                maxReconsumeTimes).writeTo(RemotingCommand.request(RequestCode.CONSUMER_SEND_MSG_BACK)));
    }

    private List<MessageExt> pullAll(String topic) throws Exception {
        RemotingCommand response = running.client.call(BrokerClient.pullRequest("CG_R", topic, 0, 0,
                PullSysFlag.SUBSCRIPTION, "*", 0));
        if (response.code() != ResponseCode.SUCCESS) {
            return List.of();
        }
        return MessageDecoder.decodes(ByteBuffer.wrap(response.bodyBytes()));
    }

    /** Retries are parked under their delay level first; moving the clock past every delay releases them. */
    private List<MessageExt> awaitMessages(String topic, int count) throws Exception {
        clock.advance(PAST_ALL_DELAYS_MS);
        await().until(() -> pullAll(topic).size() == count);
        return pullAll(topic);
    }

    private static long offsetOf(String msgId) {
        return OffsetMessageId.decode(msgId).commitLogOffset();
    }

    private void awaitVisible(String msgId) {
        await().until(() -> running.broker.store().selectOneMessageByOffset(offsetOf(msgId)) != null);
    }

    @Test
    void sendBackStoresACopyInTheRetryTopicKeepingTheFirstOrigin() throws Exception {
        String msgId = send("TopicR", "m1");
        awaitVisible(msgId);

        RemotingCommand back = sendBack(offsetOf(msgId), 0, 16);

        assertEquals(ResponseCode.SUCCESS, back.code(), back.remark());
        TopicConfig retryTopic = running.broker.topics().select("%RETRY%CG_R");
        assertNotNull(retryTopic);
        MessageExt retry = awaitMessages("%RETRY%CG_R", 1).get(0);
        assertEquals("m1", new String(retry.getBody(), StandardCharsets.UTF_8));
        assertEquals(1, retry.getReconsumeTimes());
        assertEquals("TopicR", retry.getProperty("RETRY_TOPIC"));
        assertEquals(msgId, retry.getProperty("ORIGIN_MESSAGE_ID"));
        assertEquals("key-m1", retry.getKeys());
        assertEquals("TagA", retry.getTags());
        assertEquals("UNIQ-m1", retry.getProperty(MessageProperties.UNIQ_KEY));
        assertEquals("false", retry.getProperty(MessageProperties.WAIT));
        assertNull(retry.getProperty("DELAY"), "the delay level is removed on delivery");
        assertNull(retry.getProperty("REAL_TOPIC"));

        assertEquals(ResponseCode.SUCCESS, sendBack(retry.getCommitLogOffset(), 0, 16).code());
        MessageExt second = awaitMessages("%RETRY%CG_R", 2).get(1);
        assertEquals(2, second.getReconsumeTimes());
        assertEquals("TopicR", second.getProperty("RETRY_TOPIC"), "the original topic, not the retry topic");
        assertEquals(msgId, second.getProperty("ORIGIN_MESSAGE_ID"), "set once, on the first retry");
    }

    @Test
    void exhaustedRetriesGoToTheDeadLetterTopicCreatedOnDemand() throws Exception {
        String msgId = send("TopicR", "m2");
        awaitVisible(msgId);
        assertEquals(ResponseCode.SUCCESS, sendBack(offsetOf(msgId), 0, 1).code());
        MessageExt retry = awaitMessages("%RETRY%CG_R", 1).get(0);
        assertNull(running.broker.topics().select("%DLQ%CG_R"));

        assertEquals(ResponseCode.SUCCESS, sendBack(retry.getCommitLogOffset(), 0, 1).code());

        TopicConfig dlq = running.broker.topics().select("%DLQ%CG_R");
        assertNotNull(dlq);
        assertEquals(1, dlq.writeQueueNums());
        assertEquals(Perm.READ_WRITE, dlq.perm());
        MessageExt dead = awaitMessages("%DLQ%CG_R", 1).get(0);
        assertEquals("m2", new String(dead.getBody(), StandardCharsets.UTF_8));
        assertEquals(2, dead.getReconsumeTimes());
        assertEquals(msgId, dead.getProperty("ORIGIN_MESSAGE_ID"));
        assertEquals(1, pullAll("%RETRY%CG_R").size(), "nothing more in the retry topic");
    }

    @Test
    void negativeDelayLevelSendsStraightToTheDeadLetterTopic() throws Exception {
        String msgId = send("TopicR", "m3");
        awaitVisible(msgId);

        assertEquals(ResponseCode.SUCCESS, sendBack(offsetOf(msgId), -1, null).code());

        assertEquals("m3", new String(awaitMessages("%DLQ%CG_R", 1).get(0).getBody(), StandardCharsets.UTF_8));
    }

    @Test
    void unknownOffsetIsAnErrorNamingIt() throws Exception {
        RemotingCommand back = sendBack(123_456, 0, 16);

        assertEquals(ResponseCode.SYSTEM_ERROR, back.code());
        assertEquals("look message by offset failed, 123456", back.remark());
    }

    @Test
    void aSlaveRefusesSendBackSoNothingIsWrittenThere() throws Exception {
        try (RunningBroker slave = new RunningBroker(dir.resolve("slave"), Map.of("brokerRole", "SLAVE",
                "brokerId", "1"), Clock.systemUTC(), null)) {
            RemotingCommand back = slave.client.call(new SendBackRequestHeader(0, "CG_R", 0, null, "TopicR", false,
                    16).writeTo(RemotingCommand.request(RequestCode.CONSUMER_SEND_MSG_BACK)));

            assertEquals(ResponseCode.SERVICE_NOT_AVAILABLE, back.code());
            assertNull(slave.broker.topics().select("%RETRY%CG_R"));
            assertNull(slave.broker.groups().select("CG_R"));
        }
    }

    @Test
    void aReadOnlyBrokerRefusesSendBack() throws Exception {
        String msgId = send("TopicR", "m4");
        awaitVisible(msgId);
        running.broker.runtimeConfig().update(Map.of("brokerPermission", "4"));

        assertEquals(ResponseCode.NO_PERMISSION, sendBack(offsetOf(msgId), 0, 16).code());

        running.broker.runtimeConfig().update(Map.of("brokerPermission", "6"));
        assertEquals(ResponseCode.SUCCESS, sendBack(offsetOf(msgId), 0, 16).code(), "negative control");
    }

    private RemotingCommand sendToRetryTopic(String body, int reconsumeTimes, Integer maxReconsumeTimes)
            throws Exception {
        SendMessageRequestHeader header = new SendMessageRequestHeader("CLIENT_INNER_PRODUCER", "%RETRY%CG_S",
                "TBW102", 4, 0, 0, System.currentTimeMillis(), 0,
                MessageProperties.encode(Map.of("RETRY_TOPIC", "TopicS")), reconsumeTimes, false, maxReconsumeTimes,
                false, null);
        RemotingCommand request = header.writeTo(RemotingCommand.request(RequestCode.SEND_MESSAGE_V2), true);
        request.setBody(body.getBytes(StandardCharsets.UTF_8));
        return running.client.call(request);
    }

    private List<String> bodies(String topic) throws Exception {
        RemotingCommand response = running.client.call(BrokerClient.pullRequest("CG_S", topic, 0, 0,
                PullSysFlag.SUBSCRIPTION, "*", 0));
        if (response.code() != ResponseCode.SUCCESS) {
            return List.of();
        }
        return MessageDecoder.decodes(ByteBuffer.wrap(response.bodyBytes())).stream()
                .map(m -> new String(m.getBody(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void sendToRetryTopicHonoursTheReconsumeCountAndLimitOfTheHeader() throws Exception {
        RemotingCommand kept = sendToRetryTopic("within", 2, 2);
        RemotingCommand dead = sendToRetryTopic("beyond", 3, 2);

        assertEquals(ResponseCode.SUCCESS, kept.code(), kept.remark());
        assertEquals(ResponseCode.SUCCESS, dead.code(), dead.remark());
        await().until(() -> bodies("%RETRY%CG_S").equals(List.of("within"))
                && bodies("%DLQ%CG_S").equals(List.of("beyond")));
    }

    @Test
    void sendToRetryTopicOfAnOrderlyGroupGoesToTheDeadLetterTopic() throws Exception {
        running.broker.locks().tryLockBatch("CG_S", Set.of(new MessageQueue("TopicS", "broker-a", 0)), "c1");

        assertEquals(ResponseCode.SUCCESS, sendToRetryTopic("orderly", 0, 16).code());

        await().until(() -> bodies("%DLQ%CG_S").equals(List.of("orderly")));
        assertTrue(bodies("%RETRY%CG_S").isEmpty());
    }
}
