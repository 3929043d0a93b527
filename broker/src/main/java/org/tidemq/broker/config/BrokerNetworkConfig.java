package org.tidemq.broker.config;

import java.util.List;

/**
 * Where this broker listens and how it is reached.
 *
 * @param namesrvAddrs name servers ({@code host:port}) it registers with; may be empty
 * @param listenPort   client port (default 10911; 0 = ephemeral, for tests); the VIP port is listenPort − 2
 * @param haListenPort port slaves replicate from (default listenPort + 1)
 * @param brokerIP1    address advertised to clients and written as store host (default: first non-loopback address)
 * @param brokerIP2    host of the advertised HA address (default brokerIP1)
 */
public record BrokerNetworkConfig(List<String> namesrvAddrs, int listenPort, int haListenPort, String brokerIP1,
                                  String brokerIP2) {

    public static final int DEFAULT_LISTEN_PORT = 10911;

    public BrokerNetworkConfig {
        namesrvAddrs = List.copyOf(namesrvAddrs);
        for (String addr : namesrvAddrs) {
            Checks.hostPort("namesrvAddr", addr);
        }
        Checks.range("listenPort", listenPort, 0, 65535);
        Checks.range("haListenPort", haListenPort, 0, 65535);
        Checks.notBlank("brokerIP1", brokerIP1);
        Checks.notBlank("brokerIP2", brokerIP2);
    }

    /** {@code namesrvAddr} as RocketMQ writes it: {@code a:9876;b:9876}, empty when there is none. */
    public String namesrvAddr() {
        return String.join(";", namesrvAddrs);
    }

    /** {@code brokerIP1:listenPort}: the address registered with name servers. */
    public String brokerAddr() {
        return brokerIP1 + ":" + listenPort;
    }

    /** {@code brokerIP2:haListenPort}: the replication address registered with name servers. */
    public String haServerAddr() {
        return brokerIP2 + ":" + haListenPort;
    }
}
