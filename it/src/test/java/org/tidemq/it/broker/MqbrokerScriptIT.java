package org.tidemq.it.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.common.remoting.netty.NettyClientConfig;
import org.tidemq.common.remoting.netty.NettyRemotingClient;
import org.tidemq.it.support.BrokerProcess;
import org.tidemq.it.support.NamesrvProcess;

/**
 * bin/mqbroker as an operator runs it: RocketMQ's boot line, broker.log in the configured log dir, sends through the
 * VIP port, and a clean SIGTERM shutdown that unregisters from the name server, persists consumer offsets and leaves
 * no abort marker.
 */
class MqbrokerScriptIT {
    @TempDir
    Path dir;

    @Test
    void bootsServesAndShutsDownCleanlyOnSigterm() throws Exception {
        try (NamesrvProcess namesrv = NamesrvProcess.start(dir.resolve("namesrv"));
             BrokerProcess broker = BrokerProcess.start(dir.resolve("broker"), "broker-sig", namesrv.address(),
                     Map.of());
             NettyRemotingClient raw = new NettyRemotingClient(NettyClientConfig.defaults())) {
            assertEquals("The broker[broker-sig, 127.0.0.1:" + broker.port() + "] boot success. serializeType=JSON"
                    + " and name server is " + namesrv.address() + "\n", broker.stdout());
            raw.start();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> route(raw, namesrv, "TBW102").code() == ResponseCode.SUCCESS);
            assertTrue(route(raw, namesrv, "TBW102").bodyText().contains("127.0.0.1:" + broker.port()));

            DefaultMQProducer producer = new DefaultMQProducer("PG_SCRIPT");
            producer.setNamesrvAddr(namesrv.address());
            producer.setInstanceName("script-" + System.nanoTime());
            producer.setVipChannelEnabled(true);
            producer.start();
            try {
                SendResult result = producer.send(new Message("ScriptTopic", "TagA", "hello".getBytes(
                        StandardCharsets.UTF_8)));
                assertEquals(SendStatus.SEND_OK, result.getSendStatus());
            } finally {
                producer.shutdown();
            }
            RemotingCommand commit = RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET)
                    .putField("consumerGroup", "CG_SCRIPT").putField("topic", "ScriptTopic").putField("queueId", 0)
                    .putField("commitOffset", 1);
            assertEquals(ResponseCode.SUCCESS, raw.invokeSync(broker.address(), commit, 5_000).code());
            assertTrue(broker.log().contains("boot success"), "broker.log in the test's log dir");

            int exit = broker.stop(Duration.ofSeconds(20));

            assertEquals(143, exit, "terminated by SIGTERM after a clean shutdown");
            assertEquals(ResponseCode.TOPIC_NOT_EXIST, route(raw, namesrv, "TBW102").code(),
                    "unregistered from the name server");
            Path store = broker.workDir().resolve("store");
            String offsets = Files.readString(store.resolve("config").resolve("consumerOffset.json"));
            assertTrue(offsets.contains("ScriptTopic@CG_SCRIPT"), offsets);
            assertFalse(Files.exists(store.resolve("abort")), "clean shutdown removes the abort marker");
        }
    }

    private static RemotingCommand route(NettyRemotingClient client, NamesrvProcess namesrv, String topic)
            throws Exception {
        return client.invokeSync(namesrv.address(),
                RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC).putField("topic", topic), 5_000);
    }
}
