package org.tidemq.client.consumer.push;

import org.tidemq.client.consumer.ConsumeFromWhere;
import org.tidemq.client.consumer.MessageModel;
import org.tidemq.client.consumer.MessageSelector;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Validated push-consumer settings; defaults as RocketMQ's {@code DefaultMQPushConsumer} (facts §9.1, §9.4). Built by
 * {@link PushConsumerBuilder}.
 *
 * @param namesrvAddrs              name servers, {@code host:port}
 * @param group                     consumer group
 * @param subscriptions             topic → selector (TAG expression, {@code *} for everything, or SQL92), in
 *                                  subscription order
 * @param messageModel              clustering (queues shared, offsets on brokers) or broadcasting (all queues, local
 *                                  offsets)
 * @param consumeFrom               where to start a queue the group has no offset for
 * @param consumeFromTimestampMillis start time for {@link ConsumeFromWhere#TIMESTAMP}
 * @param consumeThreads            listener thread-pool size
 * @param pullBatchSize             messages per pull
 * @param consumeBatchSize          messages per listener call
 * @param maxCachedMessagesPerQueue pause pulling a queue holding this many unacknowledged messages
 * @param maxCachedBytesPerQueue    … or this many body bytes
 * @param maxReconsumeTimes         retries through the retry topic before the dead-letter queue (concurrent)
 * @param pullErrorBackoff          wait after a failed pull before pulling that queue again, after a refused lock
 *                                  before asking again, and before a batch that neither send-back path could
 *                                  store is consumed again locally
 * @param suspendLockedQueueFor     orderly: pause of a queue after SUSPEND_CURRENT_QUEUE_A_MOMENT or a missing lock
 * @param longPollTimeout           how long a broker may hold a pull with no new message
 * @param requestTimeout            timeout of other broker and name-server requests
 * @param rebalanceInterval         periodic rebalance
 * @param heartbeatInterval         heartbeats to every broker of the subscribed topics
 * @param routeRefreshInterval      subscribed topics' routes are re-read
 * @param persistOffsetInterval     committed offsets are written (broker or local file)
 * @param lockRenewInterval         orderly: queue locks are renewed
 * @param shutdownTimeout           how long {@code close()} waits for running listener calls
 * @param offsetStoreDir            broadcasting: directory of the local offset file
 */
public record PushConsumerConfig(List<String> namesrvAddrs, String group, Map<String, MessageSelector> subscriptions,
                                 MessageModel messageModel, ConsumeFromWhere consumeFrom,
                                 long consumeFromTimestampMillis, int consumeThreads, int pullBatchSize,
                                 int consumeBatchSize, int maxCachedMessagesPerQueue, long maxCachedBytesPerQueue,
                                 int maxReconsumeTimes, Duration pullErrorBackoff, Duration suspendLockedQueueFor,
                                 Duration longPollTimeout, Duration requestTimeout, Duration rebalanceInterval,
                                 Duration heartbeatInterval, Duration routeRefreshInterval,
                                 Duration persistOffsetInterval, Duration lockRenewInterval,
                                 Duration shutdownTimeout, Path offsetStoreDir) {
    public static final int DEFAULT_CONSUME_THREADS = 20;
    public static final int DEFAULT_PULL_BATCH_SIZE = 32;
    public static final int DEFAULT_MAX_CACHED_MESSAGES = 1000;
    public static final long DEFAULT_MAX_CACHED_BYTES = 100L * 1024 * 1024;
    public static final int DEFAULT_MAX_RECONSUME_TIMES = 16;
    public static final Duration DEFAULT_PULL_ERROR_BACKOFF = Duration.ofSeconds(3);
    public static final Duration DEFAULT_SUSPEND = Duration.ofSeconds(1);
    public static final Duration DEFAULT_LONG_POLL = Duration.ofSeconds(15);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_REBALANCE_INTERVAL = Duration.ofSeconds(20);
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_ROUTE_REFRESH_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_PERSIST_OFFSET_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_LOCK_RENEW_INTERVAL = Duration.ofSeconds(20);
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern GROUP_PATTERN = Pattern.compile("^[%|a-zA-Z0-9_-]{1,255}$");

    public PushConsumerConfig {
        namesrvAddrs = List.copyOf(Objects.requireNonNull(namesrvAddrs, "namesrvAddrs"));
        if (namesrvAddrs.isEmpty()) {
            throw new IllegalArgumentException("namesrvAddrs must not be empty");
        }
        if (group == null || !GROUP_PATTERN.matcher(group).matches()) {
            throw new IllegalArgumentException("consumer group '" + group
                    + "' must match ^[%|a-zA-Z0-9_-]+$ and be 1..255 chars");
        }
        subscriptions = Collections.unmodifiableMap(new LinkedHashMap<>(
                Objects.requireNonNull(subscriptions, "subscriptions")));
        if (subscriptions.isEmpty()) {
            throw new IllegalArgumentException("subscribe to at least one topic");
        }
        Objects.requireNonNull(messageModel, "messageModel");
        Objects.requireNonNull(consumeFrom, "consumeFrom");
        requireAtLeast("consumeThreads", consumeThreads, 1);
        requireAtLeast("pullBatchSize", pullBatchSize, 1);
        requireAtLeast("consumeBatchSize", consumeBatchSize, 1);
        requireAtLeast("maxCachedMessagesPerQueue", maxCachedMessagesPerQueue, 1);
        if (maxCachedBytesPerQueue < 1) {
            throw new IllegalArgumentException("maxCachedBytesPerQueue must be positive but was "
                    + maxCachedBytesPerQueue);
        }
        requireAtLeast("maxReconsumeTimes", maxReconsumeTimes, 0);
        for (Map.Entry<String, Duration> entry : Map.ofEntries(Map.entry("pullErrorBackoff", pullErrorBackoff),
                Map.entry("suspendLockedQueueFor", suspendLockedQueueFor), Map.entry("longPollTimeout", longPollTimeout),
                Map.entry("requestTimeout", requestTimeout), Map.entry("rebalanceInterval", rebalanceInterval),
                Map.entry("heartbeatInterval", heartbeatInterval), Map.entry("routeRefreshInterval",
                        routeRefreshInterval), Map.entry("persistOffsetInterval", persistOffsetInterval),
                Map.entry("lockRenewInterval", lockRenewInterval), Map.entry("shutdownTimeout", shutdownTimeout))
                .entrySet()) {
            Duration value = entry.getValue();
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(entry.getKey() + " must be positive but was " + value);
            }
        }
        if (messageModel == MessageModel.BROADCASTING) {
            Objects.requireNonNull(offsetStoreDir, "offsetStoreDir (broadcasting keeps offsets in a local file)");
        }
    }

    private static void requireAtLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + " but was " + value);
        }
    }
}
