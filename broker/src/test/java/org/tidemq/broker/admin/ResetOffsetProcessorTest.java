package org.tidemq.broker.admin;

import org.tidemq.broker.ManualClock;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.RemotingSerializable;
import org.apache.rocketmq.remoting.protocol.body.ResetOffsetBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.BrokerClient;
import org.tidemq.broker.RunningBroker;
import org.tidemq.broker.TestConsumer;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

/** INVOKE_BROKER_TO_RESET_OFFSET on a running broker whose store clock the test moves. */
class ResetOffsetProcessorTest {
    private static final long T0 = 1_700_000_000_000L;
    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(T0);
    private RunningBroker running;
    private TestConsumer consumer;

    @BeforeEach
    void start() throws Exception {
        running = new RunningBroker(dir, Map.of(), clock, null);
        consumer = new TestConsumer(running.broker.brokerAddr(), "10.0.0.1@1", request -> null);
        consumer.heartbeat("CG_X", "TopicX");
        // Two messages at T0, two at T0 + 5 s, all in queue 0.
        for (int i = 0; i < 4; i++) {
            if (i == 2) {
                clock.advance(5_000);
            }
            RemotingCommand sent = running.client.sendV2("TopicX", 0, "m" + i, BrokerClient.props("WAIT", "true"));
            assertEquals(ResponseCode.SUCCESS, sent.code(), sent.remark());
        }
        await().until(() -> running.broker.store().getMaxOffsetInQueue("TopicX", 0) == 4);
    }

    @AfterEach
    void stop() {
        consumer.close();
        running.close();
    }

    private RemotingCommand reset(String topic, String group, long timestamp, boolean force) throws Exception {
        return running.client.call(RemotingCommand.request(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET)
                .putField("topic", topic).putField("group", group).putField("timestamp", timestamp)
                .putField("isForce", force));
    }

    private static RemotingCommand resetQueue0To(long offset) {
        return RemotingCommand.request(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET)
                .putField("topic", "TopicX").putField("group", "CG_X").putField("timestamp", 0)
                .putField("isForce", false).putField("queueId", 0).putField("offset", offset);
    }

    private static Map<MessageQueue, Long> decode(byte[] body) {
        return RemotingSerializable.decode(body, ResetOffsetBody.class).getOffsetTable();
    }

    private static MessageQueue queue(int id) {
        return new MessageQueue("TopicX", "broker-a", id);
    }

    @Test
    void resetToATimeCommitsTheOffsetsAndPushesThemToOnlineConsumers() throws Exception {
        running.broker.offsets().commitOffset("CG_X", "TopicX", 0, 4);

        RemotingCommand response = reset("TopicX", "CG_X", T0 + 5_000, false);

        assertEquals(ResponseCode.SUCCESS, response.code(), response.remark());
        Map<MessageQueue, Long> table = decode(response.bodyBytes());
        assertEquals(Map.of(queue(0), 2L, queue(1), 0L, queue(2), 0L, queue(3), 0L), table);
        assertEquals(2, running.broker.offsets().queryOffset("CG_X", "TopicX", 0));
        await().until(() -> consumer.received(RequestCode.RESET_CONSUMER_CLIENT_OFFSET).size() == 1);
        RemotingCommand push = consumer.received(RequestCode.RESET_CONSUMER_CLIENT_OFFSET).get(0);
        assertEquals("TopicX", push.field("topic"));
        assertEquals("CG_X", push.field("group"));
        assertEquals(Long.toString(T0 + 5_000), push.field("timestamp"));
        assertEquals(table, decode(push.bodyBytes()));
    }

    @Test
    void withoutForceAQueueOnlyMovesBackwards() throws Exception {
        running.broker.offsets().commitOffset("CG_X", "TopicX", 0, 1);

        RemotingCommand kept = reset("TopicX", "CG_X", T0 + 5_000, false);
        assertEquals(1L, decode(kept.bodyBytes()).get(queue(0)));
        assertEquals(1, running.broker.offsets().queryOffset("CG_X", "TopicX", 0));

        RemotingCommand forced = reset("TopicX", "CG_X", T0 + 5_000, true);
        assertEquals(2L, decode(forced.bodyBytes()).get(queue(0)));
        assertEquals(2, running.broker.offsets().queryOffset("CG_X", "TopicX", 0));

        RemotingCommand toEnd = reset("TopicX", "CG_X", -1, true);
        assertEquals(4L, decode(toEnd.bodyBytes()).get(queue(0)), "a negative timestamp means the max offset");
    }

    @Test
    void oneQueueCanBeSetToAnExplicitOffsetWithinItsRange() throws Exception {
        RemotingCommand response = running.client.call(resetQueue0To(3));

        assertEquals(Map.of(queue(0), 3L), decode(response.bodyBytes()));
        assertEquals(3, running.broker.offsets().queryOffset("CG_X", "TopicX", 0));
        RemotingCommand outOfRange = running.client.call(resetQueue0To(9));
        assertEquals(ResponseCode.SYSTEM_ERROR, outOfRange.code());
        assertEquals("Target offset 9 not in consume queue range [0-4]", outOfRange.remark());
    }

    @Test
    void unknownTopicOrGroupIsRefused() throws Exception {
        RemotingCommand noTopic = reset("NoSuchTopic", "CG_X", T0, true);
        assertEquals(ResponseCode.TOPIC_NOT_EXIST, noTopic.code());
        assertTrue(noTopic.remark().contains("NoSuchTopic"));

        RemotingCommand noGroup = reset("TopicX", "NO_SUCH_GROUP", T0, true);
        assertEquals(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, noGroup.code());
        assertEquals(ResponseCode.SUCCESS, reset("TopicX", "CG_X", T0, true).code(), "negative control");
    }
}
