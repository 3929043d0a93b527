package org.tidemq.broker.ha;

import java.util.List;
import java.util.function.LongSupplier;
import org.tidemq.broker.ha.master.HaMasterServer;
import org.tidemq.broker.ha.status.HaRuntimeInfo;
import org.tidemq.broker.ha.master.InSyncReplicasGate;
import org.tidemq.broker.ha.master.SyncReplicationStage;
import org.tidemq.broker.persist.PeriodicScheduler;
import org.tidemq.store.MessageStore;

/**
 * SYNC_MASTER: serves slaves on the HA port and adds a {@link SyncReplicationStage}, so a send is acknowledged with
 * SEND_OK only once a slave holds it (else FLUSH_SLAVE_TIMEOUT after {@code syncFlushTimeout}, or
 * SLAVE_NOT_AVAILABLE at once when no slave is in sync). Combines with either flush policy: the store awaits the flush and this stage
 * concurrently and reports the first failure. With {@code minInSyncReplicas} &gt; 1 an {@link InSyncReplicasGate}
 * refuses writes before they are stored while too few replicas are in sync. One acknowledging slave satisfies the
 * wait whatever {@code inSyncReplicas} says (4.x semantics).
 */
public final class SyncMasterReplication implements ReplicationRole {
    /** Expiry tick bounds: fine enough for short test timeouts, cheap at the 3 s default. */
    private static final long MIN_EXPIRY_TICK_MS = 1;
    private static final long MAX_EXPIRY_TICK_MS = 50;

    private final HaConfig config;
    private final LongSupplier clockMs;
    private volatile HaMasterServer server;
    private volatile SyncReplicationStage stage;
    private PeriodicScheduler.ScheduledTask expiry;
    private InSyncReplicasGate gate;

    public SyncMasterReplication(HaConfig config, LongSupplier clockMs) {
        this.config = config;
        this.clockMs = clockMs;
    }

    @Override
    public void start(MessageStore store, PeriodicScheduler scheduler) throws InterruptedException {
        // Acks arrive only after server.start(), when the stage field is set.
        server = new HaMasterServer(config, store, clockMs, ackedOffset -> stage.onAck(ackedOffset));
        stage = new SyncReplicationStage(server, server::wakeTransfers, config.maxGapNotInSyncBytes(),
                config.syncFlushTimeoutMs(), clockMs);
        store.addDurabilityStage(stage);
        if (config.minInSyncReplicas() > 1) {
            gate = new InSyncReplicasGate(() -> server.inSyncSlaveCount(config.maxGapNotInSyncBytes()),
                    config.minInSyncReplicas());
            store.addWriteGate(gate);
        }
        long tick = Math.max(MIN_EXPIRY_TICK_MS, Math.min(MAX_EXPIRY_TICK_MS, config.syncFlushTimeoutMs() / 10));
        expiry = scheduler.scheduleAtFixedRate(this::onTick, tick, tick);
        server.start();
    }

    private void onTick() {
        stage.expireOverdue();
        if (gate != null) {
            gate.refresh();
        }
    }

    @Override
    public int advertisedHaPort() {
        return server == null ? config.listenPort() : server.localPort();
    }

    public HaMasterServer server() {
        return server;
    }

    public SyncReplicationStage stage() {
        return stage;
    }

    @Override
    public HaRuntimeInfo runtimeInfo() {
        HaMasterServer current = server;
        return current == null ? HaRuntimeInfo.ofMaster(0, List.of()) : current.runtimeInfo();
    }

    @Override
    public HaMasterServer haMasterServer() {
        return server;
    }

    @Override
    public void close() {
        if (expiry != null) {
            expiry.cancel();
        }
        if (server != null) {
            server.close();
        }
        if (stage != null) {
            stage.close();
        }
    }
}
