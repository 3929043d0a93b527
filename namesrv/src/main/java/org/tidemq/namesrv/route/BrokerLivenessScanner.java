package org.tidemq.namesrv.route;

import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Background service that drops brokers which stopped re-registering: every {@code intervalMs} it asks the registry
 * to expire instances silent past their timeout (120 s by default) and closes their channels.
 *
 * <p>{@link #scanOnce()} does one pass with the injected clock, so tests drive expiry without sleeping. Runs on one
 * daemon thread of its own; {@link #close()} stops it. Thread-safe.
 */
public final class BrokerLivenessScanner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerLivenessScanner.class);

    private final RouteRegistry registry;
    private final LongSupplier clockMillis;
    private final long intervalMs;
    private ScheduledExecutorService timer;

    public BrokerLivenessScanner(RouteRegistry registry, LongSupplier clockMillis, long intervalMs) {
        this.registry = registry;
        this.clockMillis = clockMillis;
        this.intervalMs = intervalMs;
    }

    /** Starts periodic scans (first after one interval). */
    public synchronized void start() {
        if (timer != null) {
            throw new IllegalStateException("already started");
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "BrokerLivenessScanner");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::scanSafely, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    /** One pass: expire silent brokers now and close their channels. Returns what was dropped. */
    public List<ExpiredBroker> scanOnce() {
        List<ExpiredBroker> expired = registry.expireInactive(clockMillis.getAsLong());
        for (ExpiredBroker broker : expired) {
            LOG.warn("broker {} expired: silent for {} ms, dropped", broker.address(), broker.silentForMillis());
            Channel channel = broker.channel();
            if (channel != null) {
                channel.close();
            }
        }
        return expired;
    }

    private void scanSafely() {
        try {
            scanOnce();
        } catch (RuntimeException e) {
            // A failed pass must not cancel the schedule; the next pass retries.
            LOG.error("broker liveness scan failed", e);
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
