package org.tidemq.it.tools;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQClientException;
import org.tidemq.client.consumer.ConsumeFromWhere;
import org.tidemq.client.consumer.push.ConcurrentListener;
import org.tidemq.client.consumer.push.PushConsumer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A started push consumer of one topic from its first message, recording every body its listener is given: TideMQ's
 * own client or the official RocketMQ 5.2.0 client. {@link #rejectNext()} makes the listener answer "later" once.
 */
abstract class OnlinePushConsumer implements AutoCloseable {
    /** Which client library consumes. */
    enum Kind {
        TIDEMQ, OFFICIAL
    }

    final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicBoolean rejectNext = new AtomicBoolean();

    static OnlinePushConsumer start(Kind kind, String namesrv, String group, String topic, Path offsetDir)
            throws MQClientException {
        return kind == Kind.TIDEMQ ? new Tide(namesrv, group, topic, offsetDir) : new Official(namesrv, group, topic);
    }

    void rejectNext() {
        rejectNext.set(true);
    }

    /** Records the body; true when the message is accepted. */
    boolean deliver(byte[] body) {
        bodies.add(new String(body, StandardCharsets.UTF_8));
        return !rejectNext.getAndSet(false);
    }

    long deliveriesOf(String body) {
        return bodies.stream().filter(body::equals).count();
    }

    private static final class Tide extends OnlinePushConsumer {
        private final PushConsumer consumer;

        Tide(String namesrv, String group, String topic, Path offsetDir) {
            consumer = PushConsumer.builder().namesrvAddr(namesrv).group(group)
                    .consumeFrom(ConsumeFromWhere.FIRST_OFFSET).subscribe(topic, "*")
                    .rebalanceInterval(Duration.ofSeconds(2)).persistOffsetInterval(Duration.ofSeconds(1))
                    .offsetStoreDir(offsetDir).concurrentListener(messages -> {
                        boolean accepted = true;
                        for (var message : messages) {
                            accepted &= deliver(message.body());
                        }
                        return accepted ? ConcurrentListener.Result.SUCCESS
                                : ConcurrentListener.Result.RECONSUME_LATER;
                    }).build();
            consumer.start();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    private static final class Official extends OnlinePushConsumer {
        private final DefaultMQPushConsumer consumer;

        Official(String namesrv, String group, String topic) throws MQClientException {
            consumer = new DefaultMQPushConsumer(group);
            consumer.setNamesrvAddr(namesrv);
            consumer.setInstanceName(group + "-" + System.nanoTime());
            consumer.setConsumeFromWhere(
                    org.apache.rocketmq.common.consumer.ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
            consumer.setPersistConsumerOffsetInterval(1_000);
            consumer.setPullTimeDelayMillsWhenException(500);
            consumer.setHeartbeatBrokerInterval(2_000);
            consumer.subscribe(topic, "*");
            consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
                boolean accepted = true;
                for (var message : messages) {
                    accepted &= deliver(message.getBody());
                }
                return accepted ? ConsumeConcurrentlyStatus.CONSUME_SUCCESS
                        : ConsumeConcurrentlyStatus.RECONSUME_LATER;
            });
            consumer.start();
        }

        @Override
        public void close() {
            consumer.shutdown();
        }
    }
}
