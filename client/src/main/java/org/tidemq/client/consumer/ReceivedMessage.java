package org.tidemq.client.consumer;

import org.tidemq.client.MessageQueue;
import org.tidemq.common.message.BodyCompression;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.message.OffsetMessageId;
import org.tidemq.common.message.StoredMessage;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A consumed message as the application sees it: decompressed body, parsed properties, and where it was stored.
 *
 * <p>Immutable and thread-safe: {@link #body()} returns a copy, {@link #properties()} an unmodifiable map.
 */
public final class ReceivedMessage {
    private final String topic;
    private final String brokerName;
    private final int queueId;
    private final long queueOffset;
    private final long commitLogOffset;
    private final int flag;
    private final byte[] body;
    private final Map<String, String> properties;
    private final String offsetMessageId;
    private final long bornTimestamp;
    private final long storeTimestamp;
    private final int reconsumeTimes;
    private final InetSocketAddress bornHost;
    private final InetSocketAddress storeHost;
    private final int bodyCrc;
    private final int sysFlag;

    private ReceivedMessage(StoredMessage stored, String brokerName, byte[] body) {
        this.topic = stored.topic();
        this.brokerName = brokerName;
        this.queueId = stored.queueId();
        this.queueOffset = stored.queueOffset();
        this.commitLogOffset = stored.physicalOffset();
        this.flag = stored.flag();
        this.body = body;
        this.properties = Collections.unmodifiableMap(MessageProperties.decode(stored.properties()));
        this.offsetMessageId = OffsetMessageId.encode(stored.storeHost().getAddress().getAddress(),
                stored.storeHost().getPort(), stored.physicalOffset());
        this.bornTimestamp = stored.bornTimestamp();
        this.storeTimestamp = stored.storeTimestamp();
        this.reconsumeTimes = stored.reconsumeTimes();
        this.bornHost = stored.bornHost();
        this.storeHost = stored.storeHost();
        this.bodyCrc = stored.bodyCrc();
        this.sysFlag = stored.sysFlag();
    }

    private ReceivedMessage(ReceivedMessage source, String topic) {
        this.topic = topic;
        this.brokerName = source.brokerName;
        this.queueId = source.queueId;
        this.queueOffset = source.queueOffset;
        this.commitLogOffset = source.commitLogOffset;
        this.flag = source.flag;
        this.body = source.body;
        this.properties = source.properties;
        this.offsetMessageId = source.offsetMessageId;
        this.bornTimestamp = source.bornTimestamp;
        this.storeTimestamp = source.storeTimestamp;
        this.reconsumeTimes = source.reconsumeTimes;
        this.bornHost = source.bornHost;
        this.storeHost = source.storeHost;
        this.bodyCrc = source.bodyCrc;
        this.sysFlag = source.sysFlag;
    }

    /**
     * This message shown under {@code topic}, all else (queue id and offset included) unchanged: push consumers
     * present redeliveries read from {@code %RETRY%<group>} under their original topic (property RETRY_TOPIC), as
     * RocketMQ's consumers do.
     */
    public ReceivedMessage withTopic(String topic) {
        return new ReceivedMessage(this, topic);
    }

    /**
     * The message a broker returned as {@code stored}, read from {@code brokerName}; copies the body out of the
     * source buffer and decompresses it when the sysFlag says so.
     *
     * @throws IllegalArgumentException when the body is compressed with an unsupported or corrupt encoding
     */
    public static ReceivedMessage fromStored(StoredMessage stored, String brokerName) {
        ByteBuffer view = stored.body().duplicate();
        byte[] raw = new byte[view.remaining()];
        view.get(raw);
        return new ReceivedMessage(stored, brokerName, BodyCompression.restore(raw, stored.sysFlag()));
    }

    public String topic() {
        return topic;
    }

    /** The TAGS property, or {@code null}. */
    public String tags() {
        return properties.get(MessageProperties.TAGS);
    }

    /** The business keys (KEYS property, space-separated), empty when none. */
    public List<String> keys() {
        String keys = properties.get(MessageProperties.KEYS);
        if (keys == null || keys.isBlank()) {
            return List.of();
        }
        return Arrays.stream(keys.trim().split(" +")).toList();
    }

    /** A copy of the (decompressed) body. */
    public byte[] body() {
        return body.clone();
    }

    /** The body decoded as UTF-8. */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public int bodyLength() {
        return body.length;
    }

    /** All properties, system ones (TAGS, KEYS, UNIQ_KEY, …) included; unmodifiable. */
    public Map<String, String> properties() {
        return properties;
    }

    /** One property, or {@code null}. */
    public String property(String name) {
        return properties.get(name);
    }

    /** The id applications know the message by: the producer's UNIQ_KEY when present, else the offset id. */
    public String messageId() {
        String unique = properties.get(MessageProperties.UNIQ_KEY);
        return unique != null ? unique : offsetMessageId;
    }

    /** The broker-side id (store host + commit-log offset), which tools resolve with VIEW_MESSAGE_BY_ID. */
    public String offsetMessageId() {
        return offsetMessageId;
    }

    public String brokerName() {
        return brokerName;
    }

    public int queueId() {
        return queueId;
    }

    /** Position in the queue; the next message to read after this one is at {@code queueOffset() + 1}. */
    public long queueOffset() {
        return queueOffset;
    }

    public long commitLogOffset() {
        return commitLogOffset;
    }

    /** The user flag the producer set (0 normally). */
    public int flag() {
        return flag;
    }

    public long bornTimestamp() {
        return bornTimestamp;
    }

    public long storeTimestamp() {
        return storeTimestamp;
    }

    /** How often this message was redelivered for another attempt (0 on first delivery). */
    public int reconsumeTimes() {
        return reconsumeTimes;
    }

    public InetSocketAddress bornHost() {
        return bornHost;
    }

    public InetSocketAddress storeHost() {
        return storeHost;
    }

    /** CRC32 (& 0x7FFFFFFF) of the body as stored, i.e. before decompression. */
    public int bodyCrc() {
        return bodyCrc;
    }

    /** The stored sysFlag (compression, transaction type, host widths). */
    public int sysFlag() {
        return sysFlag;
    }

    public MessageQueue messageQueue() {
        return new MessageQueue(topic, brokerName, queueId);
    }

    @Override
    public String toString() {
        return "ReceivedMessage{" + messageQueue() + " offset=" + queueOffset + ", id=" + messageId() + ", tags="
                + tags() + ", bodyLength=" + body.length + '}';
    }
}
