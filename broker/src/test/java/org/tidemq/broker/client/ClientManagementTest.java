package org.tidemq.broker.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.BrokerClient;
import org.tidemq.broker.BrokerController;
import org.tidemq.broker.TestBrokers;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.RequestExecutors;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.common.remoting.netty.NettyClientConfig;
import org.tidemq.common.remoting.netty.NettyRemotingClient;

/** Heartbeats, consumer lists, membership notifications, and pulls that rely on the heartbeat's subscription. */
class ClientManagementTest {
    @TempDir
    Path dir;
    private BrokerController broker;
    private final List<NettyRemotingClient> clients = new CopyOnWriteArrayList<>();
    private final List<String> notified = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        broker = new BrokerController(TestBrokers.config(dir, Map.of()));
        broker.start();
    }

    @AfterEach
    void stop() {
        clients.forEach(NettyRemotingClient::shutdown);
        broker.shutdown();
    }

    private NettyRemotingClient connect(String name) {
        NettyRemotingClient client = new NettyRemotingClient(NettyClientConfig.defaults());
        client.registerProcessor(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, (RequestProcessor.Sync) (ctx, request) -> {
            notified.add(name + ":" + request.field("consumerGroup"));
            return null;
        }, RequestExecutors.IO_THREAD);
        client.start();
        clients.add(client);
        return client;
    }

    private static String heartbeat(String clientId, String group, String topic, String expression, long version) {
        return "{\"clientID\":\"" + clientId + "\",\"consumerDataSet\":[{\"consumeFromWhere\":\"CONSUME_FROM_LAST_OFFSET\","
                + "\"consumeType\":\"CONSUME_PASSIVELY\",\"groupName\":\"" + group + "\",\"messageModel\":\"CLUSTERING\","
                + "\"subscriptionDataSet\":[{\"classFilterMode\":false,\"codeSet\":[" + "TagA".hashCode() + "],"
                + "\"expressionType\":\"TAG\",\"subString\":\"" + expression + "\",\"subVersion\":" + version
                + ",\"tagsSet\":[\"TagA\"],\"topic\":\"" + topic + "\"}],\"unitMode\":false}],"
                + "\"heartbeatFingerprint\":0,\"producerDataSet\":[{\"groupName\":\"PG_X\"}],\"withoutSub\":false}";
    }

    private RemotingCommand send(NettyRemotingClient client, RemotingCommand request) throws Exception {
        return client.invokeSync(broker.brokerAddr(), request, BrokerClient.TIMEOUT_MS);
    }

    private RemotingCommand consumerList(NettyRemotingClient client, String group) throws Exception {
        return send(client, RemotingCommand.request(RequestCode.GET_CONSUMER_LIST_BY_GROUP)
                .putField("consumerGroup", group));
    }

    @Test
    void heartbeatRegistersConsumersCreatesRetryTopicAndNotifiesMembers() throws Exception {
        NettyRemotingClient first = connect("first");
        NettyRemotingClient second = connect("second");
        RemotingCommand none = consumerList(first, "CG_1");
        assertEquals(ResponseCode.SYSTEM_ERROR, none.code());
        assertTrue(none.remark().contains("no consumer for this group"), none.remark());

        RemotingCommand hb1 = RemotingCommand.request(RequestCode.HEART_BEAT);
        hb1.setBody(heartbeat("10.0.0.1@1", "CG_1", "TopicX", "TagA", 1));
        assertEquals(ResponseCode.SUCCESS, send(first, hb1).code());
        RemotingCommand hb2 = RemotingCommand.request(RequestCode.HEART_BEAT);
        hb2.setBody(heartbeat("10.0.0.2@2", "CG_1", "TopicX", "TagA", 1));
        assertEquals(ResponseCode.SUCCESS, send(second, hb2).code());

        RemotingCommand list = consumerList(first, "CG_1");
        assertEquals(ResponseCode.SUCCESS, list.code());
        assertEquals("{\"consumerIdList\":[\"10.0.0.1@1\",\"10.0.0.2@2\"]}", list.bodyText());
        assertNotNull(broker.topics().select("%RETRY%CG_1"));
        assertNotNull(broker.groups().select("CG_1"));
        await().atMost(Duration.ofSeconds(5)).until(() -> notified.contains("first:CG_1"));

        notified.clear();
        second.shutdown();
        await().atMost(Duration.ofSeconds(5)).until(() -> notified.contains("first:CG_1"));
        assertEquals("{\"consumerIdList\":[\"10.0.0.1@1\"]}", consumerList(first, "CG_1").bodyText());

        RemotingCommand unregister = RemotingCommand.request(RequestCode.UNREGISTER_CLIENT)
                .putField("clientID", "10.0.0.1@1").putField("consumerGroup", "CG_1");
        assertEquals(ResponseCode.SUCCESS, send(first, unregister).code());
        assertEquals(ResponseCode.SYSTEM_ERROR, consumerList(first, "CG_1").code());
    }

    @Test
    void malformedHeartbeatIsRefusedNamingTheProblem() throws Exception {
        NettyRemotingClient client = connect("c");
        RemotingCommand hb = RemotingCommand.request(RequestCode.HEART_BEAT);
        hb.setBody("{\"consumerDataSet\":[]}");

        RemotingCommand response = send(client, hb);

        assertEquals(ResponseCode.SYSTEM_ERROR, response.code());
        assertTrue(response.remark().contains("clientID"), response.remark());
    }

    @Test
    void pullWithoutSubscriptionUsesTheHeartbeatsAndLongPollsUntilAMessageArrives() throws Exception {
        NettyRemotingClient consumer = connect("c");
        RemotingCommand hb = RemotingCommand.request(RequestCode.HEART_BEAT);
        hb.setBody(heartbeat("10.0.0.3@3", "CG_2", "TopicY", "TagA", 5));
        assertEquals(ResponseCode.SUCCESS, send(consumer, hb).code());
        try (BrokerClient producer = new BrokerClient(broker.brokerAddr())) {
            producer.sendV2("TopicY", 0, "first", BrokerClient.props(MessageProperties.TAGS, "TagB"));
            await().until(() -> broker.store().getMaxOffsetInQueue("TopicY", 0) == 1);

            RemotingCommand filtered = send(consumer, BrokerClient.pullRequest("CG_2", "TopicY", 0, 0, 2, null, 0));
            assertEquals(ResponseCode.PULL_RETRY_IMMEDIATELY, filtered.code());
            assertEquals("1", filtered.field("nextBeginOffset"));

            CompletableFuture<RemotingCommand> parked = consumer.invokeAsync(broker.brokerAddr(),
                    BrokerClient.pullRequest("CG_2", "TopicY", 0, 1, 2, null, 15_000), 20_000);
            await().atMost(Duration.ofSeconds(5)).until(() -> broker.longPolling().parkedCount() == 1);
            assertTrue(!parked.isDone());

            producer.sendV2("TopicY", 0, "second", BrokerClient.props(MessageProperties.TAGS, "TagA"));
            RemotingCommand woken = parked.get(5, TimeUnit.SECONDS);
            assertEquals(ResponseCode.SUCCESS, woken.code(), woken.remark());
            assertEquals(List.of("second"), TestBrokers.decodeRecords(woken.body()).stream()
                    .map(m -> TestBrokers.text(m.body())).toList());
            assertEquals(0, broker.longPolling().parkedCount());
        }

        RemotingCommand stale = send(consumer, new org.tidemq.broker.pull.PullMessageRequestHeader("CG_2", "TopicY",
                0, 0, 2, 0, 0, 0, null, 6, null, null).writeTo(RemotingCommand.request(RequestCode.PULL_MESSAGE)));
        assertEquals(ResponseCode.SUBSCRIPTION_NOT_LATEST, stale.code());
        assertNull(broker.consumers().subscription("CG_2", "OtherTopic"));
    }
}
