package org.tidemq.tools.benchmark;

import org.tidemq.client.consumer.ConsumeFromWhere;
import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.client.consumer.push.ConcurrentListener;
import org.tidemq.client.consumer.push.PushConsumer;
import org.tidemq.client.producer.LocalTransactionState;
import org.tidemq.client.producer.Message;
import org.tidemq.client.producer.Producer;
import org.tidemq.client.producer.SendStatus;
import org.tidemq.client.producer.TransactionListener;
import org.tidemq.client.producer.TransactionProducer;
import org.tidemq.client.producer.TransactionSendResult;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@link LoadClient} over TideMQ's client library: {@link Producer} and {@link PushConsumer}. */
public final class TideLoadClient implements LoadClient {
    private static final TransactionListener ALWAYS_COMMIT = new TransactionListener() {
        @Override
        public LocalTransactionState executeLocalTransaction(Message message, String transactionId, Object arg) {
            return LocalTransactionState.COMMIT;
        }

        @Override
        public LocalTransactionState checkLocalTransaction(ReceivedMessage message) {
            return LocalTransactionState.COMMIT;
        }
    };

    private final String namesrvAddr;
    private volatile Producer producer;
    private volatile PushConsumer consumer;

    public TideLoadClient(String namesrvAddr) {
        this.namesrvAddr = namesrvAddr;
    }

    @Override
    public void startProducer(String group) {
        Producer created = Producer.builder().namesrvAddr(namesrvAddr).group(group).build();
        created.start();
        producer = created;
    }

    @Override
    public void startTransactionProducer(String group) {
        TransactionProducer created = Producer.builder().namesrvAddr(namesrvAddr).group(group)
                .buildTransactional(ALWAYS_COMMIT);
        created.start();
        producer = created;
    }

    @Override
    public SendOutcome sendInTransaction(String topic, byte[] body) {
        try {
            TransactionSendResult result = ((TransactionProducer) producer).sendInTransaction(message(topic, body),
                    null);
            SendStatus status = result.sendResult().status();
            return status == SendStatus.SEND_OK ? SendOutcome.OK : SendOutcome.failed(status.name());
        } catch (RuntimeException failure) {
            return SendOutcome.failed(ErrorKinds.of(failure));
        }
    }

    @Override
    public SendOutcome send(String topic, byte[] body) {
        try {
            producer.send(message(topic, body));
            return SendOutcome.OK;
        } catch (RuntimeException failure) {
            return SendOutcome.failed(ErrorKinds.of(failure));
        }
    }

    @Override
    public CompletableFuture<SendOutcome> sendAsync(String topic, byte[] body) {
        try {
            return producer.sendAsync(message(topic, body)).handle(TideLoadClient::outcome);
        } catch (RuntimeException failure) {
            return CompletableFuture.completedFuture(SendOutcome.failed(ErrorKinds.of(failure)));
        }
    }

    @Override
    public SendOutcome send(String topic, byte[] body, Schedule schedule) {
        try {
            producer.send(scheduled(topic, body, schedule));
            return SendOutcome.OK;
        } catch (RuntimeException failure) {
            return SendOutcome.failed(ErrorKinds.of(failure));
        }
    }

    @Override
    public CompletableFuture<SendOutcome> sendAsync(String topic, byte[] body, Schedule schedule) {
        try {
            return producer.sendAsync(scheduled(topic, body, schedule)).handle(TideLoadClient::outcome);
        } catch (RuntimeException failure) {
            return CompletableFuture.completedFuture(SendOutcome.failed(ErrorKinds.of(failure)));
        }
    }

    @Override
    public SendOutcome sendBatch(String topic, List<byte[]> bodies) {
        try {
            producer.send(batch(topic, bodies));
            return SendOutcome.OK;
        } catch (RuntimeException failure) {
            return SendOutcome.failed(ErrorKinds.of(failure));
        }
    }

    @Override
    public CompletableFuture<SendOutcome> sendBatchAsync(String topic, List<byte[]> bodies) {
        try {
            return producer.sendAsync(batch(topic, bodies)).handle(TideLoadClient::outcome);
        } catch (RuntimeException failure) {
            return CompletableFuture.completedFuture(SendOutcome.failed(ErrorKinds.of(failure)));
        }
    }

    @Override
    public SendOutcome sendBatch(String topic, List<byte[]> bodies, Schedule schedule) {
        try {
            producer.send(scheduledBatch(topic, bodies, schedule));
            return SendOutcome.OK;
        } catch (RuntimeException failure) {
            return SendOutcome.failed(ErrorKinds.of(failure));
        }
    }

    @Override
    public CompletableFuture<SendOutcome> sendBatchAsync(String topic, List<byte[]> bodies, Schedule schedule) {
        try {
            return producer.sendAsync(scheduledBatch(topic, bodies, schedule)).handle(TideLoadClient::outcome);
        } catch (RuntimeException failure) {
            return CompletableFuture.completedFuture(SendOutcome.failed(ErrorKinds.of(failure)));
        }
    }

    @Override
    public void startConsumer(String group, String topic, boolean fromFirstOffset, int threads,
                              ConsumedListener listener) {
        PushConsumer created = PushConsumer.builder().namesrvAddr(namesrvAddr).group(group).subscribe(topic, "*")
                .consumeFrom(fromFirstOffset ? ConsumeFromWhere.FIRST_OFFSET : ConsumeFromWhere.LAST_OFFSET)
                .consumeThreads(threads)
                .concurrentListener(messages -> {
                    for (ReceivedMessage message : messages) {
                        listener.onMessage(message.bornTimestamp(), message.bodyLength(),
                                Schedule.dueOf(message.property(Schedule.DUE_PROPERTY)));
                    }
                    return ConcurrentListener.Result.SUCCESS;
                })
                .build();
        consumer = created;
        created.start();
    }

    /** Idempotent: the run closes the client when it ends, and again if starting the load failed half-way. */
    @Override
    public synchronized void close() {
        PushConsumer startedConsumer = consumer;
        Producer startedProducer = producer;
        consumer = null;
        producer = null;
        if (startedConsumer != null) {
            startedConsumer.close();
        }
        if (startedProducer != null) {
            startedProducer.close();
        }
    }

    private static SendOutcome outcome(Object stored, Throwable failure) {
        return failure == null ? SendOutcome.OK : SendOutcome.failed(ErrorKinds.of(failure));
    }

    private static Message message(String topic, byte[] body) {
        return Message.builder(topic).body(body).build();
    }

    private static Message scheduled(String topic, byte[] body, Schedule schedule) {
        Message.Builder message = Message.builder(topic).body(body)
                .property(Schedule.DUE_PROPERTY, Long.toString(schedule.dueMillis()));
        if (schedule.delayLevel() > 0) {
            message.delayLevel(schedule.delayLevel());
        } else {
            message.deliverTimeMs(schedule.dueMillis());
        }
        return message.build();
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
            batch.add(message(topic, body));
        }
        return batch;
    }
}
