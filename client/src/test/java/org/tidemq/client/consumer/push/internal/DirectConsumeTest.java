package org.tidemq.client.consumer.push.internal;

import org.apache.rocketmq.remoting.protocol.body.CMResult;
import org.apache.rocketmq.remoting.protocol.body.ConsumeMessageDirectlyResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tidemq.client.FakeRemotingClient;
import org.tidemq.client.MessageQueue;
import org.tidemq.client.consumer.ConsumeFromWhere;
import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.client.consumer.StoredMessages;
import org.tidemq.client.consumer.push.ConcurrentListener;
import org.tidemq.client.consumer.push.OrderlyListener;
import org.tidemq.client.consumer.push.PushConsumer;
import org.tidemq.client.consumer.push.PushConsumerBuilder;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CONSUME_MESSAGE_DIRECTLY (309) as a broker relays it: the stored record in the body reaches the listener once and
 * the answer decodes as the official ConsumeMessageDirectlyResult.
 */
class DirectConsumeTest {
    private static final String ROUTE = """
            {"brokerDatas":[{"brokerAddrs":{0:"10.0.0.1:10911"},"brokerName":"broker-a","cluster":"c"}],
             "queueDatas":[{"brokerName":"broker-a","perm":6,"readQueueNums":1,"writeQueueNums":1,"topicSysFlag":0}]}""";

    private final FakeRemotingClient remoting = new FakeRemotingClient();
    private final ManualScheduler scheduler = new ManualScheduler();
    private PushConsumer consumer;

    DirectConsumeTest() {
        remoting.on(RequestCode.GET_ROUTEINFO_BY_TOPIC, (address, request) ->
                FakeRemotingClient.answer(0, null, Map.of(), ROUTE.getBytes(StandardCharsets.UTF_8)));
        remoting.on(RequestCode.GET_CONSUMER_LIST_BY_GROUP, (address, request) -> FakeRemotingClient.answer(0, null,
                Map.of(), "{\"consumerIdList\":[\"me\"]}".getBytes(StandardCharsets.UTF_8)));
        remoting.on(RequestCode.QUERY_CONSUMER_OFFSET, (address, request) ->
                FakeRemotingClient.answer(ResponseCode.QUERY_NOT_FOUND, "none", Map.of(), null));
        remoting.on(RequestCode.PULL_MESSAGE, (address, request) -> new CompletableFuture<>());
    }

    @AfterEach
    void close() {
        if (consumer != null) {
            consumer.close();
        }
    }

    private BrokerRequests start(PushConsumerBuilder builder) {
        consumer = builder.namesrvAddr("127.0.0.1:9876").group("G").subscribe("T", "*")
                .consumeFrom(ConsumeFromWhere.FIRST_OFFSET).consumeThreads(1).remotingClient(remoting)
                .scheduler(scheduler).clock(scheduler::now).clientId("me").shutdownTimeout(Duration.ofSeconds(5))
                .build();
        consumer.start();
        scheduler.runDue();
        return new BrokerRequests((DefaultPushConsumer) consumer);
    }

    private static RemotingCommand request(String group, byte[] body) {
        return RemotingCommand.request(RequestCode.CONSUME_MESSAGE_DIRECTLY).putField("consumerGroup", group)
                .putField("clientId", "me").putField("msgId", "ignored").putField("brokerName", "broker-a")
                .setBody(body);
    }

    private static byte[] storedRecord(String topic, String body, Map<String, String> properties) {
        return new StoredMessages().add(topic, 3, 41, "TagA", "k1", body, properties).bytes();
    }

    private static ConsumeMessageDirectlyResult official(RemotingCommand answer) {
        assertEquals(ResponseCode.SUCCESS, answer.code(), answer::remark);
        return ConsumeMessageDirectlyResult.decode(answer.bodyBytes(), ConsumeMessageDirectlyResult.class);
    }

    @Test
    void listenerSeesTheStoredMessageOnceAndSuccessIsReported() {
        List<ReceivedMessage> seen = new CopyOnWriteArrayList<>();
        BrokerRequests requests = start(PushConsumer.builder().concurrentListener(messages -> {
            seen.addAll(messages);
            return ConcurrentListener.Result.SUCCESS;
        }));
        ConsumeMessageDirectlyResult result = official(requests.consumeDirectly(
                request("G", storedRecord("T", "direct body", Map.of()))));
        assertEquals(CMResult.CR_SUCCESS, result.getConsumeResult());
        assertFalse(result.isOrder());
        assertTrue(result.isAutoCommit());
        assertNull(result.getRemark());
        assertTrue(result.getSpentTimeMills() >= 0);
        assertEquals(1, seen.size());
        ReceivedMessage message = seen.get(0);
        assertEquals("direct body", message.bodyAsString());
        assertEquals(new MessageQueue("T", "broker-a", 3), new MessageQueue(message.topic(), message.brokerName(),
                message.queueId()));
        assertEquals(41, message.queueOffset());
        assertTrue(remoting.sent(RequestCode.CONSUMER_SEND_MSG_BACK).isEmpty(), "nothing is sent back");
        assertTrue(remoting.sent(RequestCode.UPDATE_CONSUMER_OFFSET).isEmpty(), "no offset moves");
    }

    @Test
    void laterNullAndExceptionMapToRocketMqResults() {
        List<Object> answers = new CopyOnWriteArrayList<>(List.of(ConcurrentListener.Result.RECONSUME_LATER, "null",
                "throw"));
        BrokerRequests requests = start(PushConsumer.builder().concurrentListener(messages -> {
            Object next = answers.remove(0);
            if (next.equals("throw")) {
                throw new IllegalStateException("listener broke on " + messages.get(0).bodyAsString());
            }
            return next.equals("null") ? null : (ConcurrentListener.Result) next;
        }));
        byte[] record = storedRecord("T", "b", Map.of());
        assertEquals(CMResult.CR_LATER, official(requests.consumeDirectly(request("G", record))).getConsumeResult());
        assertEquals(CMResult.CR_RETURN_NULL,
                official(requests.consumeDirectly(request("G", record))).getConsumeResult());
        ConsumeMessageDirectlyResult thrown = official(requests.consumeDirectly(request("G", record)));
        assertEquals(CMResult.CR_THROW_EXCEPTION, thrown.getConsumeResult());
        assertTrue(thrown.getRemark().startsWith("java.lang.IllegalStateException: listener broke on b, "),
                thrown.getRemark());
    }

    @Test
    void orderlyListenerAnswersWithOrderSetAndItsQueue() {
        List<MessageQueue> queues = new CopyOnWriteArrayList<>();
        BrokerRequests requests = start(PushConsumer.builder().orderlyListener((messages, queue) -> {
            queues.add(queue);
            return OrderlyListener.Result.SUSPEND_CURRENT_QUEUE_A_MOMENT;
        }));
        ConsumeMessageDirectlyResult result = official(requests.consumeDirectly(
                request("G", storedRecord("T", "o", Map.of()))));
        assertTrue(result.isOrder());
        assertEquals(CMResult.CR_LATER, result.getConsumeResult());
        assertEquals(List.of(new MessageQueue("T", "broker-a", 3)), queues);
    }

    @Test
    void redeliveryIsShownUnderItsOriginalTopic() {
        List<String> topics = new CopyOnWriteArrayList<>();
        BrokerRequests requests = start(PushConsumer.builder().concurrentListener(messages -> {
            topics.add(messages.get(0).topic());
            return ConcurrentListener.Result.SUCCESS;
        }));
        official(requests.consumeDirectly(request("G", storedRecord("%RETRY%G", "r", Map.of("RETRY_TOPIC", "T")))));
        assertEquals(List.of("T"), topics);
    }

    @Test
    void otherGroupAndUnreadableBodyAreRefusedWithoutCallingTheListener() {
        List<ReceivedMessage> seen = new CopyOnWriteArrayList<>();
        BrokerRequests requests = start(PushConsumer.builder().concurrentListener(messages -> {
            seen.addAll(messages);
            return ConcurrentListener.Result.SUCCESS;
        }));
        RemotingCommand otherGroup = requests.consumeDirectly(request("other", storedRecord("T", "x", Map.of())));
        assertEquals(ResponseCode.SYSTEM_ERROR, otherGroup.code());
        assertEquals("The Consumer Group <other> not exist in this consumer", otherGroup.remark());
        RemotingCommand garbage = requests.consumeDirectly(request("G", new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
        assertEquals(ResponseCode.SYSTEM_ERROR, garbage.code());
        assertTrue(garbage.remark().startsWith("CONSUME_MESSAGE_DIRECTLY body is not a stored message"),
                garbage.remark());
        RemotingCommand empty = requests.consumeDirectly(request("G", null));
        assertEquals(ResponseCode.SYSTEM_ERROR, empty.code());
        assertTrue(seen.isEmpty());
    }
}
