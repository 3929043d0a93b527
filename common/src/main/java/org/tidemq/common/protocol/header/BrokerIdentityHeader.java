package org.tidemq.common.protocol.header;

import org.tidemq.common.remoting.RemotingCommand;

/**
 * The fields that name one broker instance: UNREGISTER_BROKER (104), QUERY_DATA_VERSION (322) and
 * BROKER_HEARTBEAT (904) requests.
 */
public record BrokerIdentityHeader(String clusterName, String brokerAddr, String brokerName, long brokerId) {
    public static final String CLUSTER_NAME = "clusterName";
    public static final String BROKER_ADDR = "brokerAddr";
    public static final String BROKER_NAME = "brokerName";
    public static final String BROKER_ID = "brokerId";

    /** Parses all four fields as mandatory. */
    public static BrokerIdentityHeader parse(RemotingCommand request) {
        return new BrokerIdentityHeader(HeaderFields.required(request, CLUSTER_NAME),
                HeaderFields.required(request, BROKER_ADDR), HeaderFields.required(request, BROKER_NAME),
                HeaderFields.requiredLong(request, BROKER_ID));
    }

    /** Parses a request where only clusterName and brokerAddr matter (QUERY_DATA_VERSION, BROKER_HEARTBEAT). */
    public static BrokerIdentityHeader parseAddress(RemotingCommand request) {
        Long id = HeaderFields.optionalLong(request, BROKER_ID);
        return new BrokerIdentityHeader(HeaderFields.required(request, CLUSTER_NAME),
                HeaderFields.required(request, BROKER_ADDR), request.field(BROKER_NAME), id == null ? -1 : id);
    }

    public RemotingCommand writeTo(RemotingCommand request) {
        return request.putField(CLUSTER_NAME, clusterName)
                .putField(BROKER_ADDR, brokerAddr)
                .putField(BROKER_NAME, brokerName)
                .putField(BROKER_ID, brokerId);
    }
}
