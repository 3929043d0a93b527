package org.tidemq.broker.filter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.message.RecordCheck;
import org.tidemq.common.message.StoredMessageDecoder;

/**
 * Per-evaluation state of one compiled expression: the record being filtered, where each referenced property's
 * value lies in it, and the value slots of the comparisons. Binding a record scans its properties once and copies
 * nothing; property values stay views of the mapped record. One context per pull (not thread-safe).
 */
final class SqlContext {
    private static final byte NAME_END = (byte) MessageProperties.NAME_VALUE_SEPARATOR;
    private static final byte PROPERTY_END = (byte) MessageProperties.PROPERTY_SEPARATOR;

    private final byte[][] names;
    private final int[] valueStart;
    private final int[] valueLength;
    private final SqlValue[] slots;
    private final RecordCheck check = new RecordCheck();
    private ByteBuffer record;

    SqlContext(List<String> propertyNames, int slotCount) {
        names = propertyNames.stream().map(n -> n.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        valueStart = new int[names.length];
        valueLength = new int[names.length];
        slots = new SqlValue[slotCount];
        for (int i = 0; i < slotCount; i++) {
            slots[i] = new SqlValue();
        }
    }

    /**
     * Binds the stored record in {@code buffer} (from its position to its limit).
     *
     * @return false when the bytes are not a valid message record (it then matches nothing)
     */
    boolean bind(ByteBuffer buffer) {
        record = buffer;
        Arrays.fill(valueStart, -1);
        int position = buffer.position();
        StoredMessageDecoder.check(buffer, position, buffer.limit(), -1, false, check);
        if (check.kind() != RecordCheck.Kind.MESSAGE) {
            return false;
        }
        int start = StoredMessageDecoder.propertiesStart(position, check);
        int end = start + buffer.getShort(start - 2);
        int at = start;
        while (at < end) {
            int nameEnd = find(buffer, at, end, NAME_END);
            if (nameEnd < 0) {
                break;
            }
            int valueEnd = find(buffer, nameEnd + 1, end, PROPERTY_END);
            if (valueEnd < 0) {
                valueEnd = end;
            }
            remember(buffer, at, nameEnd - at, nameEnd + 1, valueEnd - nameEnd - 1);
            at = valueEnd + 1;
        }
        return true;
    }

    private void remember(ByteBuffer buffer, int nameStart, int nameLength, int start, int length) {
        for (int i = 0; i < names.length; i++) {
            byte[] name = names[i];
            if (name.length == nameLength && Bytes.equalRegion(buffer, nameStart, name, 0, nameLength)) {
                valueStart[i] = start;
                valueLength[i] = length;
            }
        }
    }

    private static int find(ByteBuffer buffer, int from, int end, byte wanted) {
        for (int i = from; i < end; i++) {
            if (buffer.get(i) == wanted) {
                return i;
            }
        }
        return -1;
    }

    void property(int index, SqlValue out) {
        if (valueStart[index] < 0) {
            out.setNull();
        } else {
            out.setString(record, valueStart[index], valueLength[index]);
        }
    }

    SqlValue slot(int index) {
        return slots[index];
    }
}
