package org.tidemq.namesrv.config;

import java.nio.file.Path;

/**
 * Everything a name server is told at start. Built from {@code namesrv.properties} by {@link NamesrvConfigMapper},
 * the one place that knows RocketMQ's key names; validated here.
 *
 * @param listenPort                      TCP port (0 = ephemeral, for tests)
 * @param bindAddress                     local address to listen on
 * @param ioThreads                       Netty I/O threads ({@code serverSelectorThreads})
 * @param channelIdleSeconds              idle connections are closed after this ({@code serverChannelMaxIdleTimeSeconds})
 * @param useEpoll                        native epoll when available ({@code useEpollNativeSelector})
 * @param kvConfigPath                    where KV config is persisted
 * @param scanNotActiveBrokerIntervalMs   period of the broker liveness scan
 * @param brokerExpiryMs                  a broker silent this long is dropped, unless it registered its own timeout
 * @param orderMessageEnable              routes carry {@code orderTopicConf} from KV namespace ORDER_TOPIC_CONFIG
 * @param returnOrderTopicConfigToBroker  REGISTER_BROKER answers with the ORDER_TOPIC_CONFIG namespace
 * @param clientRequestThreads            RocketMQ's pool for GET_ROUTEINFO_BY_TOPIC; kept for configuration
 *                                        compatibility only: route lookups never block and run on the I/O threads
 * @param clientRequestQueueCapacity      queue bound of that pool; likewise kept for compatibility only
 * @param defaultThreads                  threads answering everything else
 * @param defaultQueueCapacity            queue bound of those threads
 * @param enableAllTopicList              GET_ALL_TOPIC_LIST_FROM_NAMESERVER allowed
 * @param enableTopicList                 GET_TOPICS_BY_CLUSTER and unit topic lists allowed
 * @param deleteTopicWithBrokerRegistration a master's registration drops its topics missing from the body
 * @param configBlackList                 {@code ;}-separated keys UPDATE_NAMESRV_CONFIG may not change
 */
public record NamesrvConfig(int listenPort, String bindAddress, int ioThreads, int channelIdleSeconds,
                            boolean useEpoll, Path kvConfigPath, long scanNotActiveBrokerIntervalMs,
                            long brokerExpiryMs, boolean orderMessageEnable, boolean returnOrderTopicConfigToBroker,
                            int clientRequestThreads, int clientRequestQueueCapacity, int defaultThreads,
                            int defaultQueueCapacity, boolean enableAllTopicList, boolean enableTopicList,
                            boolean deleteTopicWithBrokerRegistration, String configBlackList) {

    public NamesrvConfig {
        require(listenPort >= 0 && listenPort <= 65_535, "listenPort", listenPort, "must be in 0..65535");
        require(bindAddress != null && !bindAddress.isBlank(), "bindAddress", bindAddress, "must not be blank");
        require(ioThreads >= 1, "serverSelectorThreads", ioThreads, "must be at least 1");
        require(channelIdleSeconds >= 0, "serverChannelMaxIdleTimeSeconds", channelIdleSeconds, "must not be negative");
        require(kvConfigPath != null, "kvConfigPath", kvConfigPath, "must not be blank");
        require(scanNotActiveBrokerIntervalMs > 0, "scanNotActiveBrokerInterval", scanNotActiveBrokerIntervalMs, "must be positive");
        require(brokerExpiryMs > 0, "brokerExpiryMs", brokerExpiryMs, "must be positive");
        require(clientRequestThreads >= 1, "clientRequestThreadPoolNums", clientRequestThreads, "must be at least 1");
        require(clientRequestQueueCapacity >= 1, "clientRequestThreadPoolQueueCapacity", clientRequestQueueCapacity, "must be at least 1");
        require(defaultThreads >= 1, "defaultThreadPoolNums", defaultThreads, "must be at least 1");
        require(defaultQueueCapacity >= 1, "defaultThreadPoolQueueCapacity", defaultQueueCapacity, "must be at least 1");
        configBlackList = configBlackList == null ? "" : configBlackList;
    }

    private static void require(boolean ok, String key, Object value, String rule) {
        if (!ok) {
            throw new ConfigException("invalid value '" + value + "' for " + key + ": " + rule);
        }
    }
}
