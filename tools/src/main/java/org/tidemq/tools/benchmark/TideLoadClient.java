package org.tidemq.tools.benchmark;

import org.tidemq.client.consumer.ConsumeFromWhere;
import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.client.consumer.push.ConcurrentListener;
import org.tidemq.client.consumer.push.PushConsumer;
import org.tidemq.client.producer.Message;
import org.tidemq.client.producer.Producer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@link LoadClient} over TideMQ's client library: {@link Producer} and {@link PushConsumer}. */
public final class TideLoadClient implements LoadClient {
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
    public void startConsumer(String group, String topic, boolean fromFirstOffset, int threads,
                              ConsumedListener listener) {
        PushConsumer created = PushConsumer.builder().namesrvAddr(namesrvAddr).group(group).subscribe(topic, "*")
                .consumeFrom(fromFirstOffset ? ConsumeFromWhere.FIRST_OFFSET : ConsumeFromWhere.LAST_OFFSET)
                .consumeThreads(threads)
                .concurrentListener(messages -> {
                    for (ReceivedMessage message : messages) {
                        listener.onMessage(message.bornTimestamp(), message.bodyLength());
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

    private static List<Message> batch(String topic, List<byte[]> bodies) {
        List<Message> batch = new ArrayList<>(bodies.size());
        for (byte[] body : bodies) {
            batch.add(message(topic, body));
        }
        return batch;
    }
}
