package org.tidemq.namesrv.route;

import org.tidemq.common.protocol.TopicConfigSerializeWrapper;

import java.util.List;

/**
 * One REGISTER_BROKER call, decoded.
 *
 * @param heartbeatTimeoutMillis the broker's own expiry, or null for the name server's default
 * @param enableActingMaster     null for pre-5.0 brokers, which never act as master from a slave
 * @param topicConfigs           the broker's topics and their DataVersion
 * @param filterServerList       legacy filter servers; empty removes the broker's entry
 */
public record BrokerRegistration(String clusterName, String brokerAddr, String brokerName, long brokerId,
                                 String haServerAddr, String zoneName, Long heartbeatTimeoutMillis,
                                 Boolean enableActingMaster, TopicConfigSerializeWrapper topicConfigs,
                                 List<String> filterServerList) {

    public BrokerRegistration {
        topicConfigs = topicConfigs == null ? new TopicConfigSerializeWrapper(null, null, null) : topicConfigs;
        filterServerList = filterServerList == null ? List.of() : List.copyOf(filterServerList);
    }

    BrokerAddress address() {
        return new BrokerAddress(clusterName, brokerAddr);
    }
}
