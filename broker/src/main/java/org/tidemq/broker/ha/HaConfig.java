package org.tidemq.broker.ha;

import org.tidemq.broker.config.BrokerConfig;
import org.tidemq.broker.config.ReplicationConfig;

/**
 * What the replication services need, gathered from the broker's parsed configuration (the {@code .properties} keys
 * are mapped once, in {@link org.tidemq.broker.config.BrokerConfigMapper}; this record only selects and validates).
 *
 * @param bindAddress                 master: the address the HA server binds ({@code brokerIP2}, the advertised HA
 *                                    host) — never all interfaces
 * @param listenPort                  master: {@code haListenPort} (0 = ephemeral, tests)
 * @param masterAddressOverride       slave: {@code haMasterAddress}, or null to use the one name servers return
 * @param heartbeatIntervalMs         {@code haSendHeartbeatInterval}: slave reports / master heartbeats at least this
 *                                    often
 * @param housekeepingIntervalMs      {@code haHousekeepingInterval}: a connection silent this long is closed
 * @param transferBatchSizeBytes      {@code haTransferBatchSize}: most body bytes per transfer frame
 * @param maxGapNotInSyncBytes        {@code haMaxGapNotInSync}: a slave further behind is not in sync
 * @param syncFlushTimeoutMs          {@code syncFlushTimeout}: SYNC_MASTER waits this long for a slave's ack (as
 *                                    RocketMQ's classic HA, which reuses the flush timeout)
 * @param commitLogSegmentSizeBytes   {@code mappedFileSizeCommitLog}: an empty slave starts at the master's last
 *                                    segment
 * @param reconnectInitialDelayMs     slave: first reconnect delay; doubles per failure
 * @param reconnectMaxDelayMs         slave: reconnect delay cap
 * @param minInSyncReplicas           SYNC_MASTER: fewest replicas (master included) in sync for a write to be
 *                                    accepted (5.x key; 1 = no check)
 * @param acceptUnidentifiedSlaves    master: {@code haAcceptUnidentifiedSlaves}; true = stream to and count every HA
 *                                    connection (classic RocketMQ), false = only identified slaves
 * @param slaveIdentifyTimeoutMs      master: {@code haSlaveIdentifyTimeoutMs}; an HA connection unidentified this
 *                                    long is closed (reported once when unidentified slaves are accepted)
 */
public record HaConfig(String bindAddress, int listenPort, String masterAddressOverride, int heartbeatIntervalMs,
                       int housekeepingIntervalMs, int transferBatchSizeBytes, long maxGapNotInSyncBytes,
                       int syncFlushTimeoutMs, int commitLogSegmentSizeBytes, long reconnectInitialDelayMs,
                       long reconnectMaxDelayMs, int minInSyncReplicas, boolean acceptUnidentifiedSlaves,
                       long slaveIdentifyTimeoutMs) {

    /** Apache RocketMQ's slave retries every 5 s; we start faster and back off to that. */
    public static final long DEFAULT_RECONNECT_INITIAL_DELAY_MS = 200;
    public static final long DEFAULT_RECONNECT_MAX_DELAY_MS = 5_000;

    public HaConfig {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new IllegalArgumentException("HA bindAddress must not be blank");
        }
        requirePositive("haSendHeartbeatInterval", heartbeatIntervalMs);
        requirePositive("haHousekeepingInterval", housekeepingIntervalMs);
        requirePositive("haTransferBatchSize", transferBatchSizeBytes);
        requirePositive("haMaxGapNotInSync", maxGapNotInSyncBytes);
        requirePositive("syncFlushTimeout", syncFlushTimeoutMs);
        requirePositive("mappedFileSizeCommitLog", commitLogSegmentSizeBytes);
        requirePositive("reconnectInitialDelayMs", reconnectInitialDelayMs);
        if (reconnectMaxDelayMs < reconnectInitialDelayMs) {
            throw new IllegalArgumentException("reconnectMaxDelayMs " + reconnectMaxDelayMs
                    + " is below reconnectInitialDelayMs " + reconnectInitialDelayMs);
        }
        requirePositive("minInSyncReplicas", minInSyncReplicas);
        requirePositive("haSlaveIdentifyTimeoutMs", slaveIdentifyTimeoutMs);
        if (listenPort < 0 || listenPort > 65535) {
            throw new IllegalArgumentException("haListenPort must be in 0..65535, got " + listenPort);
        }
    }

    public static HaConfig from(BrokerConfig config) {
        ReplicationConfig r = config.replication();
        return new HaConfig(config.network().brokerIP2(), config.network().haListenPort(), r.haMasterAddress(),
                r.haSendHeartbeatIntervalMs(), r.haHousekeepingIntervalMs(), r.haTransferBatchSizeBytes(),
                r.haMaxGapNotInSyncBytes(), config.store().flush().syncFlushTimeoutMs(),
                config.store().mappedFileSizeCommitLogBytes(),
                DEFAULT_RECONNECT_INITIAL_DELAY_MS,
                Math.max(DEFAULT_RECONNECT_INITIAL_DELAY_MS,
                        Math.min(DEFAULT_RECONNECT_MAX_DELAY_MS, r.haSendHeartbeatIntervalMs())),
                r.minInSyncReplicas(), r.haAcceptUnidentifiedSlaves(), r.haSlaveIdentifyTimeoutMs());
    }

    public HaConfig withListenPort(int port) {
        return new HaConfig(bindAddress, port, masterAddressOverride, heartbeatIntervalMs, housekeepingIntervalMs,
                transferBatchSizeBytes, maxGapNotInSyncBytes, syncFlushTimeoutMs, commitLogSegmentSizeBytes,
                reconnectInitialDelayMs, reconnectMaxDelayMs, minInSyncReplicas, acceptUnidentifiedSlaves,
                slaveIdentifyTimeoutMs);
    }

    public HaConfig withMasterAddressOverride(String address) {
        return new HaConfig(bindAddress, listenPort, address, heartbeatIntervalMs, housekeepingIntervalMs,
                transferBatchSizeBytes, maxGapNotInSyncBytes, syncFlushTimeoutMs, commitLogSegmentSizeBytes,
                reconnectInitialDelayMs, reconnectMaxDelayMs, minInSyncReplicas, acceptUnidentifiedSlaves,
                slaveIdentifyTimeoutMs);
    }

    public HaConfig withSyncFlushTimeoutMs(int timeoutMs) {
        return new HaConfig(bindAddress, listenPort, masterAddressOverride, heartbeatIntervalMs,
                housekeepingIntervalMs, transferBatchSizeBytes, maxGapNotInSyncBytes, timeoutMs,
                commitLogSegmentSizeBytes, reconnectInitialDelayMs, reconnectMaxDelayMs, minInSyncReplicas,
                acceptUnidentifiedSlaves, slaveIdentifyTimeoutMs);
    }

    public HaConfig withTransferBatchSizeBytes(int bytes) {
        return new HaConfig(bindAddress, listenPort, masterAddressOverride, heartbeatIntervalMs,
                housekeepingIntervalMs, bytes, maxGapNotInSyncBytes, syncFlushTimeoutMs, commitLogSegmentSizeBytes,
                reconnectInitialDelayMs, reconnectMaxDelayMs, minInSyncReplicas, acceptUnidentifiedSlaves,
                slaveIdentifyTimeoutMs);
    }

    public HaConfig withMinInSyncReplicas(int replicas) {
        return new HaConfig(bindAddress, listenPort, masterAddressOverride, heartbeatIntervalMs,
                housekeepingIntervalMs, transferBatchSizeBytes, maxGapNotInSyncBytes, syncFlushTimeoutMs,
                commitLogSegmentSizeBytes, reconnectInitialDelayMs, reconnectMaxDelayMs, replicas,
                acceptUnidentifiedSlaves, slaveIdentifyTimeoutMs);
    }

    public HaConfig withHeartbeatIntervalMs(int intervalMs) {
        return new HaConfig(bindAddress, listenPort, masterAddressOverride, intervalMs, housekeepingIntervalMs,
                transferBatchSizeBytes, maxGapNotInSyncBytes, syncFlushTimeoutMs, commitLogSegmentSizeBytes,
                reconnectInitialDelayMs, reconnectMaxDelayMs, minInSyncReplicas, acceptUnidentifiedSlaves,
                slaveIdentifyTimeoutMs);
    }

    public HaConfig withAcceptUnidentifiedSlaves(boolean accept) {
        return new HaConfig(bindAddress, listenPort, masterAddressOverride, heartbeatIntervalMs,
                housekeepingIntervalMs, transferBatchSizeBytes, maxGapNotInSyncBytes, syncFlushTimeoutMs,
                commitLogSegmentSizeBytes, reconnectInitialDelayMs, reconnectMaxDelayMs, minInSyncReplicas, accept,
                slaveIdentifyTimeoutMs);
    }

    public HaConfig withSlaveIdentifyTimeoutMs(long timeoutMs) {
        return new HaConfig(bindAddress, listenPort, masterAddressOverride, heartbeatIntervalMs,
                housekeepingIntervalMs, transferBatchSizeBytes, maxGapNotInSyncBytes, syncFlushTimeoutMs,
                commitLogSegmentSizeBytes, reconnectInitialDelayMs, reconnectMaxDelayMs, minInSyncReplicas,
                acceptUnidentifiedSlaves, timeoutMs);
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("invalid value '" + value + "' for " + name + ": must be > 0");
        }
    }
}
