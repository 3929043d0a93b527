package org.tidemq.tools.benchmark;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The client library under load, behind one small interface so the same load loops drive TideMQ's client and the
 * official one. Implementations need a public constructor taking the name server address ({@code host:port;...}).
 *
 * <p><b>Outcomes.</b> Send methods never throw for a failed send: they return (or complete with) a
 * {@link SendOutcome} naming the error kind; only programming errors (bad arguments) throw. A successful outcome
 * means the broker acknowledged storing the message(s), with the client's own retry policy applied.
 *
 * <p><b>Threads.</b> All methods may be called from many threads once the producer or consumer is started. Async
 * futures complete on the client's threads; callers keep their continuations short.
 *
 * <p><b>Lifecycle.</b> {@link #startProducer} (or {@link #startTransactionProducer}) before sending,
 * {@link #startConsumer} to consume (at most once each); {@link #close()} stops both and releases the transport.
 */
public interface LoadClient extends AutoCloseable {

    /** Starts a producer of {@code group}. */
    void startProducer(String group);

    /** Sends one message and waits for the acknowledgement. */
    SendOutcome send(String topic, byte[] body);

    /** Sends one message; the future completes with the outcome, never exceptionally. */
    CompletableFuture<SendOutcome> sendAsync(String topic, byte[] body);

    /**
     * Sends one message scheduled by {@code schedule} (a timer or a delay level, carrying
     * {@link Schedule#DUE_PROPERTY}) and waits for the acknowledgement.
     */
    SendOutcome send(String topic, byte[] body, Schedule schedule);

    /** As {@link #send(String, byte[], Schedule)}, asynchronously; the future never completes exceptionally. */
    CompletableFuture<SendOutcome> sendAsync(String topic, byte[] body, Schedule schedule);

    /** Starts a transactional producer of {@code group} whose local transaction always commits. */
    void startTransactionProducer(String group);

    /**
     * Sends one half message, runs the (committing) local transaction and waits for the half message's
     * acknowledgement; the commit itself is one-way, as in RocketMQ. Needs {@link #startTransactionProducer}.
     */
    SendOutcome sendInTransaction(String topic, byte[] body);

    /** Sends {@code bodies} as one batch request and waits for the acknowledgement. */
    SendOutcome sendBatch(String topic, List<byte[]> bodies);

    /** As {@link #sendBatch}, asynchronously; the future never completes exceptionally. */
    CompletableFuture<SendOutcome> sendBatchAsync(String topic, List<byte[]> bodies);

    /**
     * Sends {@code bodies} as one batch request of timers, every message its own timer due at
     * {@code schedule.dueMillis()} (carrying {@link Schedule#DUE_PROPERTY}), and waits for the acknowledgement.
     * Delay levels cannot be batched: {@code schedule.delayLevel()} must be 0.
     */
    SendOutcome sendBatch(String topic, List<byte[]> bodies, Schedule schedule);

    /** As {@link #sendBatch(String, List, Schedule)}, asynchronously; the future never completes exceptionally. */
    CompletableFuture<SendOutcome> sendBatchAsync(String topic, List<byte[]> bodies, Schedule schedule);

    /**
     * Starts a clustering push consumer of {@code group} on {@code topic} (all tags) that acknowledges every message
     * after telling {@code listener} (with the message's {@link Schedule#DUE_PROPERTY} time, if any).
     *
     * @param fromFirstOffset where a queue without a committed offset starts: first offset, else last
     * @param threads         listener threads
     */
    void startConsumer(String group, String topic, boolean fromFirstOffset, int threads, ConsumedListener listener);

    /** Stops the producer and consumer (committing consumed offsets) and releases the transport. */
    @Override
    void close();
}
