package org.tidemq.broker.config;

/** RocketMQ's {@code brokerRole}: how a broker takes part in classic master/slave replication. */
public enum BrokerRole {
    /** Master; acknowledges a send without waiting for slaves. */
    ASYNC_MASTER,
    /** Master; acknowledges a send once enough slaves hold it ({@code inSyncReplicas}). */
    SYNC_MASTER,
    /** Slave: replicates a master's commit log and serves reads only. */
    SLAVE;

    public boolean isMaster() {
        return this != SLAVE;
    }
}
