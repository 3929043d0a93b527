package org.tidemq.broker.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tidemq.broker.config.TimerConfig;
import org.tidemq.common.message.MessageProperties;

class TimedSendTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final TimerConfig CONFIG = TimerConfig.defaults();

    private static TimedSend decide(Map<String, String> properties, TimerConfig config) {
        return TimedSend.decide("TopicT", 3, MessageProperties.encode(properties), properties, NOW, config);
    }

    private static Map<String, String> props(String... nameValues) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(MessageProperties.UNIQ_KEY, "U1");
        for (int i = 0; i < nameValues.length; i += 2) {
            map.put(nameValues[i], nameValues[i + 1]);
        }
        return map;
    }

    @Test
    void aMessageWithoutTimerPropertiesIsNotTimed() {
        Map<String, String> properties = props("KEYS", "k");
        TimedSend decision = decide(properties, CONFIG);
        assertEquals(TimedSend.Kind.NOT_TIMED, decision.kind());
        assertEquals(MessageProperties.encode(properties), decision.properties());
    }

    @Test
    void eachPropertyParksAtTheRightDeliverTimeWithTheRealDestination() {
        TimedSend at = decide(props(TimerProperties.DELIVER_MS, Long.toString(NOW + 1234)), CONFIG);
        assertEquals(TimedSend.Kind.PARK, at.kind());
        assertEquals(NOW + 1234, at.deliverMs());
        Map<String, String> parked = MessageProperties.decode(at.properties());
        assertEquals("TopicT", parked.get("REAL_TOPIC"));
        assertEquals("3", parked.get("REAL_QID"));
        assertEquals(Long.toString(NOW + 1234), parked.get(TimerProperties.OUT_MS));
        assertEquals("U1", parked.get(MessageProperties.UNIQ_KEY));
        assertEquals(NOW + 1234, TimedSend.parkedDeliverMs(parked));

        assertEquals(NOW + 5_000, decide(props(TimerProperties.DELAY_SEC, "5"), CONFIG).deliverMs());
        assertEquals(NOW + 250, decide(props(TimerProperties.DELAY_MS, "250"), CONFIG).deliverMs());
        // RocketMQ's precedence: seconds, then ms, then the absolute time.
        assertEquals(NOW + 2_000, decide(props(TimerProperties.DELAY_SEC, "2", TimerProperties.DELAY_MS, "9",
                TimerProperties.DELIVER_MS, Long.toString(NOW + 7)), CONFIG).deliverMs());
    }

    @Test
    void aPastOrPresentDeliverTimeIsDeliveredNow() {
        assertEquals(TimedSend.Kind.DELIVER_NOW,
                decide(props(TimerProperties.DELIVER_MS, Long.toString(NOW - 60_000)), CONFIG).kind());
        assertEquals(TimedSend.Kind.DELIVER_NOW, decide(props(TimerProperties.DELAY_MS, "0"), CONFIG).kind());
    }

    @Test
    void sevenDaysAheadIsAcceptedAndOneMsMoreIsRefusedNamingTheLimit() {
        long max = CONFIG.timerMaxDelayMs();
        assertEquals(7L * 24 * 3600 * 1000, max);
        assertEquals(TimedSend.Kind.PARK,
                decide(props(TimerProperties.DELIVER_MS, Long.toString(NOW + max)), CONFIG).kind());
        TimedSend tooFar = decide(props(TimerProperties.DELIVER_MS, Long.toString(NOW + max + 1)), CONFIG);
        assertEquals(TimedSend.Kind.REFUSE_ILLEGAL, tooFar.kind());
        assertTrue(tooFar.remark().contains("max delay " + max + "ms"), tooFar.remark());
        assertTrue(tooFar.remark().contains("timerMaxDelaySec=604800"), tooFar.remark());
    }

    @Test
    void notANumberIsRefusedNamingTheProperty() {
        TimedSend bad = decide(props(TimerProperties.DELAY_SEC, "soon"), CONFIG);
        assertEquals(TimedSend.Kind.REFUSE_ILLEGAL, bad.kind());
        assertTrue(bad.remark().contains("TIMER_DELAY_SEC") && bad.remark().contains("'soon'"), bad.remark());
        TimedSend overflow = decide(props(TimerProperties.DELAY_SEC, Long.toString(Long.MAX_VALUE)), CONFIG);
        assertEquals(TimedSend.Kind.REFUSE_ILLEGAL, overflow.kind());
    }

    @Test
    void disabledWheelRefusesAndDelayLevelWins() {
        TimedSend disabled = decide(props(TimerProperties.DELAY_MS, "100"),
                new TimerConfig(false, 3600, 1000));
        assertEquals(TimedSend.Kind.REFUSE_DISABLED, disabled.kind());
        assertTrue(disabled.remark().contains("timerWheelEnable is false"));
        assertEquals(TimedSend.Kind.NOT_TIMED, decide(props("DELAY", "3", TimerProperties.DELAY_MS, "100"),
                CONFIG).kind());
        assertNull(decide(props(TimerProperties.DEL_UNIQKEY, "x"), CONFIG).properties());
    }

    @Test
    void aCancellationIsParkedLikeATimerAndRefusedWithoutAFutureDeliverTimeOrAKey() {
        TimedSend cancel = decide(props(TimerProperties.DELIVER_MS, Long.toString(NOW + 5_000),
                TimerProperties.DEL_UNIQKEY, "TARGET"), CONFIG);
        assertEquals(TimedSend.Kind.PARK, cancel.kind());
        Map<String, String> parked = MessageProperties.decode(cancel.properties());
        assertEquals("TARGET", parked.get(TimerProperties.DEL_UNIQKEY));
        assertEquals("TopicT", parked.get("REAL_TOPIC"));

        TimedSend past = decide(props(TimerProperties.DELIVER_MS, Long.toString(NOW),
                TimerProperties.DEL_UNIQKEY, "TARGET"), CONFIG);
        assertEquals(TimedSend.Kind.REFUSE_ILLEGAL, past.kind());
        assertTrue(past.remark().contains("TARGET") && past.remark().contains("not in the future"), past.remark());
        TimedSend empty = decide(props(TimerProperties.DELAY_SEC, "5", TimerProperties.DEL_UNIQKEY, " "), CONFIG);
        assertEquals(TimedSend.Kind.REFUSE_ILLEGAL, empty.kind());
        assertTrue(empty.remark().contains("TIMER_DEL_UNIQKEY is empty"), empty.remark());
        TimedSend untimed = decide(props(TimerProperties.DEL_UNIQKEY, "TARGET"), CONFIG);
        assertEquals(TimedSend.Kind.REFUSE_ILLEGAL, untimed.kind());
        assertTrue(untimed.remark().contains("needs the deliver time"), untimed.remark());
    }
}
