package org.tidemq.broker.ha;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tidemq.broker.ha.HaTestSupport.message;
import static org.tidemq.broker.ha.HaTestSupport.openStore;

import java.io.DataOutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.ha.master.InSyncReplicasGate;
import org.tidemq.broker.persist.ExecutorPeriodicScheduler;
import org.tidemq.store.DefaultMessageStore;
import org.tidemq.store.PutMessageResult;
import org.tidemq.store.PutMessageStatus;

/** minInSyncReplicas &gt; 1: a SYNC_MASTER refuses writes before storing them while too few replicas are in sync. */
class MinInSyncReplicasTest {
    @TempDir
    Path dir;

    @Test
    void theGateFollowsTheInSyncCountAtEachRefresh() {
        AtomicInteger slaves = new AtomicInteger();
        InSyncReplicasGate gate = new InSyncReplicasGate(slaves::get, 3);
        assertTrue(gate.refusalReason().contains("1 in sync"), gate.refusalReason());
        slaves.set(2);
        assertTrue(gate.refusalReason() != null, "precomputed: unchanged until refreshed");
        gate.refresh();
        assertNull(gate.refusalReason());
        slaves.set(1);
        gate.refresh();
        assertTrue(gate.refusalReason().contains("minInSyncReplicas 3"), gate.refusalReason());
    }

    @Test
    void aSyncMasterRefusesBeforeAppendingUntilASlaveIsInSync() throws Exception {
        try (DefaultMessageStore store = openStore(dir.resolve("master"));
             ExecutorPeriodicScheduler scheduler = new ExecutorPeriodicScheduler("min-isr-test");
             SyncMasterReplication role = new SyncMasterReplication(
                     HaTestSupport.haConfig(dir).withMinInSyncReplicas(2), System::currentTimeMillis)) {
            role.start(store, scheduler);

            PutMessageResult refused = store.putMessage(message("T", 0, "too-few-replicas", true));
            assertEquals(PutMessageStatus.SERVICE_NOT_AVAILABLE, refused.status());
            assertTrue(refused.reason().contains("in-sync replicas not enough"), refused.reason());
            assertEquals(0, store.getMaxPhyOffset(), "nothing was stored");

            try (Socket slave = new Socket("127.0.0.1", role.advertisedHaPort())) {
                DataOutputStream out = new DataOutputStream(slave.getOutputStream());
                out.writeLong(0);
                out.flush();
                await().atMost(Duration.ofSeconds(20)).until(() -> store.putMessage(
                        message("T", 0, "probe", false)).status() == PutMessageStatus.PUT_OK);
            }
        }
    }
}
