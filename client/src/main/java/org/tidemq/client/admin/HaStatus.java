package org.tidemq.client.admin;

import java.util.List;

/**
 * A broker's replication state (GET_BROKER_HA_STATUS's HARuntimeInfo).
 *
 * @param master                  whether the broker is a master
 * @param masterCommitLogMaxOffset a master's commit-log end offset
 * @param inSyncSlaveNums         slaves within the allowed lag
 * @param slaves                  a master's slave connections
 * @param asSlave                 a slave's view of its master; null on a master
 */
public record HaStatus(boolean master, long masterCommitLogMaxOffset, int inSyncSlaveNums, List<SlaveConnection> slaves,
                       SlaveState asSlave) {
    public HaStatus {
        slaves = List.copyOf(slaves);
    }

    /** One slave as its master sees it. */
    public record SlaveConnection(String addr, long slaveAckOffset, long diff, boolean inSync,
                                  long transferredByteInSecond, long transferFromWhere) {
    }

    /** A slave's replication client. */
    public record SlaveState(String masterAddr, long maxOffset, long transferredByteInSecond, long lastReadTimestamp,
                             long lastWriteTimestamp, long masterFlushOffset) {
    }
}
