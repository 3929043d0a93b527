package org.tidemq.broker.schedule;

import org.tidemq.broker.ManualClock;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.RunningBroker;
import org.tidemq.broker.TestBrokers;
import org.tidemq.broker.config.DelayLevels;
import org.tidemq.common.protocol.TopicNames;
import org.tidemq.store.DefaultMessageStore;
import org.tidemq.store.PutMessageResult;
import org.tidemq.store.message.MessageToStore;

/**
 * Only a master delivers parked messages: a slave whose (replicated) store holds a due entry leaves it in the
 * schedule topic, while a master started on the same kind of store delivers it (the negative control).
 */
class SlaveScheduleTest {
    private static final InetSocketAddress HOST = new InetSocketAddress(InetAddress.getLoopbackAddress(), 10911);

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(System.currentTimeMillis());

    /** A store under {@code home} holding one entry parked at level 1 for TopicSlave queue 0. */
    private void storeWithParkedEntry(Path home, Map<String, String> properties) throws Exception {
        try (DefaultMessageStore store = DefaultMessageStore.open(TestBrokers.config(home, properties).store(),
                clock)) {
            ParkedMessage parked = ParkedMessage.park("TopicSlave", 0, Map.of(), 1, DelayLevels.defaults());
            ByteBuffer body = ByteBuffer.allocateDirect(8).put("parked-1".getBytes(StandardCharsets.US_ASCII));
            PutMessageResult put = store.putMessage(new MessageToStore(parked.topic(), parked.queueId(), 0, 0,
                    clock.millis(), HOST, HOST, 0, 0, parked.properties(), body.flip(), false));
            assertTrue(put.isAppended(), put.toString());
            await().until(() -> store.getDispatchedPhyOffset() >= store.getMaxPhyOffset());
        }
    }

    @Test
    void aSlaveLeavesDueEntriesParkedWhileAMasterDeliversThem() throws Exception {
        Map<String, String> slaveProperties = Map.of("brokerRole", "SLAVE", "brokerId", "1");
        storeWithParkedEntry(dir.resolve("slave"), slaveProperties);
        storeWithParkedEntry(dir.resolve("master"), Map.of());
        clock.advance(60_000);

        try (RunningBroker slave = new RunningBroker(dir.resolve("slave"), slaveProperties, clock, null);
             RunningBroker master = new RunningBroker(dir.resolve("master"), Map.of(), clock, null)) {
            await("negative control: the master delivers").until(() ->
                    QueueContents.bodies(master.broker.store(), "TopicSlave", 0).equals(List.of("parked-1")));
            await("the slave does not").during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3)).until(() ->
                    QueueContents.bodies(slave.broker.store(), "TopicSlave", 0).isEmpty());
            assertEquals(List.of("parked-1"), QueueContents.bodies(slave.broker.store(),
                    TopicNames.SCHEDULE_TOPIC, 0), "still parked on the slave");
        }
    }
}
