package org.tidemq.client.consumer.internal;

import org.junit.jupiter.api.Test;
import org.tidemq.client.FakeRemotingClient;
import org.tidemq.client.MessageQueue;
import org.tidemq.client.consumer.ConsumerException;
import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.client.consumer.StoredMessages;
import org.tidemq.common.message.BodyCompression;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.message.MessageSysFlag;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PullApiTest {
    private static final String BROKER = "10.0.0.1:10911";
    private static final MessageQueue QUEUE = new MessageQueue("T", "broker-a", 2);

    private final FakeRemotingClient remoting = new FakeRemotingClient();
    private final PullApi api = new PullApi(remoting);

    private static PullSpec spec(String expression, long commitOffset, boolean suspend) {
        return new PullSpec("CG", QUEUE, expression, null, 42L, 10, 32, commitOffset, suspend, 15_000, 3_000);
    }

    private static Map<String, String> offsets(long next, long min, long max, long suggested) {
        return Map.of("nextBeginOffset", Long.toString(next), "minOffset", Long.toString(min),
                "maxOffset", Long.toString(max), "suggestWhichBrokerId", Long.toString(suggested));
    }

    @Test
    void requestCarriesEveryHeaderFieldAndTheSysFlagBits() {
        remoting.on(RequestCode.PULL_MESSAGE, (address, request) ->
                FakeRemotingClient.answer(ResponseCode.PULL_NOT_FOUND, "OFFSET_OVERFLOW_ONE", offsets(10, 0, 10, 0),
                        null));

        api.pull(BROKER, spec("TagA || TagB", 7, true)).join();

        FakeRemotingClient.Sent sent = remoting.sent(RequestCode.PULL_MESSAGE).get(0);
        assertEquals(BROKER, sent.address());
        assertEquals("CG", sent.field("consumerGroup"));
        assertEquals("T", sent.field("topic"));
        assertEquals("2", sent.field("queueId"));
        assertEquals("10", sent.field("queueOffset"));
        assertEquals("32", sent.field("maxMsgNums"));
        assertEquals(Integer.toString(PullApi.FLAG_COMMIT_OFFSET | PullApi.FLAG_SUSPEND | PullApi.FLAG_SUBSCRIPTION),
                sent.field("sysFlag"));
        assertEquals("7", sent.field("commitOffset"));
        assertEquals("15000", sent.field("suspendTimeoutMillis"));
        assertEquals("TagA || TagB", sent.field("subscription"));
        assertEquals("42", sent.field("subVersion"));
        assertEquals("TAG", sent.field("expressionType"));
        assertEquals("broker-a", sent.field("bname"));
    }

    @Test
    void noSubscriptionNoCommitNoSuspendLeavesTheBitsClear() {
        remoting.on(RequestCode.PULL_MESSAGE, (address, request) ->
                FakeRemotingClient.answer(ResponseCode.PULL_NOT_FOUND, null, offsets(10, 0, 10, 0), null));

        api.pull(BROKER, spec(null, 0, false)).join();

        FakeRemotingClient.Sent sent = remoting.sent(RequestCode.PULL_MESSAGE).get(0);
        assertEquals("0", sent.field("sysFlag"));
        assertEquals("0", sent.field("commitOffset"));
        assertNull(sent.field("subscription"));
        assertNull(sent.field("expressionType"));
        assertEquals(15, PullApi.sysFlag(true, true, true, true));
    }

    @Test
    void suspendedPullsWaitLongerThanTheBrokerHold() {
        assertEquals(20_000, spec("*", 0, true).effectiveTimeoutMillis());
        assertEquals(3_000, spec("*", 0, false).effectiveTimeoutMillis());
    }

    @Test
    void foundDecodesStoredMessagesAndFiltersTagsExactly() {
        // "Aa" and "BB" share String.hashCode(): the broker lets both through, the client must drop "BB".
        assertEquals("Aa".hashCode(), "BB".hashCode());
        byte[] body = new StoredMessages()
                .add("T", 2, 10, "Aa", "k1 k2", "first", Map.of("color", "blue", MessageProperties.UNIQ_KEY, "U1"))
                .add("T", 2, 11, "BB", null, "collision", Map.of())
                .add("T", 2, 12, "TagC", "k3", "third", Map.of())
                .bytes();
        remoting.on(RequestCode.PULL_MESSAGE, (address, request) ->
                FakeRemotingClient.answer(ResponseCode.SUCCESS, "FOUND", offsets(13, 0, 13, 1), body));

        PullResult result = api.pull(BROKER, spec("Aa || TagC", 0, true)).join();

        assertEquals(PullStatus.FOUND, result.status());
        assertEquals(13, result.nextBeginOffset());
        assertEquals(0, result.minOffset());
        assertEquals(13, result.maxOffset());
        assertEquals(1, result.suggestedBrokerId());
        assertEquals(List.of(10L, 12L), result.messages().stream().map(ReceivedMessage::queueOffset).toList());
        ReceivedMessage first = result.messages().get(0);
        assertEquals("first", first.bodyAsString());
        assertEquals("Aa", first.tags());
        assertEquals(List.of("k1", "k2"), first.keys());
        assertEquals("blue", first.property("color"));
        assertEquals("U1", first.messageId());
        assertEquals("T", first.topic());
        assertEquals(QUEUE, first.messageQueue());
        assertEquals(StoredMessages.STORE_HOST, first.storeHost());
        assertEquals(StoredMessages.BORN_HOST, first.bornHost());
        assertEquals(1_700_000_000_010L, first.bornTimestamp());
        assertEquals(1_700_000_000_510L, first.storeTimestamp());
        assertEquals(4096, first.commitLogOffset());
        assertEquals("7F00000100002A9F0000000000001000", first.offsetMessageId());
        assertEquals(7, first.flag());
        ReceivedMessage third = result.messages().get(1);
        assertEquals(third.offsetMessageId(), third.messageId(), "no UNIQ_KEY: the offset id is the message id");
        assertThrows(UnsupportedOperationException.class, () -> first.properties().put("x", "y"));
    }

    @Test
    void compressedBodiesAreInflated() {
        byte[] original = "x".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        byte[] compressed = BodyCompression.zlib(original, 5);
        byte[] body = new StoredMessages().addRaw("T", 2, 10, MessageSysFlag.COMPRESSED | BodyCompression.TYPE_ZLIB,
                compressed, MessageProperties.encode(Map.of(MessageProperties.TAGS, "TagA"))).bytes();
        remoting.on(RequestCode.PULL_MESSAGE, (address, request) ->
                FakeRemotingClient.answer(ResponseCode.SUCCESS, "FOUND", offsets(11, 0, 11, 0), body));

        ReceivedMessage message = api.pull(BROKER, spec("*", 0, true)).join().messages().get(0);

        assertArrayEquals(original, message.body());
        assertTrue(compressed.length < original.length);
    }

    @Test
    void mapsTheNonFoundCodesToStatuses() {
        for (int[] pair : new int[][]{{ResponseCode.PULL_NOT_FOUND, 0}, {ResponseCode.PULL_RETRY_IMMEDIATELY, 1},
                {ResponseCode.PULL_OFFSET_MOVED, 2}}) {
            FakeRemotingClient fake = new FakeRemotingClient().on(RequestCode.PULL_MESSAGE, (address, request) ->
                    FakeRemotingClient.answer(pair[0], null, offsets(99, 5, 120, 0), null));
            PullResult result = new PullApi(fake).pull(BROKER, spec("*", 0, true)).join();
            PullStatus expected = List.of(PullStatus.NO_NEW_MSG, PullStatus.NO_MATCHED_MSG, PullStatus.OFFSET_ILLEGAL)
                    .get(pair[1]);
            assertEquals(expected, result.status());
            assertEquals(99, result.nextBeginOffset());
            assertEquals(5, result.minOffset());
            assertEquals(120, result.maxOffset());
            assertTrue(result.messages().isEmpty());
        }
    }

    @Test
    void otherCodesFailWithTheBrokersCode() {
        remoting.on(RequestCode.PULL_MESSAGE, (address, request) ->
                FakeRemotingClient.answer(ResponseCode.SUBSCRIPTION_NOT_EXIST, "no subscription", Map.of(), null));

        CompletionException error = assertThrows(CompletionException.class,
                () -> api.pull(BROKER, spec("*", 0, true)).join());

        ConsumerException cause = assertInstanceOf(ConsumerException.class, error.getCause());
        assertEquals(ResponseCode.SUBSCRIPTION_NOT_EXIST, cause.responseCode());
        assertTrue(cause.getMessage().contains("no subscription"), cause.getMessage());
    }

    @Test
    void missingOffsetsAndCorruptBodiesAreErrors() {
        remoting.on(RequestCode.PULL_MESSAGE, (address, request) ->
                FakeRemotingClient.answer(ResponseCode.PULL_NOT_FOUND, null, Map.of("nextBeginOffset", "3"), null));
        CompletionException missing = assertThrows(CompletionException.class,
                () -> api.pull(BROKER, spec("*", 0, true)).join());
        assertTrue(missing.getCause().getMessage().contains("minOffset"), missing.getCause().getMessage());

        byte[] body = new StoredMessages().add("T", 2, 10, "TagA", null, "abc", Map.of()).bytes();
        byte[] truncated = Arrays.copyOf(body, body.length - 3);
        FakeRemotingClient fake = new FakeRemotingClient().on(RequestCode.PULL_MESSAGE, (address, request) ->
                FakeRemotingClient.answer(ResponseCode.SUCCESS, "FOUND", offsets(11, 0, 11, 0), truncated));
        CompletionException corrupt = assertThrows(CompletionException.class,
                () -> new PullApi(fake).pull(BROKER, spec("*", 0, true)).join());
        assertInstanceOf(ConsumerException.class, corrupt.getCause());
        assertTrue(corrupt.getCause().getMessage().contains("undecodable"), corrupt.getCause().getMessage());
    }
}
