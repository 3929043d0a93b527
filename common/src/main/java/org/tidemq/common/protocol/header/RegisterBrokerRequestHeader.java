package org.tidemq.common.protocol.header;

import org.tidemq.common.remoting.RemotingCommand;

/**
 * REGISTER_BROKER (103) request fields (facts sheet §4.7).
 *
 * @param heartbeatTimeoutMillis how long the name server keeps the broker without a heartbeat; null = its default
 * @param enableActingMaster     null for brokers older than 5.0 (they do not send the field)
 * @param bodyCrc32              CRC32 of the body &amp; 0x7FFFFFFF; 0 disables the check
 * @param zoneName               optional extField {@code zoneName}
 */
public record RegisterBrokerRequestHeader(String brokerName, String brokerAddr, String clusterName,
                                          String haServerAddr, long brokerId, Long heartbeatTimeoutMillis,
                                          Boolean enableActingMaster, boolean compressed, int bodyCrc32,
                                          String zoneName) {
    public static final String BROKER_NAME = "brokerName";
    public static final String BROKER_ADDR = "brokerAddr";
    public static final String CLUSTER_NAME = "clusterName";
    public static final String HA_SERVER_ADDR = "haServerAddr";
    public static final String BROKER_ID = "brokerId";
    public static final String HEARTBEAT_TIMEOUT_MILLIS = "heartbeatTimeoutMillis";
    public static final String ENABLE_ACTING_MASTER = "enableActingMaster";
    public static final String COMPRESSED = "compressed";
    public static final String BODY_CRC32 = "bodyCrc32";
    public static final String ZONE_NAME = "zoneName";

    /** Parses the request's extFields; brokerName, brokerAddr, clusterName and brokerId are mandatory. */
    public static RegisterBrokerRequestHeader parse(RemotingCommand request) {
        Long crc = HeaderFields.optionalLong(request, BODY_CRC32);
        return new RegisterBrokerRequestHeader(
                HeaderFields.required(request, BROKER_NAME),
                HeaderFields.required(request, BROKER_ADDR),
                HeaderFields.required(request, CLUSTER_NAME),
                request.field(HA_SERVER_ADDR),
                HeaderFields.requiredLong(request, BROKER_ID),
                HeaderFields.optionalLong(request, HEARTBEAT_TIMEOUT_MILLIS),
                HeaderFields.optionalBoolean(request, ENABLE_ACTING_MASTER),
                request.boolField(COMPRESSED),
                crc == null ? 0 : crc.intValue(),
                request.field(ZONE_NAME));
    }

    /** Puts these fields on {@code request}; null fields are not sent. */
    public RemotingCommand writeTo(RemotingCommand request) {
        return request.putField(BROKER_NAME, brokerName)
                .putField(BROKER_ADDR, brokerAddr)
                .putField(CLUSTER_NAME, clusterName)
                .putField(HA_SERVER_ADDR, haServerAddr)
                .putField(BROKER_ID, brokerId)
                .putField(HEARTBEAT_TIMEOUT_MILLIS, heartbeatTimeoutMillis)
                .putField(ENABLE_ACTING_MASTER, enableActingMaster)
                .putField(COMPRESSED, compressed)
                .putField(BODY_CRC32, bodyCrc32)
                .putField(ZONE_NAME, zoneName);
    }
}
