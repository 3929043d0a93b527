package org.tidemq.tools.benchmark;

import java.util.function.LongSupplier;

/**
 * Consumes the topic with a push consumer and records, per message, the end-to-end latency from the message's born
 * timestamp (the producer's clock) to its delivery (this machine's clock): meaningful when both run on one machine
 * or on synchronised clocks. Messages consumed after {@link #stop()} began are not counted.
 */
public final class ConsumerLoad implements Load {
    private final LoadClient client;
    private final BenchmarkConfig config;
    private final LoadStats stats;
    private final LongSupplier wallClockMillis;
    private volatile boolean counting;

    /** @param wallClockMillis the clock born timestamps are compared with ({@code System::currentTimeMillis}) */
    public ConsumerLoad(LoadClient client, BenchmarkConfig config, LoadStats stats, LongSupplier wallClockMillis) {
        this.client = client;
        this.config = config;
        this.stats = stats;
        this.wallClockMillis = wallClockMillis;
    }

    @Override
    public void start() {
        counting = true;
        client.startConsumer(config.group(), config.topic(), config.consumeFromFirst(), config.threads(),
                this::onMessage);
    }

    private void onMessage(long bornTimestampMillis, int bodyBytes, long dueMillis) {
        if (counting) {
            stats.recordSuccess((wallClockMillis.getAsLong() - bornTimestampMillis) * 1000, 1, bodyBytes);
        }
    }

    @Override
    public void stop() {
        counting = false;
    }
}
