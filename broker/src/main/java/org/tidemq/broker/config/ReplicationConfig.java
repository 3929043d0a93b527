package org.tidemq.broker.config;

/**
 * Classic master/slave replication.
 *
 * @param haMasterAddress          slave only: master HA address {@code host:port} overriding the one learnt from
 *                                 name servers; {@code null} when unset
 * @param haSendHeartbeatIntervalMs slave reports its offset at least this often
 * @param haHousekeepingIntervalMs  a replication connection silent this long is closed
 * @param haTransferBatchSizeBytes  most commit-log bytes per transfer frame
 * @param haMaxGapNotInSyncBytes    a slave further behind than this is not "in sync" (4.x key haSlaveFallbehindMax)
 * @param slaveTimeoutMs            SYNC_MASTER waits this long for slaves before FLUSH_SLAVE_TIMEOUT
 * @param totalReplicas             replicas of the broker group, master included
 * @param inSyncReplicas            replicas a SYNC_MASTER waits for, master included
 * @param minInSyncReplicas         fewest in-sync replicas a SYNC_MASTER accepts writes with
 * @param haAcceptUnidentifiedSlaves master: stream to and count the acks of HA connections it cannot identify
 *                                   (classic RocketMQ behaviour); false = only identified slaves are trusted
 * @param haSlaveIdentifyTimeoutMs  master: an HA connection still unidentified this long is closed (or, when
 *                                  unidentified slaves are accepted, reported once)
 */
public record ReplicationConfig(String haMasterAddress, int haSendHeartbeatIntervalMs, int haHousekeepingIntervalMs,
                                int haTransferBatchSizeBytes, long haMaxGapNotInSyncBytes, int slaveTimeoutMs,
                                int totalReplicas, int inSyncReplicas, int minInSyncReplicas,
                                boolean haAcceptUnidentifiedSlaves, int haSlaveIdentifyTimeoutMs) {

    /** Below this a RocketMQ slave could not be looked up at the name servers before it is cut off. */
    public static final int MIN_SLAVE_IDENTIFY_TIMEOUT_MS = 1_000;

    public ReplicationConfig {
        if (haMasterAddress != null) {
            Checks.hostPort("haMasterAddress", haMasterAddress);
        }
        Checks.positive("haSendHeartbeatInterval", haSendHeartbeatIntervalMs);
        Checks.positive("haHousekeepingInterval", haHousekeepingIntervalMs);
        Checks.positive("haTransferBatchSize", haTransferBatchSizeBytes);
        Checks.positive("haMaxGapNotInSync", haMaxGapNotInSyncBytes);
        Checks.positive("slaveTimeout", slaveTimeoutMs);
        Checks.positive("totalReplicas", totalReplicas);
        Checks.range("inSyncReplicas", inSyncReplicas, 1, totalReplicas);
        Checks.range("minInSyncReplicas", minInSyncReplicas, 1, inSyncReplicas);
        Checks.range("haSlaveIdentifyTimeoutMs", haSlaveIdentifyTimeoutMs, MIN_SLAVE_IDENTIFY_TIMEOUT_MS,
                Integer.MAX_VALUE);
    }

    public static ReplicationConfig defaults() {
        return new ReplicationConfig(null, 5_000, 20_000, 32_768, 268_435_456L, 3_000, 1, 1, 1, false, 60_000);
    }
}
