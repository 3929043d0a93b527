package org.tidemq.client.consumer;

import org.tidemq.client.consumer.internal.DefaultPullConsumer;
import org.tidemq.client.consumer.offset.LocalFileOffsetStore;
import org.tidemq.client.route.NameServerAddresses;
import org.tidemq.common.remoting.RemotingClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Configures a {@link PullConsumer}. Only the group is required; name servers default to system property
 * {@code rocketmq.namesrv.addr}, then environment variable {@code NAMESRV_ADDR}. Not thread-safe.
 */
public final class PullConsumerBuilder {
    private String namesrvAddr;
    private String group;
    private String instanceName = ProcessHandle.current().pid() + "#" + System.nanoTime();
    private MessageModel messageModel = MessageModel.CLUSTERING;
    private ConsumeFromWhere consumeFromWhere = ConsumeFromWhere.LAST_OFFSET;
    private long consumeTimestampMillis = -1;
    private int pullBatchSize = PullConsumerConfig.DEFAULT_PULL_BATCH_SIZE;
    private int maxPollMessages = PullConsumerConfig.DEFAULT_MAX_POLL_MESSAGES;
    private int maxCachedMessagesPerQueue = PullConsumerConfig.DEFAULT_MAX_CACHED_MESSAGES_PER_QUEUE;
    private long maxCachedBytesPerQueue = PullConsumerConfig.DEFAULT_MAX_CACHED_BYTES_PER_QUEUE;
    private Duration longPollTimeout = PullConsumerConfig.DEFAULT_LONG_POLL_TIMEOUT;
    private Duration requestTimeout = PullConsumerConfig.DEFAULT_REQUEST_TIMEOUT;
    private Duration pullErrorBackoff = PullConsumerConfig.DEFAULT_PULL_ERROR_BACKOFF;
    private boolean autoCommit = true;
    private Duration autoCommitInterval = PullConsumerConfig.DEFAULT_AUTO_COMMIT_INTERVAL;
    private Duration rebalanceInterval = PullConsumerConfig.DEFAULT_REBALANCE_INTERVAL;
    private Duration heartbeatInterval = PullConsumerConfig.DEFAULT_HEARTBEAT_INTERVAL;
    private Duration routeRefreshInterval = PullConsumerConfig.DEFAULT_ROUTE_REFRESH_INTERVAL;
    private Path offsetStoreDir = LocalFileOffsetStore.DEFAULT_BASE_DIR;
    private RemotingClient remotingClient;
    private ScheduledExecutorService scheduler;

    PullConsumerBuilder() {
    }

    /** Name servers as {@code host:port;host:port}. */
    public PullConsumerBuilder namesrvAddr(String value) {
        this.namesrvAddr = value;
        return this;
    }

    public PullConsumerBuilder group(String value) {
        this.group = value;
        return this;
    }

    public PullConsumerBuilder instanceName(String value) {
        this.instanceName = value;
        return this;
    }

    public PullConsumerBuilder messageModel(MessageModel value) {
        this.messageModel = value;
        return this;
    }

    public PullConsumerBuilder consumeFromWhere(ConsumeFromWhere value) {
        this.consumeFromWhere = value;
        return this;
    }

    /** Sets {@link ConsumeFromWhere#TIMESTAMP} starting at {@code timestampMillis}. */
    public PullConsumerBuilder consumeFromTimestamp(long timestampMillis) {
        this.consumeFromWhere = ConsumeFromWhere.TIMESTAMP;
        this.consumeTimestampMillis = timestampMillis;
        return this;
    }

    public PullConsumerBuilder pullBatchSize(int value) {
        this.pullBatchSize = value;
        return this;
    }

    public PullConsumerBuilder maxPollMessages(int value) {
        this.maxPollMessages = value;
        return this;
    }

    public PullConsumerBuilder maxCachedMessagesPerQueue(int value) {
        this.maxCachedMessagesPerQueue = value;
        return this;
    }

    public PullConsumerBuilder maxCachedBytesPerQueue(long value) {
        this.maxCachedBytesPerQueue = value;
        return this;
    }

    public PullConsumerBuilder longPollTimeout(Duration value) {
        this.longPollTimeout = value;
        return this;
    }

    public PullConsumerBuilder requestTimeout(Duration value) {
        this.requestTimeout = value;
        return this;
    }

    public PullConsumerBuilder pullErrorBackoff(Duration value) {
        this.pullErrorBackoff = value;
        return this;
    }

    public PullConsumerBuilder autoCommit(boolean value) {
        this.autoCommit = value;
        return this;
    }

    public PullConsumerBuilder autoCommitInterval(Duration value) {
        this.autoCommitInterval = value;
        return this;
    }

    public PullConsumerBuilder rebalanceInterval(Duration value) {
        this.rebalanceInterval = value;
        return this;
    }

    public PullConsumerBuilder heartbeatInterval(Duration value) {
        this.heartbeatInterval = value;
        return this;
    }

    public PullConsumerBuilder routeRefreshInterval(Duration value) {
        this.routeRefreshInterval = value;
        return this;
    }

    /** Base directory of broadcasting offsets (default {@code ~/.tidemq_offsets}). */
    public PullConsumerBuilder offsetStoreDir(Path value) {
        this.offsetStoreDir = value;
        return this;
    }

    /**
     * Uses this transport instead of creating a Netty client. The caller owns it: it must be started before the
     * consumer is, and is left running on close. Broker membership notices are then not received (the periodic
     * rebalance still runs).
     */
    public PullConsumerBuilder remotingClient(RemotingClient value) {
        this.remotingClient = value;
        return this;
    }

    /** Runs background tasks on this executor (left running on close) instead of an own thread. */
    public PullConsumerBuilder scheduler(ScheduledExecutorService value) {
        this.scheduler = value;
        return this;
    }

    /** Validates the settings and creates a consumer; call {@link PullConsumer#start()} before use. */
    public PullConsumer build() {
        PullConsumerConfig config = new PullConsumerConfig(NameServerAddresses.resolve(namesrvAddr), group,
                instanceName, messageModel, consumeFromWhere, consumeTimestampMillis, pullBatchSize, maxPollMessages,
                maxCachedMessagesPerQueue, maxCachedBytesPerQueue, longPollTimeout, requestTimeout, pullErrorBackoff,
                autoCommit, autoCommitInterval, rebalanceInterval, heartbeatInterval, routeRefreshInterval,
                offsetStoreDir);
        return new DefaultPullConsumer(config, remotingClient, scheduler);
    }
}
