package org.tidemq.broker.registration;

/**
 * Who this broker registers as: the header fields of REGISTER_BROKER / UNREGISTER_BROKER (facts §4.7).
 *
 * @param brokerAddr   {@code brokerIP1:listenPort}, where clients reach it
 * @param haServerAddr {@code brokerIP2:haListenPort}, where slaves replicate from
 */
public record BrokerRegistrationInfo(String clusterName, String brokerName, long brokerId, String brokerAddr,
                                     String haServerAddr) {
}
