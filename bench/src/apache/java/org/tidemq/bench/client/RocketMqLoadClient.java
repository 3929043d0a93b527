package org.tidemq.bench.client;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.remoting.exception.RemotingTimeoutException;
import org.tidemq.tools.benchmark.ConsumedListener;
import org.tidemq.tools.benchmark.ErrorKinds;
import org.tidemq.tools.benchmark.LoadClient;
import org.tidemq.tools.benchmark.Schedule;
import org.tidemq.tools.benchmark.SendOutcome;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@link LoadClient} over Apache RocketMQ's official Java client ({@link DefaultMQProducer},
 * {@link DefaultMQPushConsumer}): {@code bin/benchmark --client=rocketmq} loads this by name, so the same load loops
 * measure the official client against the same broker and client and broker costs can be told apart. Only compiled
 * in bench/'s {@code apache-anchor} profile; see {@code LoadClients}.
 */
public final class RocketMqLoadClient implements LoadClient {
    private final String namesrvAddr;
    private volatile DefaultMQProducer producer;
    private volatile DefaultMQPushConsumer consumer;

    public RocketMqLoadClient(String namesrvAddr) {
        this.namesrvAddr = namesrvAddr;
    }

    @Override
    public void startProducer(String group) {
        DefaultMQProducer created = new DefaultMQProducer(group);
        created.setNamesrvAddr(namesrvAddr);
        // The body is random text: compressing it would only measure zlib.
        created.setCompressMsgBodyOverHowmuch(Integer.MAX_VALUE);
        try {
            created.start();
        } catch (MQClientException e) {
            throw new IllegalStateException("cannot start the official producer: " + e.getErrorMessage(), e);
        }
        producer = created;
    }

    @Override
    public void startTransactionProducer(String group) {
        TransactionMQProducer created = new TransactionMQProducer(group);
        created.setNamesrvAddr(namesrvAddr);
        created.setCompressMsgBodyOverHowmuch(Integer.MAX_VALUE);
        created.setTransactionListener(new TransactionListener() {
            @Override
            public LocalTransactionState executeLocalTransaction(Message message, Object argument) {
                return LocalTransactionState.COMMIT_MESSAGE;
            }

            @Override
            public LocalTransactionState checkLocalTransaction(MessageExt message) {
                return LocalTransactionState.COMMIT_MESSAGE;
            }
        });
        try {
            created.start();
        } catch (MQClientException e) {
            throw new IllegalStateException("cannot start the official transaction producer: " + e.getErrorMessage(),
                    e);
        }
        producer = created;
    }

    @Override
    public SendOutcome sendInTransaction(String topic, byte[] body) {
        try {
            SendResult result = ((TransactionMQProducer) producer).sendMessageInTransaction(new Message(topic, body),
                    null);
            return result.getSendStatus() == SendStatus.SEND_OK ? SendOutcome.OK
                    : SendOutcome.failed(result.getSendStatus().name());
        } catch (Exception failure) {
            return SendOutcome.failed(kind(failure));
        }
    }

    @Override
    public SendOutcome send(String topic, byte[] body) {
        return send(new Message(topic, body));
    }

    @Override
    public SendOutcome send(String topic, byte[] body, Schedule schedule) {
        return send(scheduled(topic, body, schedule));
    }

    private SendOutcome send(Message message) {
        try {
            producer.send(message);
            return SendOutcome.OK;
        } catch (Exception failure) {
            return SendOutcome.failed(kind(failure));
        }
    }

    @Override
    public CompletableFuture<SendOutcome> sendAsync(String topic, byte[] body, Schedule schedule) {
        return sendAsync(scheduled(topic, body, schedule));
    }

    private static Message scheduled(String topic, byte[] body, Schedule schedule) {
        Message message = new Message(topic, body);
        if (schedule.delayLevel() > 0) {
            message.setDelayTimeLevel(schedule.delayLevel());
        } else {
            message.setDeliverTimeMs(schedule.dueMillis());
        }
        message.putUserProperty(Schedule.DUE_PROPERTY, Long.toString(schedule.dueMillis()));
        return message;
    }

    @Override
    public CompletableFuture<SendOutcome> sendAsync(String topic, byte[] body) {
        return sendAsync(new Message(topic, body));
    }

    private CompletableFuture<SendOutcome> sendAsync(Message message) {
        CompletableFuture<SendOutcome> outcome = new CompletableFuture<>();
        try {
            producer.send(message, callback(outcome));
        } catch (Exception failure) {
            outcome.complete(SendOutcome.failed(kind(failure)));
        }
        return outcome;
    }

    @Override
    public SendOutcome sendBatch(String topic, List<byte[]> bodies) {
        try {
            producer.send(batch(topic, bodies));
            return SendOutcome.OK;
        } catch (Exception failure) {
            return SendOutcome.failed(kind(failure));
        }
    }

    @Override
    public CompletableFuture<SendOutcome> sendBatchAsync(String topic, List<byte[]> bodies) {
        CompletableFuture<SendOutcome> outcome = new CompletableFuture<>();
        try {
            producer.send(batch(topic, bodies), callback(outcome));
        } catch (Exception failure) {
            outcome.complete(SendOutcome.failed(kind(failure)));
        }
        return outcome;
    }

    /**
     * The official client sends timers inside an explicit batch as they are (it refuses only delay levels there);
     * a TideMQ broker parks each as its own timer, an Apache 5.2.0 broker ignores them and delivers at once.
     */
    @Override
    public SendOutcome sendBatch(String topic, List<byte[]> bodies, Schedule schedule) {
        try {
            producer.send(scheduledBatch(topic, bodies, schedule));
            return SendOutcome.OK;
        } catch (Exception failure) {
            return SendOutcome.failed(kind(failure));
        }
    }

    @Override
    public CompletableFuture<SendOutcome> sendBatchAsync(String topic, List<byte[]> bodies, Schedule schedule) {
        CompletableFuture<SendOutcome> outcome = new CompletableFuture<>();
        try {
            producer.send(scheduledBatch(topic, bodies, schedule), callback(outcome));
        } catch (Exception failure) {
            outcome.complete(SendOutcome.failed(kind(failure)));
        }
        return outcome;
    }

    @Override
    public void startConsumer(String group, String topic, boolean fromFirstOffset, int threads,
                              ConsumedListener listener) {
        DefaultMQPushConsumer created = new DefaultMQPushConsumer(group);
        created.setNamesrvAddr(namesrvAddr);
        created.setConsumeFromWhere(fromFirstOffset ? ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET
                : ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET);
        created.setConsumeThreadMin(threads);
        created.setConsumeThreadMax(threads);
        created.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            for (MessageExt message : messages) {
                listener.onMessage(message.getBornTimestamp(), message.getBody().length,
                        Schedule.dueOf(message.getUserProperty(Schedule.DUE_PROPERTY)));
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        try {
            created.subscribe(topic, "*");
            created.start();
        } catch (MQClientException e) {
            throw new IllegalStateException("cannot start the official consumer: " + e.getErrorMessage(), e);
        }
        consumer = created;
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.shutdown();
        }
        if (producer != null) {
            producer.shutdown();
        }
    }

    private static SendCallback callback(CompletableFuture<SendOutcome> outcome) {
        return new SendCallback() {
            @Override
            public void onSuccess(SendResult result) {
                outcome.complete(SendOutcome.OK);
            }

            @Override
            public void onException(Throwable failure) {
                outcome.complete(SendOutcome.failed(kind(failure)));
            }
        };
    }

    private static List<Message> scheduledBatch(String topic, List<byte[]> bodies, Schedule schedule) {
        if (schedule.delayLevel() > 0) {
            throw new IllegalArgumentException("delay-level messages cannot be batched");
        }
        List<Message> batch = new ArrayList<>(bodies.size());
        for (byte[] body : bodies) {
            batch.add(scheduled(topic, body, schedule));
        }
        return batch;
    }

    private static List<Message> batch(String topic, List<byte[]> bodies) {
        List<Message> batch = new ArrayList<>(bodies.size());
        for (byte[] body : bodies) {
            batch.add(new Message(topic, body));
        }
        return batch;
    }

    /** Broker refusals by response code name, timeouts as one kind, anything else by its class. */
    static String kind(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MQBrokerException refused) {
                return ErrorKinds.ofResponseCode(refused.getResponseCode());
            }
            if (cause instanceof RemotingTimeoutException) {
                return ErrorKinds.TIMEOUT;
            }
            if (cause.getCause() == null && cause instanceof MQClientException client
                    && client.getResponseCode() > 0) {
                return ErrorKinds.ofResponseCode(client.getResponseCode());
            }
        }
        return failure.getClass().getSimpleName();
    }
}
