package org.tidemq.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.ClientConfig;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.impl.MQClientAPIImpl;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.InvokeCallback;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.ResponseFuture;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.body.ConsumerRunningInfo;
import org.apache.rocketmq.remoting.protocol.body.GetConsumerStatusBody;
import org.apache.rocketmq.remoting.protocol.body.LockBatchRequestBody;
import org.apache.rocketmq.remoting.protocol.header.QueryMessageRequestHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

/**
 * The official 5.2.0 client's own broker calls ({@code MQClientAPIImpl}: the code paths DefaultMQPushConsumer and
 * mqadmin use) against a running TideMQ broker, for the codes of locks, query/view, send-back, offset reset,
 * consumer relays, broker config and topic lists.
 */
class OfficialClientApiInteropTest {
    private static final long TIMEOUT_MS = 5_000;
    @TempDir
    Path dir;
    private RunningBroker running;
    /** One official client for the class: its shutdown takes seconds. */
    private static MQClientAPIImpl api;
    private String addr;

    @BeforeAll
    static void startClient() {
        ClientConfig clientConfig = new ClientConfig();
        clientConfig.setVipChannelEnabled(false);
        api = new MQClientAPIImpl(new NettyClientConfig(), null, null, clientConfig);
        api.start();
    }

    @AfterAll
    static void stopClient() {
        api.shutdown();
    }

    @BeforeEach
    void start() throws Exception {
        running = new RunningBroker(dir);
        addr = running.broker.brokerAddr();
    }

    @AfterEach
    void stop() {
        running.close();
    }

    private String send(String topic, String body, String key) throws Exception {
        org.tidemq.common.remoting.RemotingCommand response = running.client.sendV2(topic, 0, body,
                BrokerClient.props(MessageProperties.KEYS, key, MessageProperties.UNIQ_KEY, "U-" + body,
                        MessageProperties.WAIT, "true"));
        assertEquals(ResponseCode.SUCCESS, response.code(), response.remark());
        return response.field("msgId");
    }

    @Test
    void lockQueryViewAndSendBack() throws Exception {
        LockBatchRequestBody lock = new LockBatchRequestBody();
        lock.setConsumerGroup("CG_OFFICIAL");
        lock.setClientId("127.0.0.1@official");
        lock.setMqSet(Set.of(new MessageQueue("TopicO", "broker-a", 0), new MessageQueue("TopicO", "broker-a", 1)));
        assertEquals(lock.getMqSet(), api.lockBatchMQ(addr, lock, TIMEOUT_MS));

        String msgId = send("TopicO", "first", "order-7");
        send("TopicO", "second", "order-8");
        await().until(() -> queryByKey("order-7").getCode() == ResponseCode.SUCCESS);
        List<MessageExt> found = MessageDecoder.decodes(ByteBuffer.wrap(queryByKey("order-7").getBody()));
        assertEquals(1, found.size());
        assertEquals("first", new String(found.get(0).getBody(), StandardCharsets.UTF_8));

        MessageExt viewed = api.viewMessage(addr, found.get(0).getCommitLogOffset(), TIMEOUT_MS);
        assertEquals("U-first", viewed.getMsgId(), "the client shows the unique key as msgId");
        assertEquals(msgId, MessageDecoder.createMessageId(ByteBuffer.allocate(16), viewed.getStoreHostBytes(),
                viewed.getCommitLogOffset()), "store host and offset rebuild the offset message id");
        assertEquals("order-7", viewed.getKeys());

        api.consumerSendMessageBack(addr, "broker-a", viewed, "CG_OFFICIAL", 0, TIMEOUT_MS, 16);
        assertNotNull(running.broker.topics().select("%RETRY%CG_OFFICIAL"));
        // Delay level 3 + 0 reconsumptions: parked in the schedule topic's queue 2 until its 10 s have passed.
        await().until(() -> running.broker.store().getMaxOffsetInQueue("SCHEDULE_TOPIC_XXXX", 2) == 1);
    }

    private RemotingCommand queryByKey(String key) throws Exception {
        QueryMessageRequestHeader header = new QueryMessageRequestHeader();
        header.setTopic("TopicO");
        header.setKey(key);
        header.setMaxNum(32);
        header.setBeginTimestamp(0L);
        header.setEndTimestamp(Long.MAX_VALUE);
        CompletableFuture<RemotingCommand> answer = new CompletableFuture<>();
        api.queryMessage(addr, header, TIMEOUT_MS, new InvokeCallback() {
            @Override
            public void operationComplete(ResponseFuture responseFuture) {
                // operationSucceed / operationFail carry the outcome.
            }

            @Override
            public void operationSucceed(RemotingCommand response) {
                answer.complete(response);
            }

            @Override
            public void operationFail(Throwable throwable) {
                answer.completeExceptionally(throwable);
            }
        }, false);
        return answer.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    @Test
    void resetOffsetAndConsumerRelays() throws Exception {
        ConsumerRunningInfo info = new ConsumerRunningInfo();
        info.getProperties().put("PROP_CLIENT_VERSION", "V5_2_0");
        try (TestConsumer consumer = new TestConsumer(addr, "127.0.0.1@relay", request -> {
            if (request.code() == RequestCode.GET_CONSUMER_RUNNING_INFO) {
                return org.tidemq.common.remoting.RemotingCommand.successTo(request).setBody(info.encode());
            }
            GetConsumerStatusBody status = new GetConsumerStatusBody();
            Map<MessageQueue, Long> table = new HashMap<>();
            table.put(new MessageQueue("TopicO", "broker-a", 0), 2L);
            status.setMessageQueueTable(table);
            return org.tidemq.common.remoting.RemotingCommand.successTo(request).setBody(status.encode());
        }, RequestCode.GET_CONSUMER_RUNNING_INFO, RequestCode.GET_CONSUMER_STATUS_FROM_CLIENT)) {
            consumer.heartbeat("CG_OFFICIAL", "TopicO");
            send("TopicO", "a", "k");
            send("TopicO", "b", "k");
            await().until(() -> running.broker.store().getMaxOffsetInQueue("TopicO", 0) == 2);

            Map<MessageQueue, Long> reset = api.invokeBrokerToResetOffset(addr, "TopicO", "CG_OFFICIAL", -1, true,
                    TIMEOUT_MS);
            assertEquals(2L, reset.get(new MessageQueue("TopicO", "broker-a", 0)));
            assertEquals(2, running.broker.offsets().queryOffset("CG_OFFICIAL", "TopicO", 0));
            await().until(() -> consumer.received(RequestCode.RESET_CONSUMER_CLIENT_OFFSET).size() == 1);

            ConsumerRunningInfo relayed = api.getConsumerRunningInfo(addr, "CG_OFFICIAL", "127.0.0.1@relay", false,
                    TIMEOUT_MS);
            assertEquals("V5_2_0", relayed.getProperties().getProperty("PROP_CLIENT_VERSION"));
            MQClientException offline = assertThrows(MQClientException.class, () ->
                    api.getConsumerRunningInfo(addr, "CG_OFFICIAL", "127.0.0.1@gone", false, TIMEOUT_MS));
            assertEquals(ResponseCode.SYSTEM_ERROR, offline.getResponseCode());

            Map<String, Map<MessageQueue, Long>> status = api.invokeBrokerToGetConsumerStatus(addr, "TopicO",
                    "CG_OFFICIAL", null, TIMEOUT_MS);
            assertEquals(Map.of("127.0.0.1@relay", Map.of(new MessageQueue("TopicO", "broker-a", 0), 2L)), status);
        }
    }

    @Test
    void brokerConfigAndTopicLists() throws Exception {
        Properties change = new Properties();
        change.setProperty("brokerPermission", "4");
        api.updateBrokerConfig(addr, change, TIMEOUT_MS);
        assertEquals("4", api.getBrokerConfig(addr, TIMEOUT_MS).getProperty("brokerPermission"));

        Properties refused = new Properties();
        refused.setProperty("storePathRootDir", "/elsewhere");
        MQBrokerException error = assertThrows(MQBrokerException.class,
                () -> api.updateBrokerConfig(addr, refused, TIMEOUT_MS));
        assertEquals(ResponseCode.SYSTEM_ERROR, error.getResponseCode());
        assertTrue(error.getErrorMessage().contains("storePathRootDir"), error.getErrorMessage());

        assertTrue(api.getSystemTopicListFromBroker(addr, TIMEOUT_MS).getTopicList().contains("SCHEDULE_TOPIC_XXXX"));
        running.broker.offsets().commitOffset("CG_OFFICIAL", "TopicO", 0, 1);
        assertEquals(Set.of("TopicO"), api.queryTopicsByConsumer(addr, "CG_OFFICIAL", TIMEOUT_MS).getTopicList());
    }
}
