package org.tidemq.broker.timer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.BrokerClient;
import org.tidemq.broker.ManualClock;
import org.tidemq.broker.RunningBroker;
import org.tidemq.broker.send.SendMessageRequestHeader;
import org.tidemq.common.message.BatchBodyCodec;
import org.tidemq.common.message.BatchItem;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

/**
 * SEND_BATCH_MESSAGE of timers on a running broker whose clock is moved by hand: each message of the batch is its own
 * timer, fires once at or after its own deliver time; one bad message refuses the batch.
 */
class TimedBatchOnBrokerTest {
    private static final String TOPIC = "TopicTB";
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

    /** One batch; each entry is {body, timer property or null, value}. */
    private RemotingCommand sendBatch(String[]... messages) throws Exception {
        List<BatchItem> items = new ArrayList<>();
        for (String[] message : messages) {
            Map<String, String> properties = message[1] == null
                    ? BrokerClient.props(MessageProperties.UNIQ_KEY, "U-" + message[0], MessageProperties.WAIT, "true")
                    : BrokerClient.props(MessageProperties.UNIQ_KEY, "U-" + message[0], message[1], message[2],
                    MessageProperties.WAIT, "true");
            items.add(new BatchItem(0, message[0].getBytes(StandardCharsets.UTF_8), properties));
        }
        ByteBuf body = Unpooled.buffer(BatchBodyCodec.encodedLength(items));
        BatchBodyCodec.encode(items, body);
        SendMessageRequestHeader header = new SendMessageRequestHeader("PG_TEST", TOPIC, "TBW102", 4, 0, 0,
                clock.millis(), 0, "WAIT\u0001true\u0002", 0, false, null, true, null);
        RemotingCommand request = header.writeTo(RemotingCommand.request(RequestCode.SEND_BATCH_MESSAGE), true);
        request.setBody(ByteBufUtil.getBytes(body));
        return running.client.call(request);
    }

    private List<String> bodies(String topic) {
        return QueueBodies.of(running.broker.store(), topic, 0);
    }

    private void awaitDispatched() {
        await().until(() -> running.broker.store().getDispatchedPhyOffset()
                >= running.broker.store().getMaxPhyOffset());
    }

    @Test
    void eachMessageOfABatchFiresOnceAtItsOwnTime() throws Exception {
        long now = clock.millis();
        RemotingCommand response = sendBatch(
                new String[] {"in3s", TimerProperties.DELAY_MS, "3000"},
                new String[] {"in1s", TimerProperties.DELAY_SEC, "1"},
                new String[] {"at2s", TimerProperties.DELIVER_MS, Long.toString(now + 2_000)});
        assertEquals(ResponseCode.SUCCESS, response.code(), response.remark());
        assertEquals(3, response.field("msgId").split(",").length, "one id per message");
        await().until(() -> bodies(TimerProperties.TIMER_TOPIC).equals(List.of("in3s", "in1s", "at2s")));
        awaitDispatched();
        assertEquals(List.of(), bodies(TOPIC), "nothing before its time");

        clock.advance(999);
        awaitDispatched();
        assertEquals(List.of(), bodies(TOPIC), "1 ms before the first deliver time");
        clock.advance(1);
        await().until(() -> bodies(TOPIC).equals(List.of("in1s")));
        clock.advance(999);
        awaitDispatched();
        assertEquals(List.of("in1s"), bodies(TOPIC));
        clock.advance(1);
        await().until(() -> bodies(TOPIC).equals(List.of("in1s", "at2s")));
        clock.advance(1_000);
        await().until(() -> bodies(TOPIC).equals(List.of("in1s", "at2s", "in3s")));
        // A later timer firing shows passes went on past the batch's timers: none fired twice meanwhile.
        assertEquals(ResponseCode.SUCCESS, sendBatch(new String[] {"marker", TimerProperties.DELAY_MS, "2000"})
                .code());
        clock.advance(2_000);
        await().until(() -> bodies(TOPIC).contains("marker"));
        assertEquals(List.of("in1s", "at2s", "in3s", "marker"), bodies(TOPIC), "each fired exactly once");
    }

    @Test
    void aPlainMessageInABatchOfTimersIsParkedDueNowAndABatchWithoutTimersIsStoredAtOnce() throws Exception {
        RemotingCommand mixed = sendBatch(new String[] {"plain", null, null},
                new String[] {"later", TimerProperties.DELAY_MS, "5000"});
        assertEquals(ResponseCode.SUCCESS, mixed.code(), mixed.remark());
        await().until(() -> bodies(TOPIC).equals(List.of("plain")));
        assertEquals(List.of("plain", "later"), bodies(TimerProperties.TIMER_TOPIC));

        RemotingCommand untimed = sendBatch(new String[] {"a", null, null}, new String[] {"b", null, null});
        assertEquals(ResponseCode.SUCCESS, untimed.code(), untimed.remark());
        await().until(() -> bodies(TOPIC).equals(List.of("plain", "a", "b")));
        assertEquals(2, bodies(TimerProperties.TIMER_TOPIC).size(), "not parked");
        clock.advance(5_000);
        await().until(() -> bodies(TOPIC).equals(List.of("plain", "a", "b", "later")));
    }

    @Test
    void oneMessageBeyondTheMaximumRefusesTheBatchNamingTheLimit() throws Exception {
        RemotingCommand refused = sendBatch(new String[] {"ok", TimerProperties.DELAY_SEC, "10"},
                new String[] {"far", TimerProperties.DELAY_SEC, "3601"});
        assertEquals(ResponseCode.MESSAGE_ILLEGAL, refused.code());
        assertTrue(refused.remark().contains("batch message 2 of 2") && refused.remark().contains(
                "max delay 3600000ms"), refused.remark());
        RemotingCommand atLimit = sendBatch(new String[] {"ok", TimerProperties.DELAY_SEC, "10"},
                new String[] {"limit", TimerProperties.DELAY_SEC, "3600"});
        assertEquals(ResponseCode.SUCCESS, atLimit.code(), "negative control: " + atLimit.remark());
        await().until(() -> bodies(TimerProperties.TIMER_TOPIC).equals(List.of("ok", "limit")));
    }
}
