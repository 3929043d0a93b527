package org.tidemq.broker.schedule;

import org.tidemq.broker.ManualClock;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.BrokerClient;
import org.tidemq.broker.RunningBroker;
import org.tidemq.broker.retry.SendBackRequestHeader;
import org.tidemq.broker.send.SendMessageRequestHeader;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.message.OffsetMessageId;
import org.tidemq.common.protocol.TopicNames;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.store.MessageStore;

/**
 * Delayed sends and delayed retries on a running broker whose clock (store timestamps and due checks) is moved by
 * hand: a parked message must stay in SCHEDULE_TOPIC_XXXX until the clock passes its due time.
 */
class DelayedSendTest {
    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(System.currentTimeMillis());
    private RunningBroker running;

    @BeforeEach
    void start() throws Exception {
        running = new RunningBroker(dir, Map.of("messageDelayLevel", "1s 5s 10s 30s"), clock, null);
    }

    @AfterEach
    void stop() {
        running.close();
    }

    private MessageStore store() {
        return running.broker.store();
    }

    private RemotingCommand sendDelayed(String topic, int queueId, String body, int level) throws Exception {
        return running.client.sendV2(topic, queueId, body, BrokerClient.props(MessageProperties.KEYS, "k-" + body,
                MessageProperties.TAGS, "TagA", MessageProperties.UNIQ_KEY, "U-" + body, "DELAY",
                Integer.toString(level), MessageProperties.WAIT, "true"));
    }

    private void awaitBodies(String topic, int queueId, List<String> bodies) {
        await().until(() -> QueueContents.bodies(store(), topic, queueId).equals(bodies));
    }

    @Test
    void aDelayedSendIsParkedAndReachesItsTopicOnlyWhenDue() throws Exception {
        RemotingCommand response = sendDelayed("TopicDS", 1, "later", 2);

        assertEquals(ResponseCode.SUCCESS, response.code(), response.remark());
        assertEquals("1", response.field("queueId"), "the answer names the requested queue");
        awaitBodies(TopicNames.SCHEDULE_TOPIC, 1, List.of("later"));
        QueueContents.Read parked = QueueContents.read(store(), TopicNames.SCHEDULE_TOPIC, 1).get(0);
        assertEquals("TopicDS", parked.properties().get(ScheduleProperties.REAL_TOPIC));
        assertEquals("1", parked.properties().get(ScheduleProperties.REAL_QUEUE_ID));
        assertEquals("2", parked.properties().get(ScheduleProperties.DELAY));

        clock.advance(4_999);
        assertEquals(List.of(), QueueContents.bodies(store(), "TopicDS", 1));

        clock.advance(1);
        awaitBodies("TopicDS", 1, List.of("later"));
        QueueContents.Read delivered = QueueContents.read(store(), "TopicDS", 1).get(0);
        assertEquals("U-later", delivered.properties().get(MessageProperties.UNIQ_KEY));
        assertEquals("k-later", delivered.properties().get(MessageProperties.KEYS));
        assertEquals("TagA", delivered.properties().get(MessageProperties.TAGS));
        assertFalse(delivered.properties().containsKey(ScheduleProperties.DELAY));
        await().until(() -> new String(running.client.call(RemotingCommand.request(RequestCode.GET_ALL_DELAY_OFFSET))
                .bodyBytes(), StandardCharsets.UTF_8).contains("\"offsetTable\":{2:1}"));
    }

    @Test
    void levelsAboveTheConfiguredMaximumUseTheLongestDelay() throws Exception {
        assertEquals(ResponseCode.SUCCESS, sendDelayed("TopicDS", 0, "clamped", 18).code());

        awaitBodies(TopicNames.SCHEDULE_TOPIC, 3, List.of("clamped"));
        clock.advance(29_999);
        assertEquals(List.of(), QueueContents.bodies(store(), "TopicDS", 0));
        clock.advance(1);
        awaitBodies("TopicDS", 0, List.of("clamped"));
    }

    @Test
    void aBatchCarryingADelayLevelIsRefused() throws Exception {
        byte[] body = "b".getBytes(StandardCharsets.UTF_8);
        byte[] props = MessageProperties.encode(BrokerClient.props(MessageProperties.UNIQ_KEY, "U0"))
                .getBytes(StandardCharsets.UTF_8);
        ByteBuffer batch = ByteBuffer.allocate(22 + body.length + props.length);
        batch.putInt(22 + body.length + props.length).putInt(0).putInt(0).putInt(0).putInt(body.length).put(body)
                .putShort((short) props.length).put(props);
        for (String batchProperties : List.of("WAIT\u0001true\u0002DELAY\u00011\u0002", "WAIT\u0001true\u0002")) {
            SendMessageRequestHeader header = new SendMessageRequestHeader("PG_TEST", "TopicDB", "TBW102", 4, 0, 0,
                    System.currentTimeMillis(), 0, batchProperties, 0, false, null, true, null);
            RemotingCommand request = header.writeTo(RemotingCommand.request(RequestCode.SEND_BATCH_MESSAGE), true);
            request.setBody(batch.array());
            RemotingCommand response = running.client.call(request);
            if (batchProperties.contains("DELAY")) {
                assertEquals(ResponseCode.MESSAGE_ILLEGAL, response.code());
                assertTrue(response.remark().contains("DELAY"), response.remark());
            } else {
                assertEquals(ResponseCode.SUCCESS, response.code(), "negative control: " + response.remark());
            }
        }
        awaitBodies("TopicDB", 0, List.of("b"));
    }

    @Test
    void aSentBackMessageBecomesConsumableInTheRetryTopicOnlyAfterItsDelay() throws Exception {
        RemotingCommand sent = running.client.sendV2("TopicDR", 0, "failed", BrokerClient.props(
                MessageProperties.UNIQ_KEY, "U-failed", MessageProperties.WAIT, "true"));
        assertEquals(ResponseCode.SUCCESS, sent.code(), sent.remark());
        long offset = OffsetMessageId.decode(sent.field("msgId")).commitLogOffset();
        await().until(() -> store().getDispatchedPhyOffset() > offset);

        RemotingCommand back = running.client.call(new SendBackRequestHeader(offset, "CG_D", 0, null, "TopicDR",
                false, 16).writeTo(RemotingCommand.request(RequestCode.CONSUMER_SEND_MSG_BACK)));

        assertEquals(ResponseCode.SUCCESS, back.code(), back.remark());
        awaitBodies(TopicNames.SCHEDULE_TOPIC, 2, List.of("failed"));
        QueueContents.Read parked = QueueContents.read(store(), TopicNames.SCHEDULE_TOPIC, 2).get(0);
        assertEquals("%RETRY%CG_D", parked.properties().get(ScheduleProperties.REAL_TOPIC));
        assertEquals("3", parked.properties().get(ScheduleProperties.DELAY), "level 3 + 0 reconsumptions");
        clock.advance(9_999);
        assertEquals(List.of(), QueueContents.bodies(store(), "%RETRY%CG_D", 0));

        clock.advance(1);
        awaitBodies("%RETRY%CG_D", 0, List.of("failed"));
        QueueContents.Read retry = QueueContents.read(store(), "%RETRY%CG_D", 0).get(0);
        assertEquals(1, retry.reconsumeTimes());
        assertEquals("TopicDR", retry.properties().get("RETRY_TOPIC"));
        assertEquals("U-failed", retry.properties().get(MessageProperties.UNIQ_KEY));
    }

    @Test
    void theClientsFallbackRetrySendIsDelayedUnlessItGoesToTheDeadLetterTopic() throws Exception {
        for (int reconsumeTimes : new int[] {1, 5}) {
            SendMessageRequestHeader header = new SendMessageRequestHeader("CLIENT_INNER_PRODUCER", "%RETRY%CG_F",
                    "TBW102", 4, 0, 0, System.currentTimeMillis(), 0, MessageProperties.encode(Map.of("RETRY_TOPIC",
                    "TopicF", "DELAY", Integer.toString(3 + reconsumeTimes))), reconsumeTimes, false, 4, false, null);
            RemotingCommand request = header.writeTo(RemotingCommand.request(RequestCode.SEND_MESSAGE_V2), true);
            request.setBody(("r" + reconsumeTimes).getBytes(StandardCharsets.UTF_8));
            assertEquals(ResponseCode.SUCCESS, running.client.call(request).code());
        }

        awaitBodies("%DLQ%CG_F", 0, List.of("r5"));
        awaitBodies(TopicNames.SCHEDULE_TOPIC, 3, List.of("r1"));
        assertEquals(List.of(), QueueContents.bodies(store(), "%RETRY%CG_F", 0));
        clock.advance(30_000);
        awaitBodies("%RETRY%CG_F", 0, List.of("r1"));
    }
}
