package org.tidemq.namesrv.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one place that maps RocketMQ's {@code namesrv.properties} keys (NamesrvConfig + NettyServerConfig) to
 * {@link NamesrvConfig} and back.
 *
 * <p>Unlike RocketMQ, which silently ignores them, an unknown key yields a warning naming it, and a value that does
 * not parse fails with a {@link ConfigException} naming key and value. Values are trimmed, as RocketMQ does.
 */
public final class NamesrvConfigMapper {
    static final String LISTEN_PORT = "listenPort";
    static final String BIND_ADDRESS = "bindAddress";
    static final String SELECTOR_THREADS = "serverSelectorThreads";
    static final String CHANNEL_IDLE_SECONDS = "serverChannelMaxIdleTimeSeconds";
    static final String USE_EPOLL = "useEpollNativeSelector";
    static final String KV_CONFIG_PATH = "kvConfigPath";
    static final String SCAN_INTERVAL = "scanNotActiveBrokerInterval";
    /** TideMQ's own key: RocketMQ hard-codes the 120 s broker expiry. */
    static final String BROKER_EXPIRY = "brokerExpiryMs";
    static final String ORDER_MESSAGE_ENABLE = "orderMessageEnable";
    static final String RETURN_ORDER_TOPIC_CONFIG = "returnOrderTopicConfigToBroker";
    static final String CLIENT_THREADS = "clientRequestThreadPoolNums";
    static final String CLIENT_QUEUE = "clientRequestThreadPoolQueueCapacity";
    static final String DEFAULT_THREADS = "defaultThreadPoolNums";
    static final String DEFAULT_QUEUE = "defaultThreadPoolQueueCapacity";
    static final String ENABLE_ALL_TOPIC_LIST = "enableAllTopicList";
    static final String ENABLE_TOPIC_LIST = "enableTopicList";
    static final String DELETE_TOPIC_WITH_REGISTRATION = "deleteTopicWithBrokerRegistration";
    static final String CONFIG_BLACK_LIST = "configBlackList";

    /** RocketMQ keys TideMQ knows but does not implement: accepted with a warning saying so. */
    private static final Set<String> UNSUPPORTED = Set.of("rocketmqHome", "configStorePath", "productEnvName",
            "clusterTest", "unRegisterBrokerQueueCapacity", "supportActingMaster", "notifyMinBrokerIdChanged",
            "enableControllerInNamesrv", "needWaitForService", "waitSecondsForService", "serverWorkerThreads",
            "serverCallbackExecutorThreads", "serverOnewaySemaphoreValue", "serverAsyncSemaphoreValue",
            "serverSocketSndBufSize", "serverSocketRcvBufSize", "serverSocketBacklog", "writeBufferHighWaterMark",
            "writeBufferLowWaterMark", "serverPooledByteBufAllocatorEnable", "enableShutdownGracefully",
            "shutdownWaitTimeSeconds");

    /** The result of mapping: a valid config and one warning per ignored key. */
    public record Result(NamesrvConfig config, List<String> warnings) {
    }

    private NamesrvConfigMapper() {
    }

    /** RocketMQ's defaults: port 9876 on all interfaces, KV config under {@code userHome/namesrv}. */
    public static NamesrvConfig defaults(String userHome) {
        return new NamesrvConfig(9876, "0.0.0.0", 3, 120, true,
                Path.of(userHome, "namesrv", "kvConfig.json"), 5_000, 120_000, false, true,
                8, 50_000, 16, 10_000, true, true, false, "configBlackList;configStorePath;kvConfigPath");
    }

    /** Defaults (for {@code user.home}) overlaid with {@code properties}. */
    public static Result fromProperties(Properties properties) {
        return overlay(defaults(System.getProperty("user.home")), properties);
    }

    /** {@code base} with the keys of {@code properties} replaced; fails naming the first invalid key. */
    public static Result overlay(NamesrvConfig base, Properties properties) {
        Map<String, String> values = toProperties(base);
        List<String> warnings = new ArrayList<>();
        for (String key : new TreeMap<>(properties).keySet().stream().map(Object::toString).toList()) {
            String value = properties.getProperty(key);
            if (values.containsKey(key)) {
                values.put(key, value == null ? "" : value.trim());
            } else if (UNSUPPORTED.contains(key)) {
                warnings.add("config key '" + key + "' is not supported by TideMQ and is ignored");
            } else {
                warnings.add("unknown config key '" + key + "' is ignored");
            }
        }
        return new Result(build(values), List.copyOf(warnings));
    }

    /** Every key with its value, sorted by key: the body of GET_NAMESRV_CONFIG and the output of {@code -p}. */
    public static Map<String, String> toProperties(NamesrvConfig config) {
        Map<String, String> values = new TreeMap<>();
        values.put(LISTEN_PORT, Integer.toString(config.listenPort()));
        values.put(BIND_ADDRESS, config.bindAddress());
        values.put(SELECTOR_THREADS, Integer.toString(config.ioThreads()));
        values.put(CHANNEL_IDLE_SECONDS, Integer.toString(config.channelIdleSeconds()));
        values.put(USE_EPOLL, Boolean.toString(config.useEpoll()));
        values.put(KV_CONFIG_PATH, config.kvConfigPath().toString());
        values.put(SCAN_INTERVAL, Long.toString(config.scanNotActiveBrokerIntervalMs()));
        values.put(BROKER_EXPIRY, Long.toString(config.brokerExpiryMs()));
        values.put(ORDER_MESSAGE_ENABLE, Boolean.toString(config.orderMessageEnable()));
        values.put(RETURN_ORDER_TOPIC_CONFIG, Boolean.toString(config.returnOrderTopicConfigToBroker()));
        values.put(CLIENT_THREADS, Integer.toString(config.clientRequestThreads()));
        values.put(CLIENT_QUEUE, Integer.toString(config.clientRequestQueueCapacity()));
        values.put(DEFAULT_THREADS, Integer.toString(config.defaultThreads()));
        values.put(DEFAULT_QUEUE, Integer.toString(config.defaultQueueCapacity()));
        values.put(ENABLE_ALL_TOPIC_LIST, Boolean.toString(config.enableAllTopicList()));
        values.put(ENABLE_TOPIC_LIST, Boolean.toString(config.enableTopicList()));
        values.put(DELETE_TOPIC_WITH_REGISTRATION, Boolean.toString(config.deleteTopicWithBrokerRegistration()));
        values.put(CONFIG_BLACK_LIST, config.configBlackList());
        return values;
    }

    /** {@code key=value\n} per key, sorted, as RocketMQ's {@code MixAll.properties2String(…, true)} writes it. */
    public static String toPropertiesText(NamesrvConfig config) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> entry : toProperties(config).entrySet()) {
            text.append(entry.getKey()).append('=').append(entry.getValue()).append('\n');
        }
        return text.toString();
    }

    /** Whether {@code key} is one this mapper understands. */
    public static boolean isKnownKey(String key) {
        return toProperties(defaults("/")).containsKey(key);
    }

    private static NamesrvConfig build(Map<String, String> v) {
        String kvPath = v.get(KV_CONFIG_PATH);
        if (kvPath.isBlank()) {
            throw new ConfigException("invalid value '' for " + KV_CONFIG_PATH + ": must not be blank");
        }
        return new NamesrvConfig(
                intValue(v, LISTEN_PORT), v.get(BIND_ADDRESS), intValue(v, SELECTOR_THREADS),
                intValue(v, CHANNEL_IDLE_SECONDS), boolValue(v, USE_EPOLL), Path.of(kvPath),
                longValue(v, SCAN_INTERVAL), longValue(v, BROKER_EXPIRY), boolValue(v, ORDER_MESSAGE_ENABLE),
                boolValue(v, RETURN_ORDER_TOPIC_CONFIG), intValue(v, CLIENT_THREADS), intValue(v, CLIENT_QUEUE),
                intValue(v, DEFAULT_THREADS), intValue(v, DEFAULT_QUEUE), boolValue(v, ENABLE_ALL_TOPIC_LIST),
                boolValue(v, ENABLE_TOPIC_LIST), boolValue(v, DELETE_TOPIC_WITH_REGISTRATION),
                v.get(CONFIG_BLACK_LIST));
    }

    private static int intValue(Map<String, String> values, String key) {
        String text = values.get(key);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ConfigException("invalid value '" + text + "' for " + key + ": not an integer");
        }
    }

    private static long longValue(Map<String, String> values, String key) {
        String text = values.get(key);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ConfigException("invalid value '" + text + "' for " + key + ": not an integer");
        }
    }

    private static boolean boolValue(Map<String, String> values, String key) {
        String text = values.get(key);
        if ("true".equalsIgnoreCase(text)) {
            return true;
        }
        if ("false".equalsIgnoreCase(text)) {
            return false;
        }
        throw new ConfigException("invalid value '" + text + "' for " + key + ": expected true or false");
    }
}
