package org.tidemq.tools.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Sends as fast as the client allows: {@code threads} threads each sending back to back (sync), or each keeping
 * requests in flight up to a shared window (async). A batch run sends {@code batchSize} messages per request; a
 * transaction run sends half messages that commit; a timer run schedules each message by the run's
 * {@link TimerSpec}, {@code batchSize} timers per request when it is above 1. Latency is request to
 * acknowledgement, per request.
 */
public final class ProducerLoad implements Load {
    private static final long STOP_WAIT_MILLIS = 10_000;

    private final LoadClient client;
    private final BenchmarkConfig config;
    private final LoadStats stats;
    private final LongSupplier nanoClock;
    private final LongSupplier wallClockMillis;
    private final List<byte[]> batch;
    private final long requestBytes;
    private final Semaphore window;
    private final List<Thread> senders = new ArrayList<>();
    private volatile boolean running;

    /** @param wallClockMillis the clock timers are scheduled by ({@code System::currentTimeMillis}) */
    public ProducerLoad(LoadClient client, BenchmarkConfig config, LoadStats stats, LongSupplier nanoClock,
                        LongSupplier wallClockMillis) {
        this.client = client;
        this.config = config;
        this.stats = stats;
        this.nanoClock = nanoClock;
        this.wallClockMillis = wallClockMillis;
        // One body shared by every message: the load measures the client and broker, not body generation.
        byte[] body = body(config.bodyBytes());
        this.batch = Collections.nCopies(config.batchSize(), body);
        this.requestBytes = (long) config.bodyBytes() * config.batchSize();
        this.window = new Semaphore(config.asyncWindow());
    }

    /** Printable random characters, so compression (if a client applies it) does not shrink the body. */
    static byte[] body(int size) {
        byte[] body = new byte[size];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < size; i++) {
            body[i] = (byte) ('!' + random.nextInt('~' - '!' + 1));
        }
        return body;
    }

    @Override
    public void start() {
        startClient();
        startSenders();
    }

    /** Starts the producer (transactional for a transaction run) without sending yet. */
    void startClient() {
        if (config.mode() == BenchmarkMode.TRANSACTION_PRODUCER) {
            client.startTransactionProducer(config.group());
        } else {
            client.startProducer(config.group());
        }
    }

    /** Starts the sender threads; {@link #startClient()} must have run. */
    void startSenders() {
        running = true;
        for (int i = 0; i < config.threads(); i++) {
            Thread sender = new Thread(config.async() ? this::sendAsyncLoop : this::sendSyncLoop,
                    "benchmark-sender-" + i);
            sender.setDaemon(true);
            senders.add(sender);
            sender.start();
        }
    }

    private void sendSyncLoop() {
        while (running) {
            long begin = nanoClock.getAsLong();
            record(sendOne(), begin);
        }
    }

    private void sendAsyncLoop() {
        try {
            while (running) {
                if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                long begin = nanoClock.getAsLong();
                sendOneAsync().whenComplete((outcome, unexpected) -> {
                    window.release();
                    record(outcome != null ? outcome : SendOutcome.failed(ErrorKinds.of(unexpected)), begin);
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private SendOutcome sendOne() {
        return switch (config.mode()) {
            case BATCH_PRODUCER -> client.sendBatch(config.topic(), batch);
            case TRANSACTION_PRODUCER -> client.sendInTransaction(config.topic(), batch.get(0));
            case TIMER_PRODUCER -> config.batchSize() > 1
                    ? client.sendBatch(config.topic(), batch, config.timers().scheduleAt(wallClockMillis.getAsLong()))
                    : client.send(config.topic(), batch.get(0),
                            config.timers().scheduleAt(wallClockMillis.getAsLong()));
            default -> client.send(config.topic(), batch.get(0));
        };
    }

    private CompletableFuture<SendOutcome> sendOneAsync() {
        return switch (config.mode()) {
            case BATCH_PRODUCER -> client.sendBatchAsync(config.topic(), batch);
            case TIMER_PRODUCER -> config.batchSize() > 1
                    ? client.sendBatchAsync(config.topic(), batch,
                            config.timers().scheduleAt(wallClockMillis.getAsLong()))
                    : client.sendAsync(config.topic(), batch.get(0),
                            config.timers().scheduleAt(wallClockMillis.getAsLong()));
            default -> client.sendAsync(config.topic(), batch.get(0));
        };
    }

    private void record(SendOutcome outcome, long beginNanos) {
        if (outcome.ok()) {
            stats.recordSuccess((nanoClock.getAsLong() - beginNanos) / 1000, config.batchSize(), requestBytes);
        } else {
            stats.recordError(outcome.errorKind());
        }
    }

    @Override
    public void stop() {
        running = false;
        long deadline = System.currentTimeMillis() + STOP_WAIT_MILLIS;
        try {
            for (Thread sender : senders) {
                sender.join(Math.max(1, deadline - System.currentTimeMillis()));
            }
            if (config.async() && window.tryAcquire(config.asyncWindow(),
                    Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS)) {
                window.release(config.asyncWindow());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
