package org.tidemq.tools.admin;

import picocli.CommandLine.Option;

/** The mutually exclusive {@code -b brokerAddr | -c clusterName} choice of the group commands. */
public final class BrokerTarget {
    @Option(names = {"-b", "--brokerAddr"}, required = true, description = "the broker (ip:port)")
    String brokerAddr;

    @Option(names = {"-c", "--clusterName"}, required = true, description = "every master of this cluster")
    String clusterName;

    /** The {@code -b} address, or null when a cluster was named. */
    public String brokerAddress() {
        return brokerAddr == null ? null : brokerAddr.trim();
    }

    /** The broker address or the cluster name, as AdminClient's group calls take it. */
    public String value() {
        return brokerAddr != null ? brokerAddr.trim() : clusterName.trim();
    }
}
