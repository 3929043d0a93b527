package org.tidemq.it.officialclient;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tidemq.it.officialclient.TestMessages.message;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.rocketmq.client.QueryResult;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.it.support.TideCluster;

/**
 * Message lookups of the official 5.2.0 client against TideMQ started through bin/: {@code queryMessage} by key
 * (QUERY_MESSAGE on the broker's index) returns exactly the messages carrying that key, intact; {@code viewMessage}
 * by offset message id (VIEW_MESSAGE_BY_ID) and by unique key ({@code queryMessageByUniqKey}, and the producer's
 * {@code viewMessage} that falls back to it) return the very message that was sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageQueryIT {
    private static final String TOPIC = "OC_Query";

    private TideCluster cluster;
    private DefaultMQAdminExt admin;
    private DefaultMQProducer producer;
    private long sentFrom;
    private final List<SendResult> keyed = new ArrayList<>();
    private final List<SendResult> others = new ArrayList<>();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        cluster = TideCluster.start(dir, Map.of());
        cluster.createTopic(TOPIC, 4);
        admin = cluster.admin();
        producer = cluster.producer("PG_OC_QUERY");
        sentFrom = System.currentTimeMillis() - 60_000;
        for (int i = 0; i < 12; i++) {
            boolean withKey = i % 3 == 0;
            Message message = message(TOPIC, "TagQ", withKey ? "wanted" : "other", i);
            // Two keys on the wanted ones: the lookup must match either of a message's keys.
            message.setKeys(withKey ? List.of("order-4711", "customer-" + i) : List.of("order-0815"));
            SendResult result = producer.send(message);
            assertEquals(SendStatus.SEND_OK, result.getSendStatus());
            (withKey ? keyed : others).add(result);
        }
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void queryByKeyReturnsExactlyTheMessagesWithThatKey() throws Exception {
        long until = System.currentTimeMillis() + 60_000;
        QueryResult result = await("key index").atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> admin.queryMessage(TOPIC, "order-4711", 32, sentFrom, until),
                        r -> r.getMessageList().size() >= keyed.size());
        List<MessageExt> found = result.getMessageList();
        assertEquals(new TreeSet<>(keyed.stream().map(SendResult::getMsgId).toList()),
                new TreeSet<>(found.stream().map(MessageExt::getMsgId).toList()));
        assertEquals(keyed.size(), found.size(), "each message once");
        for (MessageExt message : found) {
            int index = Integer.parseInt(message.getUserProperty("idx"));
            assertEquals(TOPIC, message.getTopic());
            assertEquals("TagQ", message.getTags());
            assertEquals("order-4711 customer-" + index, message.getKeys());
            assertEquals(TestMessages.body("wanted", index), TestMessages.body(message));
        }
        QueryResult second = admin.queryMessage(TOPIC, "customer-3", 32, sentFrom, until);
        assertEquals(List.of(TestMessages.body("wanted", 3)),
                second.getMessageList().stream().map(TestMessages::body).toList());
        QueryResult otherKey = admin.queryMessage(TOPIC, "order-0815", 32, sentFrom, until);
        assertEquals(new TreeSet<>(others.stream().map(SendResult::getMsgId).toList()),
                new TreeSet<>(otherKey.getMessageList().stream().map(MessageExt::getMsgId).toList()));
    }

    @Test
    void viewByOffsetMessageIdReturnsTheSentMessage() throws Exception {
        for (SendResult sent : keyed) {
            MessageExt message = admin.viewMessage(TOPIC, sent.getOffsetMsgId());
            assertSame(sent, message);
        }
        SendResult sent = others.get(0);
        assertSame(sent, producer.viewMessage(TOPIC, sent.getOffsetMsgId()));
    }

    @Test
    void lookupByUniqueKeyReturnsTheSentMessage() throws Exception {
        long until = System.currentTimeMillis() + 60_000;
        for (SendResult sent : others) {
            QueryResult result = await("unique key index").atMost(Duration.ofSeconds(20)).ignoreExceptions()
                    .until(() -> admin.queryMessageByUniqKey(TOPIC, sent.getMsgId(), 32, sentFrom, until),
                            r -> !r.getMessageList().isEmpty());
            assertEquals(1, result.getMessageList().size(), result.getMessageList().toString());
            assertSame(sent, result.getMessageList().get(0));
        }
        // The producer's viewMessage takes a unique key too: not an offset id, so it queries the index.
        SendResult sent = keyed.get(1);
        assertSame(sent, producer.viewMessage(TOPIC, sent.getMsgId()));
    }

    private static void assertSame(SendResult sent, MessageExt found) {
        assertEquals(sent.getMsgId(), found.getMsgId());
        assertEquals(TOPIC, found.getTopic());
        assertEquals(sent.getMessageQueue().getQueueId(), found.getQueueId());
        assertEquals(sent.getQueueOffset(), found.getQueueOffset());
        String kind = found.getUserProperty("kind");
        int index = Integer.parseInt(found.getUserProperty("idx"));
        assertEquals(TestMessages.body(kind, index), TestMessages.body(found));
    }
}
