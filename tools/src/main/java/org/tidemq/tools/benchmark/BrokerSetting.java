package org.tidemq.tools.benchmark;

/**
 * How one broker stores and replicates, as its GET_BROKER_CONFIG reports: results mean little without it.
 *
 * @param brokerName    the broker group name
 * @param address       ip:port
 * @param brokerRole    ASYNC_MASTER, SYNC_MASTER or SLAVE; {@code ?} when the broker did not answer
 * @param flushDiskType ASYNC_FLUSH or SYNC_FLUSH; {@code ?} when the broker did not answer
 */
public record BrokerSetting(String brokerName, String address, String brokerRole, String flushDiskType) {
    static final String UNKNOWN = "?";
}
