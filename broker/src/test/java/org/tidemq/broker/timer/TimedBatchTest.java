package org.tidemq.broker.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tidemq.broker.config.TimerConfig;
import org.tidemq.common.message.MessageProperties;

class TimedBatchTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final TimerConfig CONFIG = TimerConfig.defaults();

    private static Map<String, String> props(String uniqKey, String... nameValues) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(MessageProperties.UNIQ_KEY, uniqKey);
        for (int i = 0; i < nameValues.length; i += 2) {
            map.put(nameValues[i], nameValues[i + 1]);
        }
        return map;
    }

    @SafeVarargs
    private static TimedBatch decide(TimerConfig config, Map<String, String>... messages) {
        List<String> encoded = new ArrayList<>();
        List<Map<String, String>> decoded = new ArrayList<>();
        for (Map<String, String> message : messages) {
            encoded.add(MessageProperties.encode(message));
            decoded.add(message);
        }
        return TimedBatch.decide("TopicB", 2, encoded, decoded, NOW, config);
    }

    @Test
    void aBatchWithoutTimersIsNotTimed() {
        TimedBatch batch = decide(CONFIG, props("U1", "KEYS", "a"), props("U2"));
        assertEquals(TimedBatch.Kind.NOT_TIMED, batch.kind());
        assertNull(batch.properties());
    }

    @Test
    void everyMessageIsParkedWithItsOwnDeliverTimeAndTheRealDestination() {
        TimedBatch batch = decide(CONFIG,
                props("U1", TimerProperties.DELIVER_MS, Long.toString(NOW + 5_000)),
                props("U2", TimerProperties.DELAY_MS, "300"),
                props("U3", TimerProperties.DELAY_SEC, "2"));
        assertEquals(TimedBatch.Kind.PARK, batch.kind());
        List<Long> deliverTimes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, String> parked = MessageProperties.decode(batch.properties().get(i));
            assertEquals("U" + (i + 1), parked.get(MessageProperties.UNIQ_KEY));
            assertEquals("TopicB", parked.get("REAL_TOPIC"));
            assertEquals("2", parked.get("REAL_QID"));
            deliverTimes.add(TimedSend.parkedDeliverMs(parked));
        }
        assertEquals(List.of(NOW + 5_000, NOW + 300, NOW + 2_000), deliverTimes);
    }

    @Test
    void untimedAndPastMessagesOfAParkedBatchAreParkedDueNow() {
        TimedBatch batch = decide(CONFIG,
                props("U1", TimerProperties.DELAY_MS, "1000"),
                props("U2", "KEYS", "plain"),
                props("U3", TimerProperties.DELIVER_MS, Long.toString(NOW - 60_000)));
        assertEquals(TimedBatch.Kind.PARK, batch.kind());
        Map<String, String> plain = MessageProperties.decode(batch.properties().get(1));
        assertEquals(NOW, TimedSend.parkedDeliverMs(plain));
        assertEquals("plain", plain.get("KEYS"));
        assertEquals("TopicB", plain.get("REAL_TOPIC"));
        Map<String, String> past = MessageProperties.decode(batch.properties().get(2));
        assertEquals(NOW, TimedSend.parkedDeliverMs(past), "never earlier than the send, so never early");
        assertEquals("2", past.get("REAL_QID"));
    }

    @Test
    void oneMessageTooFarAheadRefusesTheWholeBatchNamingItsPositionAndTheLimit() {
        long max = CONFIG.timerMaxDelayMs();
        TimedBatch batch = decide(CONFIG,
                props("U1", TimerProperties.DELAY_MS, "1000"),
                props("U2", TimerProperties.DELIVER_MS, Long.toString(NOW + max + 1)));
        assertEquals(TimedBatch.Kind.REFUSE_ILLEGAL, batch.kind());
        assertTrue(batch.remark().startsWith("batch message 2 of 2: "), batch.remark());
        assertTrue(batch.remark().contains("max delay " + max + "ms"), batch.remark());

        TimedBatch atLimit = decide(CONFIG, props("U1", TimerProperties.DELAY_MS, "1000"),
                props("U2", TimerProperties.DELIVER_MS, Long.toString(NOW + max)));
        assertEquals(TimedBatch.Kind.PARK, atLimit.kind(), "negative control: exactly the limit is accepted");
    }

    @Test
    void aBadNumberOrDisabledTimersRefuseTheBatch() {
        TimedBatch bad = decide(CONFIG, props("U1"), props("U2", TimerProperties.DELAY_SEC, "soon"));
        assertEquals(TimedBatch.Kind.REFUSE_ILLEGAL, bad.kind());
        assertTrue(bad.remark().contains("TIMER_DELAY_SEC") && bad.remark().contains("'soon'"), bad.remark());

        TimerConfig disabled = new TimerConfig(false, CONFIG.timerMaxDelaySec(), CONFIG.timerPrecisionMs());
        TimedBatch off = decide(disabled, props("U1", TimerProperties.DELAY_MS, "10"));
        assertEquals(TimedBatch.Kind.REFUSE_DISABLED, off.kind());
        assertTrue(off.remark().contains("timerWheelEnable"), off.remark());
    }
}
