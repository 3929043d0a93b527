package org.tidemq.broker.ha.slave;

/** Where a slave's replication stands. */
public enum ReplicationState {
    /** Not connected: no master address yet, connecting, or waiting to reconnect. */
    DISCONNECTED,
    /** Connected to the master's HA port and appending what it sends. */
    REPLICATING,
    /**
     * Stopped for good: this slave's CommitLog is ahead of its master's (the master lost data), so following it would
     * mix two histories. Needs an operator.
     */
    DIVERGED,
    /** Shut down. */
    STOPPED
}
