package org.tidemq.tools.benchmark;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * A {@code timerProducer} run: a fresh consumer group subscribes to the topic first, then a {@link ProducerLoad}
 * schedules messages; every delivered message of this run is checked against its due time
 * ({@link Schedule#DUE_PROPERTY}). Lateness (delivery minus due, on this machine's clock) goes into its own
 * {@link LoadStats}; a message delivered before it was due counts as early, not as a lateness of zero.
 *
 * <p>{@link #stop()} stops sending, then waits until every accepted message has fired, or until the last one is
 * overdue by the firing grace ({@link #DEFAULT_FIRING_GRACE} in a real run) — so a lost timer shows as
 * "fired &lt; accepted" rather than a hang. The wait is timed on the monotonic clock.
 */
public final class TimerLoad implements Load {
    public static final Duration DEFAULT_FIRING_GRACE = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 100;
    private static final byte[] PROBE_BODY = "timer benchmark probe".getBytes(StandardCharsets.US_ASCII);

    private final LoadClient client;
    private final BenchmarkConfig config;
    private final LoadStats sendStats;
    private final ProducerLoad producer;
    private final LoadStats lateness;
    private final LongSupplier wallClockMillis;
    private final LongSupplier nanoClock;
    private final Duration firingGrace;
    private final LongAdder early = new LongAdder();
    private final AtomicLong maxEarlyMillis = new AtomicLong();
    private volatile long startedAtMillis = Long.MAX_VALUE;

    /**
     * @param wallClockMillis the clock due times are scheduled and checked by
     * @param firingGrace     how long past the last due time {@link #stop()} waits for missing deliveries
     */
    public TimerLoad(LoadClient client, BenchmarkConfig config, LoadStats sendStats, LongSupplier nanoClock,
                     LongSupplier wallClockMillis, Duration firingGrace) {
        this.client = client;
        this.config = config;
        this.sendStats = sendStats;
        this.wallClockMillis = wallClockMillis;
        this.nanoClock = nanoClock;
        this.firingGrace = firingGrace;
        this.producer = new ProducerLoad(client, config, sendStats, nanoClock, wallClockMillis);
        this.lateness = new LoadStats(nanoClock);
    }

    /**
     * Sends one unscheduled probe first, so the topic exists (and has a route) when the consumer starts: a consumer
     * started on a topic without a route would only find it at its next rebalance, 20 s later, and every timer due
     * before then would look late. The probe carries no due time, so it is not measured.
     */
    @Override
    public void start() {
        startedAtMillis = wallClockMillis.getAsLong();
        producer.startClient();
        SendOutcome probe = client.send(config.topic(), PROBE_BODY);
        if (!probe.ok()) {
            throw new IllegalStateException("cannot send to topic " + config.topic() + ": " + probe.errorKind());
        }
        String group = BenchmarkOptions.CONSUMER_GROUP_PREFIX + "timer_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt() & 0x7fffffff);
        client.startConsumer(group, config.topic(), false, config.threads(), this::onMessage);
        producer.startSenders();
    }

    private void onMessage(long bornTimestampMillis, int bodyBytes, long dueMillis) {
        if (dueMillis < 0 || bornTimestampMillis < startedAtMillis) {
            return; // not scheduled by this run
        }
        long lateMillis = wallClockMillis.getAsLong() - dueMillis;
        if (lateMillis < 0) {
            early.increment();
            maxEarlyMillis.accumulateAndGet(-lateMillis, Math::max);
            return;
        }
        lateness.recordSuccess(lateMillis * 1000, 1, bodyBytes);
    }

    @Override
    public void stop() {
        producer.stop();
        long deadline = nanoClock.getAsLong()
                + Duration.ofMillis(config.timers().delayMs()).plus(firingGrace).toNanos();
        try {
            while (fired() < sendStats.messagesSoFar() && nanoClock.getAsLong() - deadline < 0) {
                Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, (deadline - nanoClock.getAsLong()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long fired() {
        return lateness.messagesSoFar() + early.sum();
    }

    @Override
    public Optional<FiringSummary> firing() {
        return Optional.of(new FiringSummary(config.timers(), sendStats.messagesSoFar(), early.sum(),
                maxEarlyMillis.get(), lateness.totals()));
    }
}
