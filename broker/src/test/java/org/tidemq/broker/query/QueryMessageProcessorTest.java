package org.tidemq.broker.query;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.BrokerClient;
import org.tidemq.broker.RunningBroker;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.message.OffsetMessageId;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

/** QUERY_MESSAGE and VIEW_MESSAGE_BY_ID on a running broker; bodies decoded by the official MessageDecoder. */
class QueryMessageProcessorTest {
    @TempDir
    Path dir;
    private RunningBroker running;

    @BeforeEach
    void start() throws Exception {
        running = new RunningBroker(dir);
    }

    @AfterEach
    void stop() {
        running.close();
    }

    private RemotingCommand send(String topic, String body, String keys, String uniqKey) throws Exception {
        RemotingCommand response = running.client.sendV2(topic, 0, body,
                BrokerClient.props(MessageProperties.KEYS, keys, MessageProperties.UNIQ_KEY, uniqKey,
                        MessageProperties.WAIT, "true"));
        assertEquals(ResponseCode.SUCCESS, response.code(), response.remark());
        return response;
    }

    private RemotingCommand query(String topic, String key, int maxNum, boolean uniqueKey) throws Exception {
        RemotingCommand request = RemotingCommand.request(RequestCode.QUERY_MESSAGE).putField("topic", topic)
                .putField("key", key).putField("maxNum", maxNum).putField("beginTimestamp", 0)
                .putField("endTimestamp", Long.MAX_VALUE);
        if (uniqueKey) {
            request.putField(QueryMessageProcessor.UNIQUE_KEY_QUERY_FLAG, "true");
        }
        return running.client.call(request);
    }

    private RemotingCommand view(long offset) throws Exception {
        return running.client.call(RemotingCommand.request(RequestCode.VIEW_MESSAGE_BY_ID).putField("offset", offset));
    }

    private static List<MessageExt> decode(RemotingCommand response) {
        return MessageDecoder.decodes(ByteBuffer.wrap(response.bodyBytes()));
    }

    private static String text(MessageExt message) {
        return new String(message.getBody(), StandardCharsets.UTF_8);
    }

    @Test
    void queryByKeyReturnsEveryMatchingMessageNewestFirst() throws Exception {
        send("TopicQ", "one", "order-1 shared", "U1");
        send("TopicQ", "two", "order-2 shared", "U2");
        send("TopicQ", "three", "order-1", "U3");
        send("OtherTopic", "elsewhere", "order-1", "U4");
        await().until(() -> query("TopicQ", "order-1", 32, false).code() == ResponseCode.SUCCESS
                && decode(query("TopicQ", "order-1", 32, false)).size() == 2);

        RemotingCommand byKey = query("TopicQ", "order-1", 32, false);
        List<MessageExt> messages = decode(byKey);
        assertEquals(List.of("three", "one"), messages.stream().map(QueryMessageProcessorTest::text).toList());
        assertTrue(messages.stream().allMatch(m -> m.getTopic().equals("TopicQ")));
        long lastUpdate = Long.parseLong(byKey.field("indexLastUpdateTimestamp"));
        assertTrue(lastUpdate >= messages.get(0).getStoreTimestamp(), byKey.extFields().toString());
        assertTrue(Long.parseLong(byKey.field("indexLastUpdatePhyoffset")) >= messages.get(0).getCommitLogOffset());

        assertEquals(List.of("three"), decode(query("TopicQ", "order-1", 1, false)).stream()
                .map(QueryMessageProcessorTest::text).toList(), "maxNum bounds the answer");
        assertEquals(List.of("two", "one"), decode(query("TopicQ", "shared", 32, false)).stream()
                .map(QueryMessageProcessorTest::text).toList(), "a token in the middle of KEYS matches");
    }

    @Test
    void uniqueKeyQueryFindsTheMessageByItsClientId() throws Exception {
        send("TopicU", "payload", "k", "7F00000100002A9F0000000000000001");
        await().until(() -> query("TopicU", "7F00000100002A9F0000000000000001", 1, true).code()
                == ResponseCode.SUCCESS);

        List<MessageExt> found = decode(query("TopicU", "7F00000100002A9F0000000000000001", 0, true));

        assertEquals(1, found.size());
        assertEquals("payload", text(found.get(0)));
        assertEquals("7F00000100002A9F0000000000000001", found.get(0).getMsgId());
    }

    @Test
    void unknownKeyAnswersQueryNotFoundWithTheIndexHeaders() throws Exception {
        send("TopicN", "x", "present", "U9");
        await().until(() -> query("TopicN", "present", 32, false).code() == ResponseCode.SUCCESS);

        RemotingCommand missing = query("TopicN", "absent", 32, false);

        assertEquals(ResponseCode.QUERY_NOT_FOUND, missing.code());
        assertEquals("can not find message, maybe time range not correct", missing.remark());
        assertTrue(Long.parseLong(missing.field("indexLastUpdateTimestamp")) > 0);
    }

    @Test
    void viewByIdReturnsTheStoredRecordAtTheOffsetOfTheMessageId() throws Exception {
        send("TopicV", "skip", "a", "V1");
        RemotingCommand sent = send("TopicV", "viewed", "b", "V2");
        long offset = OffsetMessageId.decode(sent.field("msgId")).commitLogOffset();

        // A record becomes visible once dispatched, which may trail the send answer by a moment.
        await().until(() -> view(offset).code() == ResponseCode.SUCCESS);
        RemotingCommand view = view(offset);

        assertEquals(ResponseCode.SUCCESS, view.code(), view.remark());
        MessageExt message = MessageDecoder.decode(ByteBuffer.wrap(view.bodyBytes()));
        assertEquals("viewed", text(message));
        assertEquals(sent.field("msgId"), message.getMsgId(), "the official decoder rebuilds the offset id");
        assertEquals(offset, message.getCommitLogOffset());
    }

    @Test
    void viewOfAnOffsetWithoutMessageIsAnError() throws Exception {
        send("TopicV", "only", "a", "V1");

        await().until(() -> running.broker.store().getMaxOffsetInQueue("TopicV", 0) == 1);
        RemotingCommand view = view(7);

        assertEquals(ResponseCode.SYSTEM_ERROR, view.code());
        assertEquals("can not find message by the offset, 7", view.remark());
    }
}
