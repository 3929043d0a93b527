package org.tidemq.tools.admin.command.message;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.client.admin.AdminException;
import org.tidemq.client.admin.DirectConsumeResult;
import org.tidemq.client.admin.MessageTrack;
import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.message.StoredMessage;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.tools.admin.FakeCluster;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** queryMsgById / queryMsgByUniqueKey: the -g/-d direct consumption and the consumer-group tracks after a message. */
class DirectConsumeAndTrackTest {
    private static final String NS = "ns:9876";
    private static final String PUSH_INFO = "{\"properties\":{\"PROP_CONSUME_TYPE\":\"CONSUME_PASSIVELY\"}}";
    private static final String PULL_INFO = "{\"properties\":{\"PROP_CONSUME_TYPE\":\"CONSUME_ACTIVELY\"}}";

    private static ReceivedMessage message() {
        InetSocketAddress host = new InetSocketAddress("127.0.0.1", 10911);
        StoredMessage stored = new StoredMessage(0, 0, 0, 1, 0, 7, 512, 0, 1L, host, 2L, host, 0, 0,
                ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)), "T",
                MessageProperties.encode(Map.of(MessageProperties.TAGS, "TagA", MessageProperties.UNIQ_KEY, "U1")));
        return ReceivedMessage.fromStored(stored, "b");
    }

    @Test
    void directConsumptionPrintsTheConsumersResultInApachesLayout() {
        ReceivedMessage message = message();
        FakeCluster cluster = new FakeCluster()
                .on("viewMessage", args -> message)
                .on("consumerRunningInfo", args -> {
                    assertEquals(List.of("G", "c@1", false), List.of(args));
                    return PUSH_INFO;
                })
                .on("consumeMessageDirectly", args -> {
                    assertEquals(List.of("G", "c@1", "T", message.offsetMessageId()), List.of(args));
                    return new DirectConsumeResult(false, true, "CR_SUCCESS", null, 3);
                });

        assertEquals(0, cluster.run("queryMsgById", "-i", message.offsetMessageId(), "-g", "G", "-d", "c@1", "-n",
                NS));

        assertEquals(List.of("ConsumeMessageDirectlyResult [order=false, autoCommit=true, consumeResult=CR_SUCCESS, "
                + "remark=null, spentTimeMills=3]"), cluster.outLines());
    }

    @Test
    void pullConsumerOrUnreachableClientIsNotDirectlyConsumed() {
        ReceivedMessage message = message();
        FakeCluster pull = new FakeCluster().on("viewMessage", args -> message)
                .on("consumerRunningInfo", args -> PULL_INFO);
        assertEquals(0, pull.run("queryMsgById", "-i", message.offsetMessageId(), "-g", "G", "-d", "c@1", "-n", NS));
        assertEquals(List.of("this c@1 client is not push consumer ,not support direct push "), pull.outLines());
        assertTrue(!pull.calls.contains("consumeMessageDirectly"));

        FakeCluster gone = new FakeCluster().on("queryAllByUniqueKey", args -> List.of(message))
                .on("consumerRunningInfo", args -> {
                    throw new AdminException("no such client", ResponseCode.SYSTEM_ERROR);
                });
        assertEquals(0, gone.run("queryMsgByUniqueKey", "-t", "T", "-i", "U1", "-g", "G", "-d", "c@9", "-n", NS));
        assertEquals(List.of("get consumer runtime info for c@9 client failed ",
                "get consumer info failed or this c@9 client is not push consumer ,not support direct push "),
                gone.outLines());
    }

    @Test
    void uniqueKeyDirectConsumptionUsesTheOffsetIdOfTheStoredMessage() {
        ReceivedMessage message = message();
        FakeCluster cluster = new FakeCluster().on("queryAllByUniqueKey", args -> List.of(message))
                .on("consumerRunningInfo", args -> PUSH_INFO)
                .on("consumeMessageDirectly", args -> {
                    assertEquals(message.offsetMessageId(), args[3]);
                    return new DirectConsumeResult(true, true, "CR_LATER", null, 0);
                });
        assertEquals(0, cluster.run("queryMsgByUniqueKey", "-t", "T", "-i", "U1", "-g", "G", "-d", "c@1", "-n", NS));
        assertEquals(List.of("ConsumeMessageDirectlyResult [order=true, autoCommit=true, consumeResult=CR_LATER, "
                + "remark=null, spentTimeMills=0]"), cluster.outLines());
    }

    @Test
    void tracksFollowTheMessageBlock(@TempDir Path bodies) {
        ReceivedMessage message = message();
        FakeCluster cluster = new FakeCluster().on("viewMessage", args -> message)
                .on("messageTrack", args -> List.of(
                        new MessageTrack("G1", MessageTrack.TrackType.CONSUMED, null),
                        new MessageTrack("G2", MessageTrack.TrackType.NOT_ONLINE, "CODE:206 DESC:gone")));
        assertEquals(0, cluster.run("queryMsgById", "-i", message.offsetMessageId(), "-n", NS));
        List<String> lines = cluster.outLines();
        int bodyPath = lines.indexOf(lines.stream().filter(l -> l.startsWith("Message Body Path:")).findFirst()
                .orElseThrow());
        assertEquals(List.of("", "",
                "MessageTrack [consumerGroup=G1, trackType=CONSUMED, exceptionDesc=null]",
                "MessageTrack [consumerGroup=G2, trackType=NOT_ONLINE, exceptionDesc=CODE:206 DESC:gone]"),
                lines.subList(bodyPath + 1, lines.size()));

        FakeCluster nobody = new FakeCluster().on("viewMessage", args -> message)
                .on("messageTrack", args -> List.of());
        assertEquals(0, nobody.run("queryMsgById", "-i", message.offsetMessageId(), "-n", NS));
        assertEquals("WARN: No Consumer", nobody.outLines().get(nobody.outLines().size() - 1));

        FakeCluster failing = new FakeCluster().on("viewMessage", args -> message)
                .on("messageTrack", args -> {
                    throw new AdminException("QUERY_TOPIC_CONSUME_BY_WHO T got no answer", ResponseCode.SYSTEM_ERROR);
                });
        assertEquals(0, failing.run("queryMsgById", "-i", message.offsetMessageId(), "-n", NS));
        assertTrue(failing.outLines().contains("Topic:               T"), failing.out::toString);
        assertEquals(1, failing.err.toString().lines().count(), failing.err::toString);
        assertTrue(failing.err.toString().startsWith("WARN: cannot tell which consumer groups consumed"));
    }

    @Test
    void resendCopiesTheApplicationsPartsOnly() {
        InetSocketAddress host = new InetSocketAddress("127.0.0.1", 10911);
        StoredMessage stored = new StoredMessage(0, 0, 0, 1, 3, 7, 512, 0, 1L, host, 2L, host, 0, 0,
                ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)), "T", MessageProperties.encode(Map.of(
                MessageProperties.TAGS, "TagA", MessageProperties.KEYS, "k1 k2", MessageProperties.UNIQ_KEY, "U1",
                "WAIT", "true", "MAX_OFFSET", "9", "color", "red")));
        org.tidemq.client.producer.Message copy = Resend.copyOf(ReceivedMessage.fromStored(stored, "b"));
        assertEquals("T", copy.topic());
        assertEquals("TagA", copy.tags());
        assertEquals(List.of("k1", "k2"), copy.keys());
        assertEquals("hello", copy.bodyText());
        assertEquals(3, copy.flag());
        assertEquals(Map.of("color", "red"), copy.userProperties());
    }
}
