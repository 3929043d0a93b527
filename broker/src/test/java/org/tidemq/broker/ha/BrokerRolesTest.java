package org.tidemq.broker.ha;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.BrokerClient;
import org.tidemq.broker.RunningBroker;
import org.tidemq.broker.TestBrokers;
import org.tidemq.broker.ha.slave.ReplicationState;
import org.tidemq.common.message.StoredMessage;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.store.PutMessageResult;
import org.tidemq.store.PutMessageStatus;

/** brokerRole wiring in BrokerController: SYNC_MASTER + SLAVE brokers on 127.0.0.1. */
class BrokerRolesTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private RunningBroker master;
    private RunningBroker slave;

    @AfterEach
    void stop() {
        if (slave != null) {
            slave.close();
        }
        if (master != null) {
            master.close();
        }
    }

    private RunningBroker startSlave() throws Exception {
        int haPort = master.broker.replication().advertisedHaPort();
        return new RunningBroker(dir.resolve("slave"), Map.of("brokerRole", "SLAVE", "brokerId", "1",
                "haMasterAddress", "127.0.0.1:" + haPort), Clock.systemUTC(), null);
    }

    @Test
    void aSyncMasterAcksOnlyWithItsSlaveAndTheSlaveServesPullsButRefusesSends() throws Exception {
        // RocketMQ's port layout (HA port = client port + 1): the slave has only haMasterAddress and no name server,
        // so it announces itself to the client port it derives from it; the master streams only once identified.
        master = new RunningBroker(dir.resolve("master"), Map.of("brokerRole", "SYNC_MASTER",
                "syncFlushTimeout", "1000", "waitTimeMillsInSendQueue", "3000",
                "listenPort", Integer.toString(HaTestSupport.portWithFreeNeighbours())), Clock.systemUTC(), null);
        assertInstanceOf(SyncMasterReplication.class, master.broker.replication());

        RemotingCommand alone = master.client.sendV2("TopicHa", 0, "before-slave", Map.of());
        assertEquals(ResponseCode.SLAVE_NOT_AVAILABLE, alone.code(), "no slave: never SEND_OK");

        slave = startSlave();
        SlaveReplication slaveRole = assertInstanceOf(SlaveReplication.class, slave.broker.replication());
        await().atMost(WAIT).until(() -> slaveRole.state() == ReplicationState.REPLICATING);
        await().atMost(WAIT).until(() -> ((SyncMasterReplication) master.broker.replication()).server()
                .highestConnectedAck() >= 0);
        assertEquals("announced", master.broker.replication().runtimeInfo().connections().get(0).identity().source());

        RemotingCommand acked = master.client.sendV2("TopicHa", 0, "with-slave", Map.of());
        assertEquals(ResponseCode.SUCCESS, acked.code(), acked.remark());
        assertTrue(slave.broker.store().getMaxPhyOffset() >= master.broker.store().getMaxPhyOffset(),
                "SEND_OK only once the slave holds the message");

        RemotingCommand refused = slave.client.sendV2("TopicHa", 0, "to-the-slave", Map.of());
        assertEquals(ResponseCode.SERVICE_NOT_AVAILABLE, refused.code());
        assertTrue(refused.remark().contains("slave"), refused.remark());

        PutMessageResult local = slave.broker.store().putMessage(
                HaTestSupport.message("TopicHa", 0, "local-write", true));
        assertEquals(PutMessageStatus.SERVICE_NOT_AVAILABLE, local.status(),
                "no local append may break the prefix");

        // No name server here, so no metadata copy: the slave derives TopicHa from the replicated CommitLog.
        await().atMost(WAIT).until(() -> slave.broker.store().getMaxOffsetInQueue("TopicHa", 0) == 2);
        RemotingCommand pull = slave.client.call(BrokerClient.pullRequest("CG_HA", "TopicHa", 0, 0, 4, "*", 0));
        assertEquals(ResponseCode.SUCCESS, pull.code(), pull.remark());
        List<StoredMessage> records = TestBrokers.decodeRecords(pull.body());
        assertEquals(List.of("before-slave", "with-slave"),
                records.stream().map(m -> TestBrokers.text(m.body())).toList());

        slave.close();
        slave = null;
        await().atMost(WAIT).until(() -> master.client.sendV2("TopicHa", 0, "slave-gone", Map.of()).code()
                == ResponseCode.SLAVE_NOT_AVAILABLE);
    }

    @Test
    void anAsyncMasterAcksAtOnceAndItsSlaveCatchesUp() throws Exception {
        master = new RunningBroker(dir.resolve("master"), Map.of("brokerRole", "ASYNC_MASTER",
                "listenPort", Integer.toString(HaTestSupport.portWithFreeNeighbours())), Clock.systemUTC(), null);
        assertInstanceOf(AsyncMasterReplication.class, master.broker.replication());
        RemotingCommand alone = master.client.sendV2("TopicHa", 1, "no-slave-needed", Map.of());
        assertEquals(ResponseCode.SUCCESS, alone.code(), alone.remark());

        slave = startSlave();
        await().atMost(WAIT).until(() -> slave.broker.store().getMaxPhyOffset()
                == master.broker.store().getMaxPhyOffset());
        await().atMost(WAIT).until(() -> slave.broker.store().getMaxOffsetInQueue("TopicHa", 1) == 1);
    }
}
