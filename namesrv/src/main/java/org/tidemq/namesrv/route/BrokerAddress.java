package org.tidemq.namesrv.route;

/** One broker instance as the liveness table keys it: the same address may serve in two clusters. */
public record BrokerAddress(String clusterName, String brokerAddr) {
}
