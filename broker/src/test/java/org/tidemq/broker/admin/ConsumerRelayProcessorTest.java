package org.tidemq.broker.admin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.remoting.protocol.RemotingSerializable;
import org.apache.rocketmq.remoting.protocol.body.ConsumerRunningInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.BrokerClient;
import org.tidemq.broker.RunningBroker;
import org.tidemq.broker.TestConsumer;
import org.tidemq.broker.client.ClientChannel;
import org.tidemq.broker.client.ConsumerData;
import org.tidemq.broker.client.ConsumerRegistry;
import org.tidemq.common.remoting.LanguageCode;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RemotingException;
import org.tidemq.common.remoting.RemotingVersion;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.RequestExecutors;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.common.remoting.netty.NettyClientConfig;
import org.tidemq.common.remoting.netty.NettyRemotingClient;

/** GET_CONSUMER_RUNNING_INFO / CONSUME_MESSAGE_DIRECTLY relayed through a running broker to a connected consumer. */
class ConsumerRelayProcessorTest {
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

    private static RemotingCommand runningInfoRequest(String clientId) {
        return RemotingCommand.request(RequestCode.GET_CONSUMER_RUNNING_INFO).putField("consumerGroup", "CG_I")
                .putField("clientId", clientId).putField("jstackEnable", "true");
    }

    @Test
    void runningInfoIsAskedOfTheConsumerAndItsAnswerReturned() throws Exception {
        ConsumerRunningInfo info = new ConsumerRunningInfo();
        info.getProperties().put("PROP_CONSUME_TYPE", "CONSUME_PASSIVELY");
        info.setJstack("thread dump");
        try (TestConsumer consumer = new TestConsumer(running.broker.brokerAddr(), "10.0.0.1@1",
                request -> RemotingCommand.successTo(request).setBody(info.encode()),
                RequestCode.GET_CONSUMER_RUNNING_INFO)) {
            consumer.heartbeat("CG_I", "TopicI");

            RemotingCommand response = running.client.call(runningInfoRequest("10.0.0.1@1"));

            assertEquals(ResponseCode.SUCCESS, response.code(), response.remark());
            ConsumerRunningInfo relayed = RemotingSerializable.decode(response.bodyBytes(),
                    ConsumerRunningInfo.class);
            assertEquals("CONSUME_PASSIVELY", relayed.getProperties().getProperty("PROP_CONSUME_TYPE"));
            assertEquals("thread dump", relayed.getJstack());
            RemotingCommand asked = consumer.received(RequestCode.GET_CONSUMER_RUNNING_INFO).get(0);
            assertEquals("true", asked.field("jstackEnable"));
            assertEquals("CG_I", asked.field("consumerGroup"));
        }
    }

    @Test
    void consumeDirectlyRelaysTheBodyAndTheConsumersErrorAnswer() throws Exception {
        try (TestConsumer consumer = new TestConsumer(running.broker.brokerAddr(), "10.0.0.2@2",
                request -> RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, "consume failed")
                        .putField("detail", "x"),
                RequestCode.CONSUME_MESSAGE_DIRECTLY)) {
            consumer.heartbeat("CG_I", "TopicI");
            RemotingCommand request = RemotingCommand.request(RequestCode.CONSUME_MESSAGE_DIRECTLY)
                    .putField("consumerGroup", "CG_I").putField("clientId", "10.0.0.2@2")
                    .putField("msgId", "ABC").setBody("record-bytes");

            RemotingCommand response = running.client.call(request);

            assertEquals(ResponseCode.SYSTEM_ERROR, response.code());
            assertEquals("consume failed", response.remark());
            assertEquals("x", response.field("detail"));
            RemotingCommand relayed = consumer.received(RequestCode.CONSUME_MESSAGE_DIRECTLY).get(0);
            assertEquals("ABC", relayed.field("msgId"));
            assertNotNull(relayed.field("brokerName"), "the broker names itself, as RocketMQ's does");
            assertArrayEquals("record-bytes".getBytes(StandardCharsets.UTF_8), relayed.bodyBytes());
        }
    }

    @Test
    void offlineConsumerIsASystemError() throws Exception {
        RemotingCommand response = running.client.call(runningInfoRequest("10.9.9.9@9"));

        assertEquals(ResponseCode.SYSTEM_ERROR, response.code());
        assertEquals("The Consumer <CG_I> <10.9.9.9@9> not online", response.remark());
    }

    @Test
    void waitingForTheConsumerBlocksNoAdminThread() throws Exception {
        CompletableFuture<RemotingCommand> asked = new CompletableFuture<>();
        CompletableFuture<String> answer = new CompletableFuture<>();
        NettyRemotingClient slowConsumer = new NettyRemotingClient(NettyClientConfig.defaults());
        slowConsumer.registerProcessor(RequestCode.GET_CONSUMER_RUNNING_INFO, (RequestProcessor) (ctx, request) -> {
            asked.complete(request);
            return answer.thenApply(body -> RemotingCommand.successTo(request).setBody(body));
        }, RequestExecutors.IO_THREAD);
        slowConsumer.start();
        try {
            RemotingCommand heartbeat = RemotingCommand.request(RequestCode.HEART_BEAT).setBody(
                    "{\"clientID\":\"10.0.0.3@3\",\"consumerDataSet\":[{\"groupName\":\"CG_I\","
                            + "\"subscriptionDataSet\":[]}],\"producerDataSet\":[]}");
            assertEquals(ResponseCode.SUCCESS,
                    slowConsumer.invokeSync(running.broker.brokerAddr(), heartbeat, BrokerClient.TIMEOUT_MS).code());

            CompletableFuture<RemotingCommand> relayed = running.client.remoting().invokeAsync(
                    running.broker.brokerAddr(), runningInfoRequest("10.0.0.3@3"), 15_000);
            asked.get(5, TimeUnit.SECONDS);
            // The admin executor has one thread: another admin request is served while the relay waits.
            RemotingCommand config = running.client.call(RemotingCommand.request(RequestCode.GET_BROKER_CONFIG));
            assertEquals(ResponseCode.SUCCESS, config.code());
            assertFalse(relayed.isDone());

            answer.complete("late");
            RemotingCommand response = relayed.get(5, TimeUnit.SECONDS);
            assertEquals(ResponseCode.SUCCESS, response.code());
            assertEquals("late", response.bodyText());
        } finally {
            slowConsumer.shutdown();
        }
    }

    @Test
    void consumeDirectlyCarriesTheStoredRecordTheOffsetIdPointsAt() throws Exception {
        ConsumerRegistry registry = new ConsumerRegistry(group -> { });
        EmbeddedChannel channel = new EmbeddedChannel();
        registry.register(new ClientChannel("10.0.0.5@5", channel, LanguageCode.JAVA, RemotingVersion.CURRENT, 0),
                new ConsumerData("CG_D", "CONSUME_PASSIVELY", "CLUSTERING", "CONSUME_FROM_LAST_OFFSET", List.of(),
                        false));
        List<RemotingCommand> sent = new java.util.ArrayList<>();
        List<Long> asked = new java.util.ArrayList<>();
        ConsumerRelayProcessor relay = new ConsumerRelayProcessor(registry, (ch, request, timeout) -> {
            sent.add(request);
            return CompletableFuture.completedFuture(RemotingCommand.successTo(request));
        }, "broker-d", offset -> {
            asked.add(offset);
            return offset == 4242 ? "stored-record".getBytes(StandardCharsets.UTF_8) : null;
        });
        String offsetId = org.tidemq.broker.send.OffsetMessageId.of(
                new java.net.InetSocketAddress("127.0.0.1", 10911), 4242);

        for (String msgId : List.of(offsetId, org.tidemq.broker.send.OffsetMessageId.of(
                new java.net.InetSocketAddress("127.0.0.1", 10911), 7))) {
            RemotingCommand response = relay.process(new RequestContext(channel),
                    RemotingCommand.request(RequestCode.CONSUME_MESSAGE_DIRECTLY).putField("consumerGroup", "CG_D")
                            .putField("clientId", "10.0.0.5@5").putField("msgId", msgId).setBody("from-admin"))
                    .get(5, TimeUnit.SECONDS);
            assertEquals(ResponseCode.SUCCESS, response.code());
        }

        assertEquals(List.of(4242L, 7L), asked);
        assertEquals("broker-d", sent.get(0).field("brokerName"));
        assertArrayEquals("stored-record".getBytes(StandardCharsets.UTF_8), sent.get(0).bodyBytes());
        assertArrayEquals("from-admin".getBytes(StandardCharsets.UTF_8), sent.get(1).bodyBytes(),
                "an id pointing at no record leaves the admin's body");
        channel.finishAndReleaseAll();
    }

    @Test
    void noAnswerInTimeIsConsumeMsgTimeout() throws Exception {
        ConsumerRegistry registry = new ConsumerRegistry(group -> { });
        EmbeddedChannel channel = new EmbeddedChannel();
        registry.register(new ClientChannel("10.0.0.4@4", channel, LanguageCode.JAVA, RemotingVersion.CURRENT, 0),
                new ConsumerData("CG_T", "CONSUME_PASSIVELY", "CLUSTERING", "CONSUME_FROM_LAST_OFFSET", List.of(),
                        false));
        ConsumerRelayProcessor relay = new ConsumerRelayProcessor(registry, (ch, request, timeout) ->
                CompletableFuture.failedFuture(new RemotingException.TimeoutException("10.0.0.4:1", timeout)),
                "broker-t", offset -> null);

        RemotingCommand response = relay.process(new RequestContext(channel),
                RemotingCommand.request(RequestCode.GET_CONSUMER_RUNNING_INFO).putField("consumerGroup", "CG_T")
                        .putField("clientId", "10.0.0.4@4")).get(5, TimeUnit.SECONDS);

        assertEquals(ResponseCode.CONSUME_MSG_TIMEOUT, response.code());
        channel.finishAndReleaseAll();
    }
}
