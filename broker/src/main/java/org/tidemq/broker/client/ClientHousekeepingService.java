package org.tidemq.broker.client;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.broker.persist.PeriodicScheduler;

/**
 * Evicts clients whose last heartbeat is older than {@code channelExpiryMs} (RocketMQ: 120 s, scanned every 10 s) and
 * closes their connections, so a client that hangs without closing its socket stops holding queues.
 */
public final class ClientHousekeepingService {
    private static final Logger LOG = LoggerFactory.getLogger(ClientHousekeepingService.class);
    public static final long DEFAULT_CHANNEL_EXPIRY_MS = 120_000;
    public static final long DEFAULT_SCAN_INTERVAL_MS = 10_000;

    private final ConsumerRegistry consumers;
    private final ProducerRegistry producers;
    private final LongSupplier clockMillis;
    private final long channelExpiryMs;
    private PeriodicScheduler.ScheduledTask task;

    public ClientHousekeepingService(ConsumerRegistry consumers, ProducerRegistry producers,
                                     LongSupplier clockMillis, long channelExpiryMs) {
        this.consumers = consumers;
        this.producers = producers;
        this.clockMillis = clockMillis;
        this.channelExpiryMs = channelExpiryMs;
    }

    public synchronized void start(PeriodicScheduler scheduler, long scanIntervalMs) {
        task = scheduler.scheduleAtFixedRate(this::scan, scanIntervalMs, scanIntervalMs);
    }

    /** One scan: evicts and closes silent clients. */
    public void scan() {
        long deadline = clockMillis.getAsLong() - channelExpiryMs;
        List<ClientChannel> evicted = new ArrayList<>(consumers.evictSilentSince(deadline));
        evicted.addAll(producers.evictSilentSince(deadline));
        for (ClientChannel client : evicted) {
            LOG.warn("client {} at {} sent no heartbeat for {} ms: evicted", client.clientId(),
                    client.channel().remoteAddress(), channelExpiryMs);
            client.channel().close();
        }
    }

    public synchronized void shutdown() {
        if (task != null) {
            task.cancel();
            task = null;
        }
    }
}
