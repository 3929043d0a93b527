package org.tidemq.client.producer;

import org.tidemq.common.message.BodyCompression;
import org.tidemq.common.protocol.TopicNames;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Validated producer settings (defaults as RocketMQ's Java producer, facts §9.1–9.2). Built by {@link ProducerBuilder}.
 *
 * @param namesrvAddrs          name servers, {@code host:port}
 * @param group                 producer group
 * @param sendTimeout           budget of one send, all retries and the route lookup included
 * @param retries               extra attempts on another broker after a retryable failure (sync and async sends)
 * @param compressOverBytes     single-message bodies of at least this size are zlib-compressed
 * @param compressLevel         zlib level 0..9
 * @param defaultTopicQueueNums queues per broker for topics the broker auto-creates from {@code createTopicKey}
 * @param createTopicKey        auto-create template topic
 * @param routeRefreshInterval  how often every used topic's route is re-read
 * @param heartbeatInterval     how often the producer heartbeats every master it knows
 */
public record ProducerConfig(List<String> namesrvAddrs, String group, Duration sendTimeout, int retries,
                             int compressOverBytes, int compressLevel, int defaultTopicQueueNums,
                             String createTopicKey, Duration routeRefreshInterval, Duration heartbeatInterval) {
    public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofMillis(3000);
    public static final int DEFAULT_RETRIES = 2;
    public static final int DEFAULT_TOPIC_QUEUE_NUMS = 4;
    public static final Duration DEFAULT_ROUTE_REFRESH_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(30);
    private static final int MAX_GROUP_LENGTH = 255;
    private static final Pattern GROUP_PATTERN = Pattern.compile("^[%|a-zA-Z0-9_-]+$");

    public ProducerConfig {
        namesrvAddrs = List.copyOf(Objects.requireNonNull(namesrvAddrs, "namesrvAddrs"));
        if (namesrvAddrs.isEmpty()) {
            throw new IllegalArgumentException("namesrvAddrs must not be empty");
        }
        if (group == null || group.isBlank()) {
            throw new IllegalArgumentException("producer group must be set");
        }
        if (group.length() > MAX_GROUP_LENGTH || !GROUP_PATTERN.matcher(group).matches()) {
            throw new IllegalArgumentException("producer group '" + group
                    + "' must match ^[%|a-zA-Z0-9_-]+$ and be at most " + MAX_GROUP_LENGTH + " chars");
        }
        requirePositive("sendTimeout", sendTimeout);
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative but was " + retries);
        }
        if (compressOverBytes < 0) {
            throw new IllegalArgumentException("compressOverBytes must not be negative but was " + compressOverBytes);
        }
        if (compressLevel < 0 || compressLevel > 9) {
            throw new IllegalArgumentException("compressLevel must be 0..9 but was " + compressLevel);
        }
        if (defaultTopicQueueNums < 1) {
            throw new IllegalArgumentException("defaultTopicQueueNums must be positive but was " + defaultTopicQueueNums);
        }
        if (!TopicNames.isValid(createTopicKey)) {
            throw new IllegalArgumentException("createTopicKey is not a valid topic name: " + createTopicKey);
        }
        requirePositive("routeRefreshInterval", routeRefreshInterval);
        requirePositive("heartbeatInterval", heartbeatInterval);
    }

    /** Defaults for everything but the name servers and group. */
    public static ProducerConfig defaults(List<String> namesrvAddrs, String group) {
        return new ProducerConfig(namesrvAddrs, group, DEFAULT_SEND_TIMEOUT, DEFAULT_RETRIES,
                BodyCompression.DEFAULT_THRESHOLD_BYTES, BodyCompression.DEFAULT_ZLIB_LEVEL, DEFAULT_TOPIC_QUEUE_NUMS,
                TopicNames.AUTO_CREATE_TOPIC_KEY, DEFAULT_ROUTE_REFRESH_INTERVAL, DEFAULT_HEARTBEAT_INTERVAL);
    }

    public long sendTimeoutMillis() {
        return sendTimeout.toMillis();
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive but was " + value);
        }
    }
}
