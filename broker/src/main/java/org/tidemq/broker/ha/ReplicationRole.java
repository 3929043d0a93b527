package org.tidemq.broker.ha;

import java.util.function.LongSupplier;
import org.tidemq.broker.config.BrokerConfig;
import org.tidemq.broker.ha.master.HaMasterServer;
import org.tidemq.broker.ha.status.HaRuntimeInfo;
import org.tidemq.broker.persist.PeriodicScheduler;
import org.tidemq.store.MessageStore;

/**
 * The replication behaviour of one {@code brokerRole}: {@link AsyncMasterReplication},
 * {@link SyncMasterReplication} or {@link SlaveReplication}.
 *
 * <p>Lifecycle: {@link #start} right after the store is opened and before any traffic (a role may add store hooks),
 * then {@link #close()} before the store is shut down (idempotent). Not thread-safe for start/close;
 * {@link #onMasterLearnt} may be called from any thread.
 */
public interface ReplicationRole extends AutoCloseable {

    /**
     * Hooks into the store and starts the HA service (a master binds its HA port; a slave starts connecting).
     *
     * @param scheduler for periodic housekeeping ticks
     */
    void start(MessageStore store, PeriodicScheduler scheduler) throws InterruptedException;

    /** The HA port to advertise in {@code haServerAddr}: the bound port on a master, the configured one otherwise. */
    int advertisedHaPort();

    /**
     * A name server answered a registration with the group master's HA address (null when it knows no live master).
     * Only a slave without {@code haMasterAddress} uses it.
     */
    default void onMasterLearnt(String masterHaServerAddr) {
    }

    /** GET_BROKER_HA_STATUS's answer for this role, from live state. Any thread. */
    HaRuntimeInfo runtimeInfo();

    /** A master's HA server (null on a slave, or before {@link #start}). */
    default HaMasterServer haMasterServer() {
        return null;
    }

    @Override
    void close();

    /** The role {@code brokerRole} selects. */
    static ReplicationRole forConfig(BrokerConfig config, LongSupplier clockMs) {
        HaConfig ha = HaConfig.from(config);
        return switch (config.identity().brokerRole()) {
            case ASYNC_MASTER -> new AsyncMasterReplication(ha, clockMs);
            case SYNC_MASTER -> new SyncMasterReplication(ha, clockMs);
            case SLAVE -> new SlaveReplication(ha, clockMs);
        };
    }
}
