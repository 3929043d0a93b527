package org.tidemq.client.producer;

import org.tidemq.client.producer.internal.DefaultProducer;
import org.tidemq.client.producer.internal.DefaultTransactionProducer;
import org.tidemq.client.route.NameServerAddresses;
import org.tidemq.common.message.BodyCompression;
import org.tidemq.common.message.UniqueMessageIdGenerator;
import org.tidemq.common.protocol.TopicNames;
import org.tidemq.common.remoting.RemotingClient;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * Configures a {@link Producer}. Only the group is required; the name servers default to system property
 * {@code rocketmq.namesrv.addr}, then environment variable {@code NAMESRV_ADDR}. Not thread-safe.
 */
public final class ProducerBuilder {
    private String namesrvAddr;
    private String group;
    private Duration sendTimeout = ProducerConfig.DEFAULT_SEND_TIMEOUT;
    private int retries = ProducerConfig.DEFAULT_RETRIES;
    private int compressOverBytes = BodyCompression.DEFAULT_THRESHOLD_BYTES;
    private int compressLevel = BodyCompression.DEFAULT_ZLIB_LEVEL;
    private int defaultTopicQueueNums = ProducerConfig.DEFAULT_TOPIC_QUEUE_NUMS;
    private String createTopicKey = TopicNames.AUTO_CREATE_TOPIC_KEY;
    private Duration routeRefreshInterval = ProducerConfig.DEFAULT_ROUTE_REFRESH_INTERVAL;
    private Duration heartbeatInterval = ProducerConfig.DEFAULT_HEARTBEAT_INTERVAL;
    private RemotingClient remotingClient;
    private ScheduledExecutorService scheduler;
    private LongSupplier clockMillis = System::currentTimeMillis;
    private UniqueMessageIdGenerator idGenerator = UniqueMessageIdGenerator.shared();

    ProducerBuilder() {
    }

    /** Name servers as {@code host:port;host:port}. */
    public ProducerBuilder namesrvAddr(String value) {
        this.namesrvAddr = value;
        return this;
    }

    public ProducerBuilder group(String value) {
        this.group = value;
        return this;
    }

    public ProducerBuilder sendTimeout(Duration value) {
        this.sendTimeout = value;
        return this;
    }

    public ProducerBuilder retries(int value) {
        this.retries = value;
        return this;
    }

    public ProducerBuilder compressOverBytes(int value) {
        this.compressOverBytes = value;
        return this;
    }

    public ProducerBuilder compressLevel(int value) {
        this.compressLevel = value;
        return this;
    }

    public ProducerBuilder defaultTopicQueueNums(int value) {
        this.defaultTopicQueueNums = value;
        return this;
    }

    public ProducerBuilder createTopicKey(String value) {
        this.createTopicKey = value;
        return this;
    }

    public ProducerBuilder routeRefreshInterval(Duration value) {
        this.routeRefreshInterval = value;
        return this;
    }

    public ProducerBuilder heartbeatInterval(Duration value) {
        this.heartbeatInterval = value;
        return this;
    }

    /**
     * Uses this transport instead of creating a Netty client. The caller owns it: it must be started before the
     * producer is, and the producer leaves it running on close.
     */
    public ProducerBuilder remotingClient(RemotingClient value) {
        this.remotingClient = value;
        return this;
    }

    /** Runs route refresh and heartbeats on this executor (left running on close) instead of an own thread. */
    public ProducerBuilder scheduler(ScheduledExecutorService value) {
        this.scheduler = value;
        return this;
    }

    /** Time source for born timestamps, send latency and fault quarantine. */
    public ProducerBuilder clock(LongSupplier value) {
        this.clockMillis = value;
        return this;
    }

    public ProducerBuilder idGenerator(UniqueMessageIdGenerator value) {
        this.idGenerator = value;
        return this;
    }

    /** Validates the settings and creates a producer; call {@link Producer#start()} before sending. */
    public Producer build() {
        return new DefaultProducer(config(), remotingClient, scheduler, clockMillis, idGenerator);
    }

    /**
     * Validates the settings and creates a transactional producer answering broker checks with {@code listener};
     * call {@link Producer#start()} before sending.
     */
    public TransactionProducer buildTransactional(TransactionListener listener) {
        return new DefaultTransactionProducer(config(), remotingClient, scheduler, clockMillis, idGenerator,
                Objects.requireNonNull(listener, "listener"));
    }

    private ProducerConfig config() {
        return new ProducerConfig(NameServerAddresses.resolve(namesrvAddr), group, sendTimeout,
                retries, compressOverBytes, compressLevel, defaultTopicQueueNums, createTopicKey,
                routeRefreshInterval, heartbeatInterval);
    }
}
