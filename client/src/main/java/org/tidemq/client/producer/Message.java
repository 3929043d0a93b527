package org.tidemq.client.producer;

import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.protocol.TopicNames;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A message to publish. Immutable; build one with {@link #builder(String)}.
 *
 * @param topic          the destination topic
 * @param tags           the tag consumers filter on, or {@code null}
 * @param keys           business keys the broker indexes (sent space-separated as property KEYS); never null
 * @param body           the payload; not empty
 * @param userProperties application properties, sent with the message in insertion order; never null
 * @param flag           the user flag stored with the message
 * @param waitStoreMsgOk ask the broker to answer only once the message is flushed/replicated as configured (WAIT)
 * @param delayLevel     delivery delay level 1..18, or 0 for immediate delivery
 * @param timer          a deliver time or delay at millisecond precision (RocketMQ 5.x timer properties), or
 *                       {@code null}; ignored by the broker when {@code delayLevel} is set
 */
public record Message(String topic, String tags, List<String> keys, byte[] body, Map<String, String> userProperties,
                      int flag, boolean waitStoreMsgOk, int delayLevel, Timer timer) {

    /**
     * When a timed message is delivered, sent as one RocketMQ 5.x property. A deliver time in the past means
     * immediate delivery; more than the broker's {@code timerMaxDelaySec} ahead (default 7 days) is refused.
     *
     * @param property the wire property: {@code TIMER_DELIVER_MS}, {@code TIMER_DELAY_MS} or {@code TIMER_DELAY_SEC}
     * @param value    epoch ms, delay ms or delay seconds
     */
    public record Timer(String property, long value) {
        public static final String DELIVER_MS = "TIMER_DELIVER_MS";
        public static final String DELAY_MS = "TIMER_DELAY_MS";
        public static final String DELAY_SEC = "TIMER_DELAY_SEC";

        public Timer {
            if (!DELIVER_MS.equals(property) && !DELAY_MS.equals(property) && !DELAY_SEC.equals(property)) {
                throw new IllegalArgumentException("timer property must be " + DELIVER_MS + ", " + DELAY_MS + " or "
                        + DELAY_SEC + ", got " + property);
            }
            if (value < 0) {
                throw new IllegalArgumentException(property + " must be >= 0, got " + value);
            }
        }
    }

    /** A message without a timer. */
    public Message(String topic, String tags, List<String> keys, byte[] body, Map<String, String> userProperties,
                   int flag, boolean waitStoreMsgOk, int delayLevel) {
        this(topic, tags, keys, body, userProperties, flag, waitStoreMsgOk, delayLevel, null);
    }
    /** Longest body the client sends (RocketMQ's {@code maxMessageSize}, 4 MiB). */
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    public static final int MAX_DELAY_LEVEL = 18;
    /** Property names the client or broker set themselves; applications may not use them. */
    private static final Set<String> RESERVED_PROPERTIES = Set.of(MessageProperties.TAGS, MessageProperties.KEYS,
            MessageProperties.WAIT, MessageProperties.UNIQ_KEY, "DELAY", "RETRY_TOPIC", "REAL_TOPIC", "REAL_QID",
            "TRAN_MSG", "PGROUP", "MIN_OFFSET", "MAX_OFFSET", "ORIGIN_MESSAGE_ID", "RECONSUME_TIME",
            "MAX_RECONSUME_TIMES", "MSG_REGION", "TRACE_ON", "CLUSTER", "TIMER_DELAY_SEC", "TIMER_DELIVER_MS",
            "TIMER_DELAY_MS", "__transactionId__");

    public Message {
        String problem = TopicNames.validate(topic);
        if (problem != null) {
            throw new IllegalArgumentException(problem + " Topic: " + topic);
        }
        Objects.requireNonNull(body, "the message body is null");
        if (body.length == 0) {
            throw new IllegalArgumentException("the message body length is zero");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("the message body size " + body.length + " exceeds the limit of "
                    + MAX_BODY_BYTES + " bytes");
        }
        if (tags != null && tags.isBlank()) {
            tags = null;
        }
        keys = List.copyOf(keys == null ? List.of() : keys);
        for (String key : keys) {
            if (key.isEmpty() || key.indexOf(' ') >= 0) {
                throw new IllegalArgumentException("message keys must be non-empty and contain no space: '" + key + "'");
            }
        }
        userProperties = Collections.unmodifiableMap(new LinkedHashMap<>(
                userProperties == null ? Map.of() : userProperties));
        userProperties.forEach(Message::checkUserProperty);
        if (delayLevel < 0 || delayLevel > MAX_DELAY_LEVEL) {
            throw new IllegalArgumentException("delayLevel must be 0..." + MAX_DELAY_LEVEL + " but was " + delayLevel);
        }
    }

    private static void checkUserProperty(String name, String value) {
        if (name == null || name.isEmpty() || value == null || value.isEmpty()) {
            throw new IllegalArgumentException("user property names and values must be non-empty: " + name + "=" + value);
        }
        if (RESERVED_PROPERTIES.contains(name)) {
            throw new IllegalArgumentException("user property name '" + name + "' is reserved by RocketMQ");
        }
        if (containsSeparator(name) || containsSeparator(value)) {
            throw new IllegalArgumentException("user property " + name + " contains a 0x01/0x02 separator character");
        }
    }

    private static boolean containsSeparator(String text) {
        return text.indexOf(MessageProperties.NAME_VALUE_SEPARATOR) >= 0
                || text.indexOf(MessageProperties.PROPERTY_SEPARATOR) >= 0;
    }

    public static Builder builder(String topic) {
        return new Builder(topic);
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Records compare arrays by identity; messages compare bodies by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Message m && topic.equals(m.topic) && Objects.equals(tags, m.tags) && keys.equals(m.keys)
                && Arrays.equals(body, m.body) && userProperties.equals(m.userProperties) && flag == m.flag
                && waitStoreMsgOk == m.waitStoreMsgOk && delayLevel == m.delayLevel && Objects.equals(timer, m.timer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, tags, keys, Arrays.hashCode(body), userProperties, flag, waitStoreMsgOk, delayLevel,
                timer);
    }

    @Override
    public String toString() {
        return "Message{topic=" + topic + ", tags=" + tags + ", keys=" + keys + ", bodyLength=" + body.length
                + ", userProperties=" + userProperties + ", flag=" + flag + ", waitStoreMsgOk=" + waitStoreMsgOk
                + ", delayLevel=" + delayLevel + (timer == null ? "" : ", " + timer.property() + "=" + timer.value())
                + '}';
    }

    /** Builds a {@link Message}; validation happens in {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private final String topic;
        private String tags;
        private final List<String> keys = new ArrayList<>();
        private byte[] body;
        private final Map<String, String> userProperties = new LinkedHashMap<>();
        private int flag;
        private boolean waitStoreMsgOk = true;
        private int delayLevel;
        private Timer timer;

        private Builder(String topic) {
            this.topic = topic;
        }

        public Builder tags(String value) {
            this.tags = value;
            return this;
        }

        public Builder keys(String... values) {
            keys.addAll(Arrays.asList(values));
            return this;
        }

        public Builder body(byte[] value) {
            this.body = value;
            return this;
        }

        public Builder body(String utf8) {
            this.body = utf8.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        public Builder property(String name, String value) {
            userProperties.put(name, value);
            return this;
        }

        public Builder flag(int value) {
            this.flag = value;
            return this;
        }

        public Builder waitStoreMsgOk(boolean value) {
            this.waitStoreMsgOk = value;
            return this;
        }

        public Builder delayLevel(int value) {
            this.delayLevel = value;
            return this;
        }

        /** Deliver at {@code epochMs} (RocketMQ 5.x {@code setDeliverTimeMs}); replaces an earlier timer. */
        public Builder deliverTimeMs(long epochMs) {
            this.timer = new Timer(Timer.DELIVER_MS, epochMs);
            return this;
        }

        /** Deliver {@code ms} after the broker receives it ({@code setDelayTimeMs}); replaces an earlier timer. */
        public Builder delayTimeMs(long ms) {
            this.timer = new Timer(Timer.DELAY_MS, ms);
            return this;
        }

        /** Deliver {@code seconds} after the broker receives it ({@code setDelayTimeSec}); replaces earlier timers. */
        public Builder delayTimeSec(long seconds) {
            this.timer = new Timer(Timer.DELAY_SEC, seconds);
            return this;
        }

        public Message build() {
            return new Message(topic, tags, keys, body, userProperties, flag, waitStoreMsgOk, delayLevel, timer);
        }
    }
}
