package org.tidemq.store.dispatch;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.message.RecordCheck;
import org.tidemq.common.message.StoredMessageDecoder;
import org.tidemq.common.message.StoredMessageLayout;

/**
 * Builds a {@link DispatchRequest} from a checked record, reading TAGS, KEYS and UNIQ_KEY in one pass over the
 * properties. Not thread-safe (caches the last topic to avoid decoding the same name for every record).
 */
public final class DispatchRequestReader {

    private static final byte[] TAGS = MessageProperties.TAGS.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEYS = MessageProperties.KEYS.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UNIQ_KEY = MessageProperties.UNIQ_KEY.getBytes(StandardCharsets.US_ASCII);
    private static final byte NAME_END = (byte) MessageProperties.NAME_VALUE_SEPARATOR;
    private static final byte VALUE_END = (byte) MessageProperties.PROPERTY_SEPARATOR;

    private byte[] lastTopicBytes = new byte[0];
    private String lastTopic = "";

    /** @param position index of the record in {@code buf}, which {@code checked} found to be a MESSAGE */
    public DispatchRequest read(ByteBuffer buf, int position, RecordCheck checked, long commitLogOffset) {
        int sysFlag = checked.sysFlag();
        String topic = topic(buf, position + StoredMessageLayout.topic(sysFlag, checked.bodyLength(),
                checked.magic()), checked.topicLength());
        int propertiesStart = StoredMessageDecoder.propertiesStart(position, checked);
        int propertiesEnd = position + checked.size();
        String tags = null;
        String keys = null;
        String uniqKey = null;
        int start = propertiesStart;
        while (start < propertiesEnd) {
            int nameEnd = indexOf(buf, start, propertiesEnd, NAME_END);
            if (nameEnd < 0) {
                break;
            }
            int valueEnd = indexOf(buf, nameEnd + 1, propertiesEnd, VALUE_END);
            if (valueEnd < 0) {
                valueEnd = propertiesEnd;
            }
            if (valueEnd > nameEnd + 1) {
                int nameLength = nameEnd - start;
                if (tags == null && matches(buf, start, nameLength, TAGS)) {
                    tags = string(buf, nameEnd + 1, valueEnd - nameEnd - 1);
                } else if (keys == null && matches(buf, start, nameLength, KEYS)) {
                    keys = string(buf, nameEnd + 1, valueEnd - nameEnd - 1);
                } else if (uniqKey == null && matches(buf, start, nameLength, UNIQ_KEY)) {
                    uniqKey = string(buf, nameEnd + 1, valueEnd - nameEnd - 1);
                }
            }
            start = valueEnd + 1;
        }
        return new DispatchRequest(topic,
                buf.getInt(position + StoredMessageLayout.QUEUE_ID),
                commitLogOffset,
                checked.size(),
                MessageProperties.tagsCode(tags),
                buf.getLong(position + StoredMessageLayout.storeTimestamp(sysFlag)),
                buf.getLong(position + StoredMessageLayout.QUEUE_OFFSET),
                keys,
                uniqKey,
                sysFlag,
                buf.getLong(position + StoredMessageLayout.preparedTransactionOffset(sysFlag)));
    }

    private String topic(ByteBuffer buf, int at, int length) {
        byte[] last = lastTopicBytes;
        if (last.length == length) {
            boolean same = true;
            for (int i = 0; i < length && same; i++) {
                same = buf.get(at + i) == last[i];
            }
            if (same) {
                return lastTopic;
            }
        }
        byte[] bytes = new byte[length];
        buf.get(at, bytes);
        lastTopicBytes = bytes;
        lastTopic = new String(bytes, StandardCharsets.UTF_8);
        return lastTopic;
    }

    private static boolean matches(ByteBuffer buf, int at, int length, byte[] name) {
        if (length != name.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (buf.get(at + i) != name[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(ByteBuffer buf, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (buf.get(i) == b) {
                return i;
            }
        }
        return -1;
    }

    private static String string(ByteBuffer buf, int at, int length) {
        byte[] bytes = new byte[length];
        buf.get(at, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
