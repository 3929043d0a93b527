package org.tidemq.broker.timer;

import java.nio.ByteBuffer;
import org.tidemq.broker.schedule.DueMessage;
import org.tidemq.broker.schedule.ScheduleProperties;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.message.RecordCheck;
import org.tidemq.common.message.StoredMessage;
import org.tidemq.common.message.StoredMessageDecoder;
import org.tidemq.store.message.MessageToStore;

/**
 * The firing path's reading of a parked timer record: the same result as {@link StoredMessageDecoder#decodeOne} plus
 * {@link DueMessage#rebuild}, without their per-timer costs on the hot path, which a profile of the firing pass showed
 * to be a second CRC pass over the body (the record was CRC-checked when it was indexed) and the decode of the
 * properties into a map and its re-encoding. The properties are rewritten in one scan instead: {@code REAL_TOPIC},
 * {@code REAL_QID} and {@code DELAY} dropped, {@code WAIT} set to false (appended when absent), entries with an empty
 * name or value dropped, everything else kept in order. Decoding the result gives the same map as
 * {@link DueMessage#rebuild}'s (a repeated name stays repeated; decoders keep its last value either way).
 *
 * <p>Stateless and thread-safe.
 */
final class DueRecord {
    private static final String WAIT_FALSE = MessageProperties.WAIT + MessageProperties.NAME_VALUE_SEPARATOR + "false"
            + MessageProperties.PROPERTY_SEPARATOR;

    private DueRecord() {
    }

    /**
     * Decodes a parked record (exactly one record at position 0) without recomputing its body CRC.
     *
     * @return null when the bytes are not a valid message record
     */
    static StoredMessage decodeParked(ByteBuffer record) {
        RecordCheck check = StoredMessageDecoder.check(record, 0, record.limit(), -1, false, new RecordCheck());
        return check.kind() == RecordCheck.Kind.MESSAGE ? StoredMessageDecoder.decode(record, 0, check) : null;
    }

    /**
     * The message to append to the parked record's real topic and queue, or null when it names no usable destination.
     * Its body is a view of {@code parked}'s: append it before the record is released.
     */
    static MessageToStore toDestination(StoredMessage parked) {
        String properties = parked.properties();
        int length = properties.length();
        StringBuilder kept = new StringBuilder(length + WAIT_FALSE.length());
        String realTopic = null;
        String realQueueId = null;
        boolean waitSeen = false;
        int start = 0;
        while (start < length) {
            int end = properties.indexOf(MessageProperties.PROPERTY_SEPARATOR, start);
            if (end < 0) {
                end = length;
            }
            int separator = properties.indexOf(MessageProperties.NAME_VALUE_SEPARATOR, start);
            if (separator > start && separator < end - 1) {
                if (is(properties, start, separator, ScheduleProperties.REAL_TOPIC)) {
                    realTopic = properties.substring(separator + 1, end);
                } else if (is(properties, start, separator, ScheduleProperties.REAL_QUEUE_ID)) {
                    realQueueId = properties.substring(separator + 1, end);
                } else if (is(properties, start, separator, MessageProperties.WAIT)) {
                    // Delivery must not wait for a flush: the timer thread is not a producer waiting for its answer.
                    if (!waitSeen) {
                        kept.append(WAIT_FALSE);
                        waitSeen = true;
                    }
                } else if (!is(properties, start, separator, ScheduleProperties.DELAY)) {
                    kept.append(properties, start, end).append(MessageProperties.PROPERTY_SEPARATOR);
                }
            }
            start = end + 1;
        }
        if (realTopic == null || realTopic.isBlank() || realQueueId == null) {
            return null;
        }
        int queueId;
        try {
            queueId = Integer.parseInt(realQueueId.trim());
        } catch (NumberFormatException e) {
            return null;
        }
        if (queueId < 0) {
            return null;
        }
        if (!waitSeen) {
            kept.append(WAIT_FALSE);
        }
        return new MessageToStore(realTopic, queueId, parked.flag(), parked.sysFlag(), parked.bornTimestamp(),
                parked.bornHost(), parked.storeHost(), parked.reconsumeTimes(), 0, kept.toString(), parked.body(),
                false);
    }

    /** Whether {@code properties[start, end)} is {@code name}. */
    private static boolean is(String properties, int start, int end, String name) {
        return end - start == name.length() && properties.startsWith(name, start);
    }
}
