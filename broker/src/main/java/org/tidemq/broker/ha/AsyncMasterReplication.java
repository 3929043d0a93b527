package org.tidemq.broker.ha;

import java.util.List;
import java.util.function.LongSupplier;
import org.tidemq.broker.ha.master.HaMasterServer;
import org.tidemq.broker.ha.status.HaRuntimeInfo;
import org.tidemq.broker.persist.PeriodicScheduler;
import org.tidemq.store.MessageStore;

/**
 * ASYNC_MASTER: serves slaves on the HA port but acknowledges sends after its own durability step only (no
 * durability stage). Transfers are woken by the store's dispatcher as records are dispatched, and polled as a
 * fallback, so a slave trails by roughly the dispatch delay.
 */
public final class AsyncMasterReplication implements ReplicationRole {
    private final HaConfig config;
    private final LongSupplier clockMs;
    private volatile HaMasterServer server;

    public AsyncMasterReplication(HaConfig config, LongSupplier clockMs) {
        this.config = config;
        this.clockMs = clockMs;
    }

    @Override
    public void start(MessageStore store, PeriodicScheduler scheduler) throws InterruptedException {
        server = new HaMasterServer(config, store, clockMs, ackedOffset -> { });
        store.addDispatcher(request -> server.wakeTransfers());
        server.start();
    }

    @Override
    public int advertisedHaPort() {
        return server == null ? config.listenPort() : server.localPort();
    }

    /** The HA server (status and tests). */
    public HaMasterServer server() {
        return server;
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
        if (server != null) {
            server.close();
        }
    }
}
