package org.tidemq.store.message;

import org.tidemq.common.message.StoredMessageLayout;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Writes a record in the {@link StoredMessageLayout} straight into a (mapped) buffer at absolute indexes; the
 * body is copied buffer-to-buffer, never through the heap. Stateless and thread-safe.
 */
public final class StoredMessageEncoder {

    private StoredMessageEncoder() {
    }

    /**
     * Encodes {@code m} at {@code dst[position, position + m.recordSize())}.
     */
    public static void encode(ByteBuffer dst, int position, PreparedMessage m, long queueOffset,
            long physicalOffset, long storeTimestamp) {
        MessageToStore msg = m.message();
        int sysFlag = msg.sysFlag();
        int bodyLength = m.bodyLength();
        int magic = m.magic();
        byte[] topic = m.topicBytes();
        byte[] properties = m.propertiesBytes();

        dst.putInt(position + StoredMessageLayout.TOTAL_SIZE, m.recordSize());
        dst.putInt(position + StoredMessageLayout.MAGIC, magic);
        dst.putInt(position + StoredMessageLayout.BODY_CRC, m.bodyCrc());
        dst.putInt(position + StoredMessageLayout.QUEUE_ID, msg.queueId());
        dst.putInt(position + StoredMessageLayout.FLAG, msg.flag());
        dst.putLong(position + StoredMessageLayout.QUEUE_OFFSET, queueOffset);
        dst.putLong(position + StoredMessageLayout.PHYSICAL_OFFSET, physicalOffset);
        dst.putInt(position + StoredMessageLayout.SYS_FLAG, sysFlag);
        dst.putLong(position + StoredMessageLayout.BORN_TIMESTAMP, msg.bornTimestamp());
        putHost(dst, position + StoredMessageLayout.BORN_HOST, msg.bornHost());
        dst.putLong(position + StoredMessageLayout.storeTimestamp(sysFlag), storeTimestamp);
        putHost(dst, position + StoredMessageLayout.storeHost(sysFlag), msg.storeHost());
        dst.putInt(position + StoredMessageLayout.reconsumeTimes(sysFlag), msg.reconsumeTimes());
        dst.putLong(position + StoredMessageLayout.preparedTransactionOffset(sysFlag), msg.preparedTransactionOffset());
        dst.putInt(position + StoredMessageLayout.bodyLength(sysFlag), bodyLength);
        ByteBuffer body = msg.body();
        dst.put(position + StoredMessageLayout.body(sysFlag), body, body.position(), bodyLength);
        int topicLengthAt = position + StoredMessageLayout.topicLength(sysFlag, bodyLength);
        if (StoredMessageLayout.topicLengthFieldSize(magic) == 1) {
            dst.put(topicLengthAt, (byte) topic.length);
        } else {
            dst.putShort(topicLengthAt, (short) topic.length);
        }
        dst.put(position + StoredMessageLayout.topic(sysFlag, bodyLength, magic), topic);
        dst.putShort(position + StoredMessageLayout.propertiesLength(sysFlag, bodyLength, magic, topic.length),
                (short) properties.length);
        dst.put(position + StoredMessageLayout.properties(sysFlag, bodyLength, magic, topic.length), properties);
    }

    /** The end-of-segment filler: {@code int remaining, int BLANK_MAGIC}; {@code remaining >= 8}. */
    public static void encodeBlank(ByteBuffer dst, int position, int remaining) {
        dst.putInt(position + StoredMessageLayout.TOTAL_SIZE, remaining);
        dst.putInt(position + StoredMessageLayout.MAGIC, StoredMessageLayout.BLANK_MAGIC);
    }

    private static void putHost(ByteBuffer dst, int at, InetSocketAddress host) {
        byte[] address = host.getAddress().getAddress();
        dst.put(at, address);
        dst.putInt(at + address.length, host.getPort());
    }
}
