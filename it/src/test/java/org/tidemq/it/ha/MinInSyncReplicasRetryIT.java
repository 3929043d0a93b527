package org.tidemq.it.ha;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.it.support.BrokerProcess;
import org.tidemq.it.support.Closer;
import org.tidemq.it.support.NamesrvProcess;
import org.tidemq.it.support.OfficialAdmin;

/**
 * {@code minInSyncReplicas}: a TideMQ SYNC_MASTER without its slave refuses writes before storing them, answering
 * SERVICE_NOT_AVAILABLE (14) "in-sync replicas not enough"; Apache RocketMQ 5.2.0 answers SYSTEM_ERROR (1) with the
 * same remark. Both codes are in the official 5.2.0 producer's {@code retryResponseCodes}, so the official client
 * sends the message again on another broker: every send succeeds, on the healthy group. Control: a producer whose
 * retry codes lack 14 fails on the refusing broker, so the success above is the client's retry, not luck.
 */
class MinInSyncReplicasRetryIT {
    private static final String TOPIC = "TopicMinIsr";
    private static final int QUEUES = 4;
    private static final int MESSAGES = 16;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @RegisterExtension
    final Closer closer = new Closer();

    @Test
    void theOfficialProducerRetriesARefusedSendOnTheOtherGroup() throws Exception {
        NamesrvProcess namesrv = NamesrvProcess.start(dir.resolve("namesrv"));
        closer.track(namesrv);
        BrokerProcess refusing = BrokerProcess.start(dir.resolve("broker-a"), "broker-a", namesrv.address(),
                Map.of("brokerRole", "SYNC_MASTER", "totalReplicas", "2", "inSyncReplicas", "2",
                        "minInSyncReplicas", "2"));
        closer.track(refusing);
        BrokerProcess healthy = BrokerProcess.start(dir.resolve("broker-b"), "broker-b", namesrv.address(),
                Map.of());
        closer.track(healthy);

        DefaultMQAdminExt admin = OfficialAdmin.start(namesrv.address(), "min-isr-admin-" + System.nanoTime());
        closer.track(admin::shutdown);
        for (BrokerProcess broker : List.of(refusing, healthy)) {
            admin.createAndUpdateTopicConfig(broker.address(), new TopicConfig(TOPIC, QUEUES, QUEUES, 6));
        }
        await("route with both groups").atMost(WAIT).ignoreExceptions().until(() ->
                admin.examineTopicRouteInfo(TOPIC).getQueueDatas().size() == 2);

        DefaultMQProducer producer = producer(namesrv.address(), "PG_MIN_ISR");
        assertTrue(producer.getRetryResponseCodes().contains(ResponseCode.SERVICE_NOT_AVAILABLE));
        assertTrue(producer.getRetryResponseCodes().contains(ResponseCode.SYSTEM_ERROR));
        for (int i = 0; i < MESSAGES; i++) {
            SendResult result = producer.send(message("retried-" + i));
            assertEquals(SendStatus.SEND_OK, result.getSendStatus());
            assertEquals("broker-b", result.getMessageQueue().getBrokerName(), "message " + i);
        }
        for (int queue = 0; queue < QUEUES; queue++) {
            assertEquals(0, admin.maxOffset(new MessageQueue(TOPIC, "broker-a", queue)),
                    "nothing stored on the refusing broker");
        }

        DefaultMQProducer noRetryOn14 = producer(namesrv.address(), "PG_MIN_ISR_CONTROL");
        noRetryOn14.getRetryResponseCodes().remove(ResponseCode.SERVICE_NOT_AVAILABLE);
        MQBrokerException refused = null;
        for (int i = 0; i < 2 * QUEUES && refused == null; i++) {
            try {
                noRetryOn14.send(message("control-" + i));
            } catch (MQBrokerException e) {
                refused = e;
            }
        }
        assertNotNull(refused, "round-robin reaches broker-a within one pass over the queues");
        assertEquals(ResponseCode.SERVICE_NOT_AVAILABLE, refused.getResponseCode());
        assertTrue(refused.getErrorMessage().contains("in-sync replicas not enough"), refused.getErrorMessage());
    }

    private DefaultMQProducer producer(String namesrvAddr, String group) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer(group);
        producer.setNamesrvAddr(namesrvAddr);
        producer.setInstanceName(group + "-" + System.nanoTime());
        producer.setSendMsgTimeout(10_000);
        producer.start();
        closer.track(producer::shutdown);
        return producer;
    }

    private static Message message(String body) {
        return new Message(TOPIC, body.getBytes(StandardCharsets.UTF_8));
    }
}
