package org.tidemq.client.consumer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Validated {@link PullConsumer} settings (RocketMQ defaults, facts §9.1, §9.4, §9.7). Built by
 * {@link PullConsumerBuilder}.
 *
 * @param namesrvAddrs              name servers, {@code host:port}
 * @param group                     consumer group
 * @param instanceName              second half of the client id {@code ip@instanceName}; keep it stable across
 *                                  restarts of a broadcasting consumer so its local offsets are found again
 * @param messageModel              clustering (queues shared by the group) or broadcasting (every consumer reads all)
 * @param consumeFromWhere          start of a queue the group never committed
 * @param consumeTimestampMillis    the start time for {@link ConsumeFromWhere#TIMESTAMP}
 * @param pullBatchSize             messages asked for per pull request
 * @param maxPollMessages           most messages one {@code poll} returns
 * @param maxCachedMessagesPerQueue prefetch stops for a queue holding this many unpolled messages
 * @param maxCachedBytesPerQueue    … or this many unpolled body bytes
 * @param longPollTimeout           how long a broker may hold a pull that found nothing
 * @param requestTimeout            timeout of every other broker / name-server call
 * @param pullErrorBackoff          pause before re-pulling a queue after a failed pull
 * @param autoCommit                commit polled positions every {@code autoCommitInterval} and on close
 * @param autoCommitInterval        see {@code autoCommit}
 * @param rebalanceInterval         how often subscriptions re-divide queues (also on broker notice)
 * @param heartbeatInterval         how often the group is heartbeated to every broker
 * @param routeRefreshInterval      how often routes of used topics are re-read
 * @param offsetStoreDir            base directory of broadcasting offsets ({@code <dir>/<clientId>/<group>/offsets.json})
 */
public record PullConsumerConfig(List<String> namesrvAddrs, String group, String instanceName,
                                 MessageModel messageModel, ConsumeFromWhere consumeFromWhere,
                                 long consumeTimestampMillis, int pullBatchSize, int maxPollMessages,
                                 int maxCachedMessagesPerQueue, long maxCachedBytesPerQueue,
                                 Duration longPollTimeout, Duration requestTimeout, Duration pullErrorBackoff,
                                 boolean autoCommit, Duration autoCommitInterval, Duration rebalanceInterval,
                                 Duration heartbeatInterval, Duration routeRefreshInterval, Path offsetStoreDir) {
    public static final int DEFAULT_PULL_BATCH_SIZE = 32;
    public static final int DEFAULT_MAX_POLL_MESSAGES = 32;
    public static final int DEFAULT_MAX_CACHED_MESSAGES_PER_QUEUE = 1000;
    public static final long DEFAULT_MAX_CACHED_BYTES_PER_QUEUE = 32L * 1024 * 1024;
    public static final Duration DEFAULT_LONG_POLL_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_PULL_ERROR_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_AUTO_COMMIT_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REBALANCE_INTERVAL = Duration.ofSeconds(20);
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_ROUTE_REFRESH_INTERVAL = Duration.ofSeconds(30);
    /** Brokers answer a held pull before 30 s, after which the Java client gives up on the connection (§13.9). */
    public static final Duration MAX_LONG_POLL_TIMEOUT = Duration.ofSeconds(25);
    private static final int MAX_GROUP_LENGTH = 255;
    private static final int MAX_PULL_BATCH_SIZE = 1024;
    private static final Pattern GROUP_PATTERN = Pattern.compile("^[%|a-zA-Z0-9_-]+$");

    public PullConsumerConfig {
        namesrvAddrs = List.copyOf(Objects.requireNonNull(namesrvAddrs, "namesrvAddrs"));
        if (namesrvAddrs.isEmpty()) {
            throw new IllegalArgumentException("namesrvAddrs must not be empty");
        }
        if (group == null || group.isBlank()) {
            throw new IllegalArgumentException("consumer group must be set");
        }
        if (group.length() > MAX_GROUP_LENGTH || !GROUP_PATTERN.matcher(group).matches()) {
            throw new IllegalArgumentException("consumer group '" + group
                    + "' must match ^[%|a-zA-Z0-9_-]+$ and be at most " + MAX_GROUP_LENGTH + " chars");
        }
        if (instanceName == null || instanceName.isBlank() || instanceName.contains("@")) {
            throw new IllegalArgumentException("instanceName must be non-blank without '@' but was '"
                    + instanceName + "'");
        }
        Objects.requireNonNull(messageModel, "messageModel");
        Objects.requireNonNull(consumeFromWhere, "consumeFromWhere");
        if (consumeFromWhere == ConsumeFromWhere.TIMESTAMP && consumeTimestampMillis < 0) {
            throw new IllegalArgumentException("consumeTimestampMillis must be set (>= 0) for TIMESTAMP");
        }
        requireRange("pullBatchSize", pullBatchSize, 1, MAX_PULL_BATCH_SIZE);
        requireRange("maxPollMessages", maxPollMessages, 1, Integer.MAX_VALUE);
        requireRange("maxCachedMessagesPerQueue", maxCachedMessagesPerQueue, 1, Integer.MAX_VALUE);
        if (maxCachedBytesPerQueue < 1) {
            throw new IllegalArgumentException("maxCachedBytesPerQueue must be positive but was "
                    + maxCachedBytesPerQueue);
        }
        requirePositive("longPollTimeout", longPollTimeout);
        if (longPollTimeout.compareTo(MAX_LONG_POLL_TIMEOUT) > 0) {
            throw new IllegalArgumentException("longPollTimeout must be at most " + MAX_LONG_POLL_TIMEOUT
                    + " but was " + longPollTimeout);
        }
        requirePositive("requestTimeout", requestTimeout);
        requirePositive("pullErrorBackoff", pullErrorBackoff);
        requirePositive("autoCommitInterval", autoCommitInterval);
        requirePositive("rebalanceInterval", rebalanceInterval);
        requirePositive("heartbeatInterval", heartbeatInterval);
        requirePositive("routeRefreshInterval", routeRefreshInterval);
        Objects.requireNonNull(offsetStoreDir, "offsetStoreDir");
    }

    /** {@code ip@instanceName} with this host's address. */
    public String clientId(String localIp) {
        return localIp + "@" + instanceName;
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in " + min + ".." + max + " but was " + value);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive but was " + value);
        }
    }
}
