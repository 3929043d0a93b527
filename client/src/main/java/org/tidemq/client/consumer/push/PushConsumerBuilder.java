package org.tidemq.client.consumer.push;

import org.tidemq.client.consumer.ConsumeFromWhere;
import org.tidemq.client.consumer.MessageModel;
import org.tidemq.client.consumer.MessageSelector;
import org.tidemq.client.consumer.offset.LocalFileOffsetStore;
import org.tidemq.client.consumer.push.internal.DefaultPushConsumer;
import org.tidemq.client.consumer.rebalance.AllocationStrategy;
import org.tidemq.client.consumer.rebalance.AverageAllocation;
import org.tidemq.client.impl.ClientId;
import org.tidemq.client.route.NameServerAddresses;
import org.tidemq.common.remoting.RemotingClient;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * Configures a {@link PushConsumer}. Required: {@link #group}, at least one {@link #subscribe}, and exactly one of
 * {@link #concurrentListener} / {@link #orderlyListener}. Name servers default to system property
 * {@code rocketmq.namesrv.addr}, then environment variable {@code NAMESRV_ADDR}. Not thread-safe.
 */
public final class PushConsumerBuilder {
    private static final Duration DEFAULT_TIMESTAMP_LOOKBACK = Duration.ofMinutes(30);
    private String namesrvAddr;
    private String group;
    private final Map<String, MessageSelector> subscriptions = new LinkedHashMap<>();
    private MessageModel messageModel = MessageModel.CLUSTERING;
    private ConsumeFromWhere consumeFrom = ConsumeFromWhere.LAST_OFFSET;
    private long consumeFromTimestampMillis;
    private int consumeThreads = PushConsumerConfig.DEFAULT_CONSUME_THREADS;
    private int pullBatchSize = PushConsumerConfig.DEFAULT_PULL_BATCH_SIZE;
    private int consumeBatchSize = 1;
    private int maxCachedMessagesPerQueue = PushConsumerConfig.DEFAULT_MAX_CACHED_MESSAGES;
    private long maxCachedBytesPerQueue = PushConsumerConfig.DEFAULT_MAX_CACHED_BYTES;
    private int maxReconsumeTimes = PushConsumerConfig.DEFAULT_MAX_RECONSUME_TIMES;
    private Duration pullErrorBackoff = PushConsumerConfig.DEFAULT_PULL_ERROR_BACKOFF;
    private Duration suspendLockedQueueFor = PushConsumerConfig.DEFAULT_SUSPEND;
    private Duration longPollTimeout = PushConsumerConfig.DEFAULT_LONG_POLL;
    private Duration requestTimeout = PushConsumerConfig.DEFAULT_REQUEST_TIMEOUT;
    private Duration rebalanceInterval = PushConsumerConfig.DEFAULT_REBALANCE_INTERVAL;
    private Duration heartbeatInterval = PushConsumerConfig.DEFAULT_HEARTBEAT_INTERVAL;
    private Duration routeRefreshInterval = PushConsumerConfig.DEFAULT_ROUTE_REFRESH_INTERVAL;
    private Duration persistOffsetInterval = PushConsumerConfig.DEFAULT_PERSIST_OFFSET_INTERVAL;
    private Duration lockRenewInterval = PushConsumerConfig.DEFAULT_LOCK_RENEW_INTERVAL;
    private Duration shutdownTimeout = PushConsumerConfig.DEFAULT_SHUTDOWN_TIMEOUT;
    private Path offsetStoreDir = LocalFileOffsetStore.DEFAULT_BASE_DIR;
    private ConcurrentListener concurrentListener;
    private OrderlyListener orderlyListener;
    private AllocationStrategy allocation = new AverageAllocation();
    private RemotingClient remotingClient;
    private ScheduledExecutorService scheduler;
    private LongSupplier clockMillis = System::currentTimeMillis;
    private String clientId;

    PushConsumerBuilder() {
    }

    /** Name servers as {@code host:port;host:port}. */
    public PushConsumerBuilder namesrvAddr(String value) {
        this.namesrvAddr = value;
        return this;
    }

    public PushConsumerBuilder group(String value) {
        this.group = value;
        return this;
    }

    /** Reads {@code topic}, only messages whose tag matches {@code expression} ({@code *}, {@code A || B}). */
    public PushConsumerBuilder subscribe(String topic, String expression) {
        subscriptions.put(topic, MessageSelector.byTag(expression));
        return this;
    }

    /**
     * Reads {@code topic}, only messages the selector accepts: {@code MessageSelector.bySql("a > 5")} filters on the
     * broker by message properties. {@link PushConsumer#start()} fails with the broker's reason when it refuses the
     * expression (malformed, or {@code enablePropertyFilter=false}).
     */
    public PushConsumerBuilder subscribe(String topic, MessageSelector selector) {
        subscriptions.put(topic, Objects.requireNonNull(selector, "selector"));
        return this;
    }

    public PushConsumerBuilder messageModel(MessageModel value) {
        this.messageModel = value;
        return this;
    }

    /**
     * Where to start queues the group has no offset for: {@code LAST_OFFSET} (default), {@code FIRST_OFFSET}, or
     * {@code TIMESTAMP} (half an hour back unless {@link #consumeFromTimestamp} says otherwise).
     */
    public PushConsumerBuilder consumeFrom(ConsumeFromWhere value) {
        this.consumeFrom = value;
        return this;
    }

    /** Start queues the group has no offset for at the first message stored at or after {@code time}. */
    public PushConsumerBuilder consumeFromTimestamp(Instant time) {
        this.consumeFrom = ConsumeFromWhere.TIMESTAMP;
        this.consumeFromTimestampMillis = time.toEpochMilli();
        return this;
    }

    public PushConsumerBuilder concurrentListener(ConcurrentListener value) {
        this.concurrentListener = value;
        return this;
    }

    public PushConsumerBuilder orderlyListener(OrderlyListener value) {
        this.orderlyListener = value;
        return this;
    }

    public PushConsumerBuilder consumeThreads(int value) {
        this.consumeThreads = value;
        return this;
    }

    public PushConsumerBuilder pullBatchSize(int value) {
        this.pullBatchSize = value;
        return this;
    }

    public PushConsumerBuilder consumeBatchSize(int value) {
        this.consumeBatchSize = value;
        return this;
    }

    public PushConsumerBuilder maxCachedMessagesPerQueue(int value) {
        this.maxCachedMessagesPerQueue = value;
        return this;
    }

    public PushConsumerBuilder maxCachedBytesPerQueue(long value) {
        this.maxCachedBytesPerQueue = value;
        return this;
    }

    public PushConsumerBuilder maxReconsumeTimes(int value) {
        this.maxReconsumeTimes = value;
        return this;
    }

    public PushConsumerBuilder pullErrorBackoff(Duration value) {
        this.pullErrorBackoff = value;
        return this;
    }

    public PushConsumerBuilder suspendLockedQueueFor(Duration value) {
        this.suspendLockedQueueFor = value;
        return this;
    }

    public PushConsumerBuilder longPollTimeout(Duration value) {
        this.longPollTimeout = value;
        return this;
    }

    public PushConsumerBuilder requestTimeout(Duration value) {
        this.requestTimeout = value;
        return this;
    }

    public PushConsumerBuilder rebalanceInterval(Duration value) {
        this.rebalanceInterval = value;
        return this;
    }

    public PushConsumerBuilder heartbeatInterval(Duration value) {
        this.heartbeatInterval = value;
        return this;
    }

    public PushConsumerBuilder routeRefreshInterval(Duration value) {
        this.routeRefreshInterval = value;
        return this;
    }

    public PushConsumerBuilder persistOffsetInterval(Duration value) {
        this.persistOffsetInterval = value;
        return this;
    }

    public PushConsumerBuilder lockRenewInterval(Duration value) {
        this.lockRenewInterval = value;
        return this;
    }

    public PushConsumerBuilder shutdownTimeout(Duration value) {
        this.shutdownTimeout = value;
        return this;
    }

    /** Broadcasting: base directory of the local offset files (default {@code ~/.tidemq_offsets}). */
    public PushConsumerBuilder offsetStoreDir(Path value) {
        this.offsetStoreDir = value;
        return this;
    }

    public PushConsumerBuilder allocationStrategy(AllocationStrategy value) {
        this.allocation = value;
        return this;
    }

    /**
     * Uses this transport instead of creating a Netty client. The caller owns it; it must not be started yet (the
     * consumer registers its broker-request processors, then the caller starts it before {@link PushConsumer#start}).
     */
    public PushConsumerBuilder remotingClient(RemotingClient value) {
        this.remotingClient = value;
        return this;
    }

    /** Runs timers and pull scheduling on this executor (left running on close) instead of own threads. */
    public PushConsumerBuilder scheduler(ScheduledExecutorService value) {
        this.scheduler = value;
        return this;
    }

    public PushConsumerBuilder clock(LongSupplier value) {
        this.clockMillis = value;
        return this;
    }

    /** The client id brokers see (default {@code ip@pid#nanoTime}); must be unique within the group. */
    public PushConsumerBuilder clientId(String value) {
        this.clientId = value;
        return this;
    }

    /** Validates the settings and creates the consumer; call {@link PushConsumer#start()} to begin. */
    public PushConsumer build() {
        long fromTimestampMillis = consumeFromTimestampMillis;
        if (consumeFrom == ConsumeFromWhere.TIMESTAMP && fromTimestampMillis == 0) {
            // RocketMQ's default consumeTimestamp: half an hour before start.
            fromTimestampMillis = clockMillis.getAsLong() - DEFAULT_TIMESTAMP_LOOKBACK.toMillis();
        }
        PushConsumerConfig config = new PushConsumerConfig(NameServerAddresses.resolve(namesrvAddr), group,
                subscriptions, messageModel, consumeFrom, fromTimestampMillis, consumeThreads, pullBatchSize,
                consumeBatchSize, maxCachedMessagesPerQueue, maxCachedBytesPerQueue, maxReconsumeTimes,
                pullErrorBackoff, suspendLockedQueueFor, longPollTimeout, requestTimeout, rebalanceInterval,
                heartbeatInterval, routeRefreshInterval, persistOffsetInterval, lockRenewInterval, shutdownTimeout,
                offsetStoreDir);
        return new DefaultPushConsumer(config, concurrentListener, orderlyListener, allocation, remotingClient,
                scheduler, clockMillis, clientId != null ? clientId : ClientId.create());
    }
}
