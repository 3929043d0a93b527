package org.tidemq.it.timer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.it.support.BrokerProcess;
import org.tidemq.it.support.Closer;
import org.tidemq.it.support.NamesrvProcess;
import org.tidemq.it.support.OfficialAdmin;
import org.tidemq.it.support.QueueReader;

/**
 * Cancelling a timer the RocketMQ 5.x way, with the official 5.2.0 producer against a broker started through bin/: a
 * message on the same topic with the same deliver time carrying {@code TIMER_DEL_UNIQKEY} = the timer's message id
 * (its UNIQ_KEY; {@code Message.putUserProperty} refuses the system property, so it is set with
 * {@code MessageAccessor.putProperty}, as RocketMQ's own proxy does). The cancellation is answered SEND_OK; its two
 * sibling timers due at the same time fire, the cancelled one and the cancellation itself never reach the topic. A
 * cancellation whose deliver time is not in the future is refused with MESSAGE_ILLEGAL.
 */
class TimerCancelIT {
    private static final String TOPIC = "TimerCancel";
    private static final int QUEUES = 2;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @RegisterExtension
    final Closer closer = new Closer();

    @Test
    void aCancelledTimerNeverFiresWhileItsSiblingsDo() throws Exception {
        System.setProperty("rocketmq.client.localOffsetStoreDir", dir.resolve("client-offsets").toString());
        NamesrvProcess namesrv = closer.track(NamesrvProcess.start(dir.resolve("namesrv")));
        BrokerProcess broker = closer.track(BrokerProcess.start(dir.resolve("broker"), "broker-cancel",
                namesrv.address(), Map.of()));
        DefaultMQAdminExt admin = OfficialAdmin.start(namesrv.address(), "cancel-admin-" + System.nanoTime());
        closer.track(admin::shutdown);
        admin.createAndUpdateTopicConfig(broker.address(), new TopicConfig(TOPIC, QUEUES, QUEUES, 6));
        await("route").atMost(WAIT).ignoreExceptions()
                .until(() -> !admin.examineTopicRouteInfo(TOPIC).getQueueDatas().isEmpty());

        DefaultMQProducer producer = new DefaultMQProducer("PG_TIMER_CANCEL");
        producer.setNamesrvAddr(namesrv.address());
        producer.setInstanceName("PG_TIMER_CANCEL-" + System.nanoTime());
        producer.start();
        closer.track(producer::shutdown);

        long due = System.currentTimeMillis() + 6_000;
        Map<String, String> idByKey = new HashMap<>();
        for (String key : List.of("keep-1", "cancelled", "keep-2")) {
            Message timer = new Message(TOPIC, "timer", key, key.getBytes(StandardCharsets.UTF_8));
            timer.setDeliverTimeMs(due);
            SendResult sent = producer.send(timer);
            assertEquals(SendStatus.SEND_OK, sent.getSendStatus());
            idByKey.put(key, sent.getMsgId());
        }

        Message cancel = new Message(TOPIC, "cancel", "cancellation", new byte[] {'x'});
        cancel.setDeliverTimeMs(due);
        MessageAccessor.putProperty(cancel, MessageConst.PROPERTY_TIMER_DEL_UNIQKEY, idByKey.get("cancelled"));
        assertEquals(SendStatus.SEND_OK, producer.send(cancel).getSendStatus());

        Message late = new Message(TOPIC, "cancel", "late", new byte[] {'x'});
        late.setDeliverTimeMs(System.currentTimeMillis() - 1_000);
        MessageAccessor.putProperty(late, MessageConst.PROPERTY_TIMER_DEL_UNIQKEY, idByKey.get("keep-2"));
        MQBrokerException refused = assertThrows(MQBrokerException.class, () -> producer.send(late));
        assertEquals(13, refused.getResponseCode(), "MESSAGE_ILLEGAL: " + refused.getErrorMessage());
        assertTrue(refused.getErrorMessage().contains("not in the future"), refused.getErrorMessage());

        // The siblings fire in the same second as the cancelled timer would have; wait a further 2 s past that.
        await("siblings fired, and 2 s past their deliver time").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> System.currentTimeMillis() > due + 2_000
                        && topicMessages(admin) >= 2);
        List<String> keys = new ArrayList<>();
        for (MessageExt m : readEveryQueueFromZero(namesrv.address())) {
            keys.add(m.getKeys());
            assertTrue(m.getStoreTimestamp() >= due, "fired early: " + m);
        }
        keys.sort(null);
        System.out.println("timer cancel: topic holds " + keys);
        assertEquals(List.of("keep-1", "keep-2"), keys, "the cancelled timer and the cancellation never delivered");
    }

    private static long topicMessages(DefaultMQAdminExt admin) throws Exception {
        long total = 0;
        for (int queueId = 0; queueId < QUEUES; queueId++) {
            total += admin.maxOffset(new MessageQueue(TOPIC, "broker-cancel", queueId));
        }
        return total;
    }

    private List<MessageExt> readEveryQueueFromZero(String namesrvAddr) throws Exception {
        DefaultMQPullConsumer consumer = new DefaultMQPullConsumer("CG_TIMER_CANCEL");
        consumer.setNamesrvAddr(namesrvAddr);
        consumer.setInstanceName("CG_TIMER_CANCEL-" + System.nanoTime());
        consumer.start();
        closer.track(consumer::shutdown);
        Set<MessageQueue> queues = consumer.fetchSubscribeMessageQueues(TOPIC);
        return QueueReader.readFromZero(consumer, queues);
    }
}
