package org.tidemq.broker.timer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.BrokerClient;
import org.tidemq.broker.ManualClock;
import org.tidemq.broker.RunningBroker;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.ResponseCode;

/**
 * Timed sends through SEND_MESSAGE_V2 on a running broker whose clock (send checks, store times, firing) is moved by
 * hand: parked until due, delivered at once when due already, refused beyond timerMaxDelaySec.
 */
class TimedSendOnBrokerTest {
    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(System.currentTimeMillis());
    private RunningBroker running;

    @BeforeEach
    void start() throws Exception {
        running = new RunningBroker(dir, Map.of("timerMaxDelaySec", "3600"), clock, null);
    }

    @AfterEach
    void stop() {
        running.close();
    }

    private RemotingCommand send(String topic, String body, String timerProperty, String value) throws Exception {
        return running.client.sendV2(topic, 0, body, BrokerClient.props(MessageProperties.UNIQ_KEY, "U-" + body,
                MessageProperties.KEYS, "k-" + body, timerProperty, value, MessageProperties.WAIT, "true"));
    }

    private List<String> bodies(String topic) {
        return QueueBodies.of(running.broker.store(), topic, 0);
    }

    @Test
    void aTimedSendWaitsInTheTimerTopicUntilTheClockPassesItsTime() throws Exception {
        RemotingCommand response = send("TopicTS", "later", TimerProperties.DELAY_MS, "2000");
        assertEquals(ResponseCode.SUCCESS, response.code(), response.remark());
        await().until(() -> bodies(TimerProperties.TIMER_TOPIC).equals(List.of("later")));
        clock.advance(1_999);
        await().until(() -> running.broker.store().getDispatchedPhyOffset()
                >= running.broker.store().getMaxPhyOffset());
        assertEquals(List.of(), bodies("TopicTS"));

        clock.advance(1);
        await().until(() -> bodies("TopicTS").equals(List.of("later")));
    }

    @Test
    void aPastDeliverTimeIsStoredInItsTopicAtOnce() throws Exception {
        RemotingCommand response = send("TopicTS", "past", TimerProperties.DELIVER_MS,
                Long.toString(clock.millis() - 1));
        assertEquals(ResponseCode.SUCCESS, response.code(), response.remark());
        await().until(() -> bodies("TopicTS").equals(List.of("past")));
        assertEquals(List.of(), bodies(TimerProperties.TIMER_TOPIC));
    }

    @Test
    void beyondTheConfiguredMaximumIsRefusedNamingTheLimit() throws Exception {
        RemotingCommand tooFar = send("TopicTS", "far", TimerProperties.DELAY_SEC, "3601");
        assertEquals(ResponseCode.MESSAGE_ILLEGAL, tooFar.code());
        assertTrue(tooFar.remark().contains("max delay 3600000ms"), tooFar.remark());
        RemotingCommand atLimit = send("TopicTS", "limit", TimerProperties.DELAY_SEC, "3600");
        assertEquals(ResponseCode.SUCCESS, atLimit.code(), "negative control: " + atLimit.remark());
        RemotingCommand garbage = send("TopicTS", "nan", TimerProperties.DELIVER_MS, "tomorrow");
        assertEquals(ResponseCode.MESSAGE_ILLEGAL, garbage.code());
        assertTrue(garbage.remark().contains(TimerProperties.DELIVER_MS), garbage.remark());
    }
}
