package org.tidemq.store.message;

import org.tidemq.common.message.StoredMessageLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The parts of a record computable before taking the append lock: encoded topic and properties, body CRC, layout
 * version and total size. Immutable.
 */
public final class PreparedMessage {

    private final MessageToStore message;
    private final byte[] topic;
    private final byte[] properties;
    private final int bodyCrc;
    private final int magic;
    private final int recordSize;

    private PreparedMessage(MessageToStore message, byte[] topic, byte[] properties, int bodyCrc, int magic,
            int recordSize) {
        this.message = message;
        this.topic = topic;
        this.properties = properties;
        this.bodyCrc = bodyCrc;
        this.magic = magic;
        this.recordSize = recordSize;
    }

    public static PreparedMessage prepare(MessageToStore message) {
        byte[] topic = message.topic().getBytes(StandardCharsets.UTF_8);
        byte[] properties = message.properties().getBytes(StandardCharsets.UTF_8);
        int magic = StoredMessageLayout.magicForTopic(topic.length);
        long size = StoredMessageLayout.recordSize(message.sysFlag(), message.body().remaining(), magic, topic.length,
                properties.length);
        return new PreparedMessage(message, topic, properties, bodyCrc(message.body()), magic,
                (int) Math.min(Integer.MAX_VALUE, size));
    }

    /** CRC32 of position..limit, {@code & 0x7FFFFFFF} as RocketMQ stores it; reads a view, the buffer is unchanged. */
    public static int bodyCrc(ByteBuffer body) {
        CRC32 crc = new CRC32();
        crc.update(body.duplicate());
        return (int) (crc.getValue() & 0x7FFFFFFF);
    }

    public MessageToStore message() {
        return message;
    }

    public int sysFlag() {
        return message.sysFlag();
    }

    public byte[] topicBytes() {
        return topic;
    }

    public byte[] propertiesBytes() {
        return properties;
    }

    public int bodyLength() {
        return message.body().remaining();
    }

    public int bodyCrc() {
        return bodyCrc;
    }

    public int magic() {
        return magic;
    }

    public int recordSize() {
        return recordSize;
    }
}
