package org.tidemq.broker.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tidemq.broker.schedule.DueMessage;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.message.StoredMessage;
import org.tidemq.common.message.StoredMessageLayout;
import org.tidemq.store.message.MessageToStore;
import org.tidemq.store.message.PreparedMessage;
import org.tidemq.store.message.StoredMessageEncoder;

/** The firing path's reading of parked records gives what {@link DueMessage#rebuild} gives, property for property. */
class DueRecordTest {
    private static final InetSocketAddress BORN = new InetSocketAddress(InetAddress.getLoopbackAddress(), 4321);
    private static final InetSocketAddress STORE = new InetSocketAddress(InetAddress.getLoopbackAddress(), 10911);

    /** A parked record encoded as the store writes it. */
    private static ByteBuffer parkedRecord(String properties) {
        ByteBuffer body = ByteBuffer.wrap("payload".getBytes(StandardCharsets.UTF_8));
        PreparedMessage prepared = PreparedMessage.prepare(new MessageToStore(TimerProperties.TIMER_TOPIC, 0, 7,
                0, 1_700_000_000_000L, BORN, STORE, 2, 0, properties, body, true));
        ByteBuffer record = ByteBuffer.allocateDirect(prepared.recordSize());
        StoredMessageEncoder.encode(record, 0, prepared, 5, 4096, 1_700_000_000_123L);
        return record;
    }

    private static String props(String... nameValues) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < nameValues.length; i += 2) {
            text.append(nameValues[i]).append('\u0001').append(nameValues[i + 1]).append('\u0002');
        }
        return text.toString();
    }

    private static void assertSameAsDueMessage(String properties) {
        StoredMessage parked = DueRecord.decodeParked(parkedRecord(properties));
        assertNotNull(parked);
        MessageToStore expected = DueMessage.rebuild(parked);
        MessageToStore actual = DueRecord.toDestination(parked);
        if (expected == null) {
            assertNull(actual, properties);
            return;
        }
        assertNotNull(actual, properties);
        assertEquals(expected.topic(), actual.topic());
        assertEquals(expected.queueId(), actual.queueId());
        assertEquals(expected.flag(), actual.flag());
        assertEquals(expected.sysFlag(), actual.sysFlag());
        assertEquals(expected.bornTimestamp(), actual.bornTimestamp());
        assertEquals(expected.bornHost(), actual.bornHost());
        assertEquals(expected.storeHost(), actual.storeHost());
        assertEquals(expected.reconsumeTimes(), actual.reconsumeTimes());
        assertEquals(expected.waitStoreMsgOk(), actual.waitStoreMsgOk());
        assertEquals(expected.body(), actual.body());
        assertEquals(MessageProperties.decode(expected.properties()), MessageProperties.decode(actual.properties()));
    }

    @Test
    void aParkedTimerGoesToItsRealQueueWithTheSamePropertiesAsDueMessageGives() {
        String properties = props("UNIQ_KEY", "U1", "KEYS", "k1 k2", "TAGS", "t", "TIMER_DELIVER_MS", "1700000001000",
                "WAIT", "true", "TIMER_OUT_MS", "1700000001000", "REAL_TOPIC", "TopicX", "REAL_QID", "3",
                "CLUSTER", "C");
        assertSameAsDueMessage(properties);
        MessageToStore due = DueRecord.toDestination(DueRecord.decodeParked(parkedRecord(properties)));
        assertEquals("TopicX", due.topic());
        assertEquals(3, due.queueId());
        assertEquals(List.of("UNIQ_KEY", "KEYS", "TAGS", "TIMER_DELIVER_MS", "WAIT", "TIMER_OUT_MS", "CLUSTER"),
                List.copyOf(MessageProperties.decode(due.properties()).keySet()), "order kept, REAL_* dropped");
        assertEquals("false", MessageProperties.decode(due.properties()).get("WAIT"));
        assertEquals("payload", StandardCharsets.UTF_8.decode(due.body().duplicate()).toString());
    }

    @Test
    void edgeCasesMatchDueMessage() {
        assertSameAsDueMessage(props("REAL_TOPIC", "TopicX", "REAL_QID", "1"));             // no WAIT: appended
        assertSameAsDueMessage(props("REAL_TOPIC", "TopicX", "REAL_QID", " 2 ", "DELAY", "3")); // DELAY dropped
        assertSameAsDueMessage(props("REAL_TOPIC", "A", "REAL_QID", "1", "REAL_TOPIC", "B")); // last wins
        assertSameAsDueMessage(props("REAL_TOPIC", "TopicX", "REAL_QID", "1") + "\u0001x\u0002noSeparator\u0002"
                + "EMPTY\u0001\u0002");
        assertSameAsDueMessage(props("REAL_TOPIC", "TopicX", "REAL_QID", "-1"));            // negative: none
        assertSameAsDueMessage(props("REAL_TOPIC", "TopicX", "REAL_QID", "one"));           // not a number: none
        assertSameAsDueMessage(props("REAL_TOPIC", " ", "REAL_QID", "1"));                  // blank topic: none
        assertSameAsDueMessage(props("REAL_QID", "1", "UNIQ_KEY", "U"));                    // no topic: none
        assertSameAsDueMessage(props("REAL_TOPIC_X", "T", "REAL_TOPIC", "TopicY", "REAL_QID", "0", "WAITING", "y"));
        assertNull(DueRecord.toDestination(DueRecord.decodeParked(parkedRecord(props("REAL_QID", "1")))),
                "negative control: the comparison does see a missing destination");
    }

    @Test
    void aBrokenRecordDecodesToNull() {
        ByteBuffer record = parkedRecord(props("REAL_TOPIC", "TopicX", "REAL_QID", "1"));
        record.putInt(StoredMessageLayout.MAGIC, 0x12345678);
        assertNull(DueRecord.decodeParked(record));
    }
}
