package org.tidemq.tools.benchmark;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link LoadClient} that answers at once: every third request is refused with SYSTEM_BUSY. */
final class FakeLoadClient implements LoadClient {
    final AtomicLong requests = new AtomicLong();
    final AtomicLong messagesAccepted = new AtomicLong();
    final AtomicInteger closes = new AtomicInteger();
    final AtomicLong transactionalSends = new AtomicLong();
    final List<Schedule> schedules = new CopyOnWriteArrayList<>();
    volatile String producerGroup;
    volatile String transactionProducerGroup;
    volatile ConsumedListener listener;

    @Override
    public void startProducer(String group) {
        producerGroup = group;
    }

    private SendOutcome answer(int messages) {
        if (requests.incrementAndGet() % 3 == 0) {
            return SendOutcome.failed("SYSTEM_BUSY");
        }
        messagesAccepted.addAndGet(messages);
        return SendOutcome.OK;
    }

    @Override
    public SendOutcome send(String topic, byte[] body) {
        return answer(1);
    }

    @Override
    public CompletableFuture<SendOutcome> sendAsync(String topic, byte[] body) {
        return CompletableFuture.completedFuture(answer(1));
    }

    @Override
    public SendOutcome send(String topic, byte[] body, Schedule schedule) {
        schedules.add(schedule);
        return answer(1);
    }

    @Override
    public CompletableFuture<SendOutcome> sendAsync(String topic, byte[] body, Schedule schedule) {
        schedules.add(schedule);
        return CompletableFuture.completedFuture(answer(1));
    }

    @Override
    public void startTransactionProducer(String group) {
        transactionProducerGroup = group;
    }

    @Override
    public SendOutcome sendInTransaction(String topic, byte[] body) {
        transactionalSends.incrementAndGet();
        return answer(1);
    }

    @Override
    public SendOutcome sendBatch(String topic, List<byte[]> bodies) {
        return answer(bodies.size());
    }

    @Override
    public CompletableFuture<SendOutcome> sendBatchAsync(String topic, List<byte[]> bodies) {
        return CompletableFuture.completedFuture(answer(bodies.size()));
    }

    @Override
    public SendOutcome sendBatch(String topic, List<byte[]> bodies, Schedule schedule) {
        schedules.add(schedule);
        return answer(bodies.size());
    }

    @Override
    public CompletableFuture<SendOutcome> sendBatchAsync(String topic, List<byte[]> bodies, Schedule schedule) {
        schedules.add(schedule);
        return CompletableFuture.completedFuture(answer(bodies.size()));
    }

    @Override
    public void startConsumer(String group, String topic, boolean fromFirstOffset, int threads,
                              ConsumedListener consumed) {
        this.listener = consumed;
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }
}
