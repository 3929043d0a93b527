package org.tidemq.broker.ha;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.tidemq.broker.ha.HaTestSupport.address;
import static org.tidemq.broker.ha.HaTestSupport.message;
import static org.tidemq.broker.ha.HaTestSupport.openStore;

import java.io.DataOutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.ha.master.SyncReplicationStage;
import org.tidemq.broker.ha.slave.HaClient;
import org.tidemq.broker.ha.slave.ReconnectBackoff;
import org.tidemq.broker.persist.ExecutorPeriodicScheduler;
import org.tidemq.store.DefaultMessageStore;
import org.tidemq.store.PutMessageResult;
import org.tidemq.store.PutMessageStatus;

/** SYNC_MASTER over a real HA connection: the send's durability waits for a slave's ack. */
class SyncMasterReplicationTest {
    private static final int SLAVE_TIMEOUT_MS = 1_000;
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private DefaultMessageStore masterStore;
    private SyncMasterReplication role;

    @BeforeEach
    void startMaster() throws Exception {
        masterStore = track(openStore(dir.resolve("master")));
        ExecutorPeriodicScheduler scheduler = track(new ExecutorPeriodicScheduler("sync-test"));
        role = track(new SyncMasterReplication(HaTestSupport.haConfig(dir).withSyncFlushTimeoutMs(SLAVE_TIMEOUT_MS),
                System::currentTimeMillis));
        role.start(masterStore, scheduler);
    }

    @AfterEach
    void closeAll() throws Exception {
        while (!opened.isEmpty()) {
            opened.pop().close();
        }
    }

    private <T extends AutoCloseable> T track(T closeable) {
        opened.push(closeable);
        return closeable;
    }

    private PutMessageResult send(String body) {
        PutMessageResult result = masterStore.putMessage(message("T", 0, body, true));
        assertEquals(PutMessageStatus.PUT_OK, result.status(), "stored on the master");
        return result;
    }

    /** A slave under the test's control: connects and acknowledges only what it is told to. */
    private DataOutputStream pausedSlave(long firstReport) throws Exception {
        Socket socket = track(new Socket("127.0.0.1", role.advertisedHaPort()));
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeLong(firstReport);
        out.flush();
        await().atMost(WAIT).until(() -> role.server().highestConnectedAck() == firstReport);
        return out;
    }

    @Test
    void withoutASlaveTheAnswerIsSlaveNotAvailable() {
        PutMessageResult result = send("alone");
        assertEquals(PutMessageStatus.SLAVE_NOT_AVAILABLE, result.durability().join());
    }

    @Test
    void theAckWaitsForTheSlaveAndCompletesWhenItCoversTheMessage() throws Exception {
        DataOutputStream slave = pausedSlave(0);
        PutMessageResult result = send("needs-the-slave");
        long end = result.append().wroteOffset() + result.append().wroteBytes();

        assertFalse(result.durability().isDone(), "not durable before the slave acknowledged");
        slave.writeLong(end - 1);
        slave.flush();
        await().atMost(WAIT).until(() -> role.server().highestConnectedAck() == end - 1);
        assertFalse(result.durability().isDone(), "an ack short of the message's end does not cover it");
        slave.writeLong(end);
        slave.flush();
        assertEquals(PutMessageStatus.PUT_OK, result.durability().get());
    }

    @Test
    void aPausedSlaveMakesTheSendTimeOutWithFlushSlaveTimeout() throws Exception {
        pausedSlave(0);
        PutMessageResult result = send("slave-is-paused");
        assertEquals(PutMessageStatus.FLUSH_SLAVE_TIMEOUT, result.durability().get());
        assertEquals(0, role.stage().pendingCount());
    }

    @Test
    void aSlaveFurtherBehindThanTheGapIsNotInSync() throws Exception {
        HaConfig config = HaTestSupport.haConfig(dir);
        send("x".repeat(2_000));
        // This role has haMaxGapNotInSync = 256 MiB; a stage with a tiny gap shows the rule on the same connection.
        pausedSlave(0);
        var strict = new SyncReplicationStage(role.server(), () -> { }, 1_000,
                config.syncFlushTimeoutMs(), System::currentTimeMillis);
        assertEquals(PutMessageStatus.SLAVE_NOT_AVAILABLE,
                strict.awaitDurable(masterStore.getMaxPhyOffset(), true).join());
    }

    @Test
    void negativeControlARealSlaveGetsSendOk() throws Exception {
        DefaultMessageStore slaveStore = track(openStore(dir.resolve("slave")));
        HaClient client = track(new HaClient(HaTestSupport.haConfig(dir), slaveStore,
                () -> address(role.advertisedHaPort()), new ReconnectBackoff(50, 400)));
        client.start();
        await().atMost(WAIT).until(() -> role.server().highestConnectedAck() >= 0);

        for (int i = 0; i < 20; i++) {
            PutMessageResult result = send("replicated-" + i);
            assertEquals(PutMessageStatus.PUT_OK, result.durability().get(), "message " + i);
            long end = result.append().wroteOffset() + result.append().wroteBytes();
            assertEquals(true, slaveStore.getMaxPhyOffset() >= end, "the slave holds it when the send is acked");
        }
    }
}
