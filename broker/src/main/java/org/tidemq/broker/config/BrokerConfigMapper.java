package org.tidemq.broker.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.tidemq.store.config.AppendLockType;
import org.tidemq.store.config.FlushConfig;
import org.tidemq.store.config.IndexConfig;
import org.tidemq.store.config.RetentionConfig;
import org.tidemq.store.config.StoreConfig;
import org.tidemq.store.config.StoreConfigMapper;

/**
 * The one place that maps RocketMQ {@code broker.properties} keys to a {@link BrokerConfig} and back.
 *
 * <p>Storage keys are delegated to {@link StoreConfigMapper}; a key is unknown only if neither mapper reads it, and
 * then yields a warning naming it (RocketMQ silently ignores it). A value that does not parse or is out of range
 * fails with a {@link BrokerConfigException} naming key and value (RocketMQ silently keeps the default, hiding
 * typos). Values are trimmed, as RocketMQ does.
 *
 * <p>Fallbacks as in RocketMQ's {@code BrokerStartup}: {@code namesrvAddr} from the system property
 * {@value #NAMESRV_ADDR_PROPERTY}, then the environment variable {@value #NAMESRV_ADDR_ENV}; a master's
 * {@code brokerId} is forced to 0; {@code registerNameServerPeriod} is clamped to 10..60 s; {@code haListenPort}
 * defaults to {@code listenPort + 1}; {@code brokerIP2} to {@code brokerIP1}. The queue-lock lease is read from the
 * system property {@value ConsumerLockConfig#LOCK_MAX_LIVE_TIME_PROPERTY}, as RocketMQ does.
 */
public final class BrokerConfigMapper {
    public static final String NAMESRV_ADDR_PROPERTY = "rocketmq.namesrv.addr";
    public static final String NAMESRV_ADDR_ENV = "NAMESRV_ADDR";

    static final String CLUSTER_NAME = "brokerClusterName";
    static final String BROKER_NAME = "brokerName";
    static final String BROKER_ID = "brokerId";
    static final String BROKER_ROLE = "brokerRole";
    static final String BROKER_PERMISSION = "brokerPermission";
    static final String NAMESRV_ADDR = "namesrvAddr";
    static final String LISTEN_PORT = "listenPort";
    static final String HA_LISTEN_PORT = "haListenPort";
    static final String BROKER_IP1 = "brokerIP1";
    static final String BROKER_IP2 = "brokerIP2";
    static final String AUTO_CREATE_TOPIC = "autoCreateTopicEnable";
    static final String AUTO_CREATE_GROUP = "autoCreateSubscriptionGroup";
    static final String DEFAULT_TOPIC_QUEUE_NUMS = "defaultTopicQueueNums";
    static final String CLUSTER_TOPIC = "clusterTopicEnable";
    static final String BROKER_TOPIC = "brokerTopicEnable";
    static final String TRACE_TOPIC = "traceTopicEnable";
    static final String TRACE_TOPIC_NAME = "msgTraceTopicName";
    static final String SEND_THREADS = "sendMessageThreadPoolNums";
    static final String PULL_THREADS = "pullMessageThreadPoolNums";
    static final String SEND_QUEUE = "sendThreadPoolQueueCapacity";
    static final String PULL_QUEUE = "pullThreadPoolQueueCapacity";
    static final String SEND_QUEUE_WAIT = "waitTimeMillsInSendQueue";
    static final String PULL_QUEUE_WAIT = "waitTimeMillsInPullQueue";
    static final String LONG_POLLING = "longPollingEnable";
    static final String SHORT_POLLING_MS = "shortPollingTimeMills";
    static final String SLAVE_READ = "slaveReadEnable";
    static final String ACCESS_RATIO = "accessMessageInMemoryMaxRatio";
    static final String MAX_TRANSFER_COUNT = "maxTransferCountOnMessageInMemory";
    static final String MAX_TRANSFER_BYTES = "maxTransferBytesOnMessageInMemory";
    static final String REGISTER_PERIOD = "registerNameServerPeriod";
    static final String FORCE_REGISTER = "forceRegister";
    static final String REGISTER_TIMEOUT = "registerBrokerTimeoutMills";
    static final String HA_MASTER_ADDRESS = "haMasterAddress";
    static final String HA_HEARTBEAT = "haSendHeartbeatInterval";
    static final String HA_HOUSEKEEPING = "haHousekeepingInterval";
    static final String HA_BATCH = "haTransferBatchSize";
    static final String HA_MAX_GAP = "haMaxGapNotInSync";
    static final String SLAVE_TIMEOUT = "slaveTimeout";
    static final String TOTAL_REPLICAS = "totalReplicas";
    static final String IN_SYNC_REPLICAS = "inSyncReplicas";
    static final String MIN_IN_SYNC_REPLICAS = "minInSyncReplicas";
    static final String HA_ACCEPT_UNIDENTIFIED = "haAcceptUnidentifiedSlaves";
    static final String HA_IDENTIFY_TIMEOUT = "haSlaveIdentifyTimeoutMs";
    static final String TX_TIMEOUT = "transactionTimeOut";
    static final String TX_CHECK_MAX = "transactionCheckMax";
    static final String TX_CHECK_INTERVAL = "transactionCheckInterval";
    static final String DELAY_LEVEL = "messageDelayLevel";
    static final String PROPERTY_FILTER = "enablePropertyFilter";
    static final String TIMER_WHEEL_ENABLE = "timerWheelEnable";
    static final String TIMER_MAX_DELAY_SEC = "timerMaxDelaySec";
    static final String TIMER_PRECISION_MS = "timerPrecisionMs";

    /** Every current key this mapper reads (storage keys excluded: {@link StoreConfigMapper#KEYS}). */
    public static final Set<String> KEYS = Set.of(CLUSTER_NAME, BROKER_NAME, BROKER_ID, BROKER_ROLE,
            BROKER_PERMISSION, NAMESRV_ADDR, LISTEN_PORT, HA_LISTEN_PORT, BROKER_IP1, BROKER_IP2, AUTO_CREATE_TOPIC,
            AUTO_CREATE_GROUP, DEFAULT_TOPIC_QUEUE_NUMS, CLUSTER_TOPIC, BROKER_TOPIC, TRACE_TOPIC, TRACE_TOPIC_NAME,
            SEND_THREADS, PULL_THREADS, SEND_QUEUE, PULL_QUEUE, SEND_QUEUE_WAIT, PULL_QUEUE_WAIT, LONG_POLLING,
            SHORT_POLLING_MS, SLAVE_READ, ACCESS_RATIO, MAX_TRANSFER_COUNT, MAX_TRANSFER_BYTES, REGISTER_PERIOD,
            FORCE_REGISTER, REGISTER_TIMEOUT, HA_MASTER_ADDRESS, HA_HEARTBEAT, HA_HOUSEKEEPING, HA_BATCH, HA_MAX_GAP,
            SLAVE_TIMEOUT, TOTAL_REPLICAS, IN_SYNC_REPLICAS, MIN_IN_SYNC_REPLICAS, HA_ACCEPT_UNIDENTIFIED,
            HA_IDENTIFY_TIMEOUT, TX_TIMEOUT, TX_CHECK_MAX,
            TX_CHECK_INTERVAL, DELAY_LEVEL, PROPERTY_FILTER, TIMER_WHEEL_ENABLE, TIMER_MAX_DELAY_SEC,
            TIMER_PRECISION_MS);

    /** 4.x spelling → current key; the current key wins when both are set. */
    static final Map<String, String> ALIASES = Map.of("haSlaveFallbehindMax", HA_MAX_GAP);

    /** RocketMQ keys TideMQ knows but does not implement: accepted with a warning saying so. */
    static final Set<String> UNSUPPORTED = Set.of("rocketmqHome", "aclEnable", "compressedRegister",
            "enableDLegerCommitLog", "enableControllerMode", "fetchNamesrvAddrByAddressServer", "enableSlaveActingMaster");

    /** A valid configuration and one warning per ignored, clamped or deprecated key. */
    public record Result(BrokerConfig config, List<String> warnings) {
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    private BrokerConfigMapper() {
    }

    /** Whether this mapper or {@link StoreConfigMapper} reads {@code key}. */
    public static boolean isKnownKey(String key) {
        return KEYS.contains(key) || ALIASES.containsKey(key) || StoreConfigMapper.isStoreKey(key);
    }

    /** {@link #map(Properties, BrokerEnvironment)} in the running JVM's environment. */
    public static Result map(Properties properties) {
        return map(properties, BrokerEnvironment.system());
    }

    /** Defaults overlaid with {@code properties}; fails naming the first invalid key and its value. */
    public static Result map(Properties properties, BrokerEnvironment env) {
        Map<String, String> raw = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            raw.put(key, properties.getProperty(key));
        }
        List<String> warnings = new ArrayList<>();
        for (String key : new TreeSet<>(raw.keySet())) {
            if (UNSUPPORTED.contains(key)) {
                warnings.add("config key '" + key + "' is not supported by TideMQ and is ignored");
            } else if (!isKnownKey(key)) {
                warnings.add("unknown config key '" + key + "' is ignored");
            }
        }
        Values v = new Values(resolveAliases(raw, warnings));

        BrokerRole role = v.role(BROKER_ROLE, BrokerRole.ASYNC_MASTER);
        long brokerId = v.longValue(BROKER_ID, BrokerIdentityConfig.MASTER_ID);
        if (role.isMaster() && brokerId != BrokerIdentityConfig.MASTER_ID) {
            warnings.add("brokerId " + brokerId + " ignored: a " + role + " always has brokerId 0");
            brokerId = BrokerIdentityConfig.MASTER_ID;
        }
        BrokerIdentityConfig identity = new BrokerIdentityConfig(
                v.string(CLUSTER_NAME, BrokerIdentityConfig.DEFAULT_CLUSTER_NAME),
                v.stringOrElse(BROKER_NAME, env.localHostName()), brokerId, role,
                v.intValue(BROKER_PERMISSION, 6));

        int listenPort = v.intValue(LISTEN_PORT, BrokerNetworkConfig.DEFAULT_LISTEN_PORT);
        String brokerIP1 = v.stringOrElse(BROKER_IP1, env.localAddress());
        BrokerNetworkConfig network = new BrokerNetworkConfig(namesrvAddrs(v, env), listenPort,
                v.intValue(HA_LISTEN_PORT, listenPort == 0 ? 0 : listenPort + 1), brokerIP1,
                v.string(BROKER_IP2, brokerIP1));

        TopicGroupConfig t = TopicGroupConfig.defaults();
        TopicGroupConfig topics = new TopicGroupConfig(v.bool(AUTO_CREATE_TOPIC, t.autoCreateTopicEnable()),
                v.bool(AUTO_CREATE_GROUP, t.autoCreateSubscriptionGroup()),
                v.intValue(DEFAULT_TOPIC_QUEUE_NUMS, t.defaultTopicQueueNums()),
                v.bool(CLUSTER_TOPIC, t.clusterTopicEnable()), v.bool(BROKER_TOPIC, t.brokerTopicEnable()),
                v.bool(TRACE_TOPIC, t.traceTopicEnable()), v.string(TRACE_TOPIC_NAME, t.msgTraceTopicName()));

        FlowControlConfig f = FlowControlConfig.defaults(env.availableProcessors());
        FlowControlConfig flow = new FlowControlConfig(v.intValue(SEND_THREADS, f.sendMessageThreadPoolNums()),
                v.intValue(PULL_THREADS, f.pullMessageThreadPoolNums()),
                v.intValue(SEND_QUEUE, f.sendThreadPoolQueueCapacity()),
                v.intValue(PULL_QUEUE, f.pullThreadPoolQueueCapacity()),
                v.longValue(SEND_QUEUE_WAIT, f.waitTimeMillsInSendQueue()),
                v.longValue(PULL_QUEUE_WAIT, f.waitTimeMillsInPullQueue()),
                v.bool(LONG_POLLING, f.longPollingEnable()), v.longValue(SHORT_POLLING_MS, f.shortPollingTimeMills()),
                v.bool(SLAVE_READ, f.slaveReadEnable()), v.intValue(ACCESS_RATIO, f.accessMessageInMemoryMaxRatio()),
                v.intValue(MAX_TRANSFER_COUNT, f.maxTransferCountOnMessageInMemory()),
                v.intValue(MAX_TRANSFER_BYTES, f.maxTransferBytesOnMessageInMemory()));

        NamesrvRegistrationConfig r = NamesrvRegistrationConfig.defaults();
        int period = v.intValue(REGISTER_PERIOD, r.registerNameServerPeriodMs());
        int clamped = Math.max(NamesrvRegistrationConfig.MIN_REGISTER_PERIOD_MS,
                Math.min(period, NamesrvRegistrationConfig.MAX_REGISTER_PERIOD_MS));
        if (clamped != period) {
            warnings.add(REGISTER_PERIOD + " " + period + " clamped to " + clamped + " (allowed 10000..60000 ms)");
        }
        NamesrvRegistrationConfig registration = new NamesrvRegistrationConfig(clamped,
                v.bool(FORCE_REGISTER, r.forceRegister()),
                v.intValue(REGISTER_TIMEOUT, r.registerBrokerTimeoutMills()));

        ReplicationConfig h = ReplicationConfig.defaults();
        ReplicationConfig replication = new ReplicationConfig(v.optionalString(HA_MASTER_ADDRESS),
                v.intValue(HA_HEARTBEAT, h.haSendHeartbeatIntervalMs()),
                v.intValue(HA_HOUSEKEEPING, h.haHousekeepingIntervalMs()),
                v.intValue(HA_BATCH, h.haTransferBatchSizeBytes()),
                v.longValue(HA_MAX_GAP, h.haMaxGapNotInSyncBytes()),
                v.intValue(SLAVE_TIMEOUT, h.slaveTimeoutMs()),
                v.intValue(TOTAL_REPLICAS, h.totalReplicas()),
                v.intValue(IN_SYNC_REPLICAS, h.inSyncReplicas()),
                v.intValue(MIN_IN_SYNC_REPLICAS, h.minInSyncReplicas()),
                v.bool(HA_ACCEPT_UNIDENTIFIED, h.haAcceptUnidentifiedSlaves()),
                v.intValue(HA_IDENTIFY_TIMEOUT, h.haSlaveIdentifyTimeoutMs()));

        TransactionConfig x = TransactionConfig.defaults();
        TransactionConfig transactions = new TransactionConfig(v.longValue(TX_TIMEOUT, x.transactionTimeOutMs()),
                v.intValue(TX_CHECK_MAX, x.transactionCheckMax()),
                v.longValue(TX_CHECK_INTERVAL, x.transactionCheckIntervalMs()));

        TimerConfig tm = TimerConfig.defaults();
        TimerConfig timer = new TimerConfig(v.bool(TIMER_WHEEL_ENABLE, tm.timerWheelEnable()),
                v.longValue(TIMER_MAX_DELAY_SEC, tm.timerMaxDelaySec()),
                v.intValue(TIMER_PRECISION_MS, tm.timerPrecisionMs()));
        MessageFeatureConfig messages = new MessageFeatureConfig(
                DelayLevels.parse(v.string(DELAY_LEVEL, DelayLevels.DEFAULT)), v.bool(PROPERTY_FILTER, false),
                timer);

        StoreConfig store;
        try {
            store = StoreConfigMapper.map(HomeRelativePaths.expand(v.raw(), env.userHome()),
                    env.userHome().resolve("store"), warnings::add);
        } catch (BrokerConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new BrokerConfigException(e.getMessage(), e);
        }
        return new Result(new BrokerConfig(identity, network, topics, flow, registration, replication,
                transactions, messages, store, lockConfig(env)), warnings);
    }

    /**
     * The effective configuration, every key with its value sorted by key, unset optional keys left out: what
     * {@code mqbroker -p} prints and GET_BROKER_CONFIG returns. Mapping it again gives an equal config.
     */
    public static Map<String, String> toProperties(BrokerConfig config) {
        Map<String, String> p = new TreeMap<>();
        BrokerIdentityConfig id = config.identity();
        p.put(CLUSTER_NAME, id.brokerClusterName());
        p.put(BROKER_NAME, id.brokerName());
        p.put(BROKER_ID, Long.toString(id.brokerId()));
        p.put(BROKER_ROLE, id.brokerRole().name());
        p.put(BROKER_PERMISSION, Integer.toString(id.brokerPermission()));
        BrokerNetworkConfig n = config.network();
        if (!n.namesrvAddrs().isEmpty()) {
            p.put(NAMESRV_ADDR, n.namesrvAddr());
        }
        p.put(LISTEN_PORT, Integer.toString(n.listenPort()));
        p.put(HA_LISTEN_PORT, Integer.toString(n.haListenPort()));
        p.put(BROKER_IP1, n.brokerIP1());
        p.put(BROKER_IP2, n.brokerIP2());
        TopicGroupConfig t = config.topics();
        p.put(AUTO_CREATE_TOPIC, Boolean.toString(t.autoCreateTopicEnable()));
        p.put(AUTO_CREATE_GROUP, Boolean.toString(t.autoCreateSubscriptionGroup()));
        p.put(DEFAULT_TOPIC_QUEUE_NUMS, Integer.toString(t.defaultTopicQueueNums()));
        p.put(CLUSTER_TOPIC, Boolean.toString(t.clusterTopicEnable()));
        p.put(BROKER_TOPIC, Boolean.toString(t.brokerTopicEnable()));
        p.put(TRACE_TOPIC, Boolean.toString(t.traceTopicEnable()));
        p.put(TRACE_TOPIC_NAME, t.msgTraceTopicName());
        FlowControlConfig f = config.flow();
        p.put(SEND_THREADS, Integer.toString(f.sendMessageThreadPoolNums()));
        p.put(PULL_THREADS, Integer.toString(f.pullMessageThreadPoolNums()));
        p.put(SEND_QUEUE, Integer.toString(f.sendThreadPoolQueueCapacity()));
        p.put(PULL_QUEUE, Integer.toString(f.pullThreadPoolQueueCapacity()));
        p.put(SEND_QUEUE_WAIT, Long.toString(f.waitTimeMillsInSendQueue()));
        p.put(PULL_QUEUE_WAIT, Long.toString(f.waitTimeMillsInPullQueue()));
        p.put(LONG_POLLING, Boolean.toString(f.longPollingEnable()));
        p.put(SHORT_POLLING_MS, Long.toString(f.shortPollingTimeMills()));
        p.put(SLAVE_READ, Boolean.toString(f.slaveReadEnable()));
        p.put(ACCESS_RATIO, Integer.toString(f.accessMessageInMemoryMaxRatio()));
        p.put(MAX_TRANSFER_COUNT, Integer.toString(f.maxTransferCountOnMessageInMemory()));
        p.put(MAX_TRANSFER_BYTES, Integer.toString(f.maxTransferBytesOnMessageInMemory()));
        NamesrvRegistrationConfig r = config.registration();
        p.put(REGISTER_PERIOD, Integer.toString(r.registerNameServerPeriodMs()));
        p.put(FORCE_REGISTER, Boolean.toString(r.forceRegister()));
        p.put(REGISTER_TIMEOUT, Integer.toString(r.registerBrokerTimeoutMills()));
        ReplicationConfig h = config.replication();
        if (h.haMasterAddress() != null) {
            p.put(HA_MASTER_ADDRESS, h.haMasterAddress());
        }
        p.put(HA_HEARTBEAT, Integer.toString(h.haSendHeartbeatIntervalMs()));
        p.put(HA_HOUSEKEEPING, Integer.toString(h.haHousekeepingIntervalMs()));
        p.put(HA_BATCH, Integer.toString(h.haTransferBatchSizeBytes()));
        p.put(HA_MAX_GAP, Long.toString(h.haMaxGapNotInSyncBytes()));
        p.put(SLAVE_TIMEOUT, Integer.toString(h.slaveTimeoutMs()));
        p.put(TOTAL_REPLICAS, Integer.toString(h.totalReplicas()));
        p.put(IN_SYNC_REPLICAS, Integer.toString(h.inSyncReplicas()));
        p.put(MIN_IN_SYNC_REPLICAS, Integer.toString(h.minInSyncReplicas()));
        p.put(HA_ACCEPT_UNIDENTIFIED, Boolean.toString(h.haAcceptUnidentifiedSlaves()));
        p.put(HA_IDENTIFY_TIMEOUT, Integer.toString(h.haSlaveIdentifyTimeoutMs()));
        TransactionConfig x = config.transactions();
        p.put(TX_TIMEOUT, Long.toString(x.transactionTimeOutMs()));
        p.put(TX_CHECK_MAX, Integer.toString(x.transactionCheckMax()));
        p.put(TX_CHECK_INTERVAL, Long.toString(x.transactionCheckIntervalMs()));
        p.put(DELAY_LEVEL, config.messages().messageDelayLevel().text());
        p.put(PROPERTY_FILTER, Boolean.toString(config.messages().enablePropertyFilter()));
        TimerConfig tm = config.messages().timer();
        p.put(TIMER_WHEEL_ENABLE, Boolean.toString(tm.timerWheelEnable()));
        p.put(TIMER_MAX_DELAY_SEC, Long.toString(tm.timerMaxDelaySec()));
        p.put(TIMER_PRECISION_MS, Integer.toString(tm.timerPrecisionMs()));
        putStoreKeys(p, config.store());
        return p;
    }

    /** {@code key=value\n} per key, sorted: the body of GET_BROKER_CONFIG and the output of {@code mqbroker -p}. */
    public static String toPropertiesText(BrokerConfig config) {
        return toProperties(config).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue() + "\n")
                .collect(Collectors.joining());
    }

    private static void putStoreKeys(Map<String, String> p, StoreConfig s) {
        p.put("storePathRootDir", s.storePathRootDir().toString());
        p.put("storePathCommitLog", s.storePathCommitLog().toString());
        p.put("mappedFileSizeCommitLog", Integer.toString(s.mappedFileSizeCommitLogBytes()));
        p.put("mappedFileSizeConsumeQueue", Integer.toString(s.mappedFileSizeConsumeQueueBytes()));
        p.put("maxMessageSize", Integer.toString(s.maxMessageSizeBytes()));
        p.put("warmMapedFileEnable", Boolean.toString(s.warmMappedFileEnable()));
        p.put("useReentrantLockWhenPutMessage", Boolean.toString(s.appendLockType() == AppendLockType.REENTRANT));
        p.put("osPageCacheBusyTimeOutMills", Integer.toString(s.osPageCacheBusyTimeoutMs()));
        FlushConfig fl = s.flush();
        p.put("flushDiskType", fl.flushDiskType().name());
        p.put("flushIntervalCommitLog", Integer.toString(fl.flushIntervalCommitLogMs()));
        p.put("flushCommitLogLeastPages", Integer.toString(fl.flushCommitLogLeastPages()));
        p.put("flushCommitLogThoroughInterval", Integer.toString(fl.flushCommitLogThoroughIntervalMs()));
        p.put("syncFlushTimeout", Integer.toString(fl.syncFlushTimeoutMs()));
        p.put("flushIntervalConsumeQueue", Integer.toString(fl.flushIntervalConsumeQueueMs()));
        p.put("flushConsumeQueueLeastPages", Integer.toString(fl.flushConsumeQueueLeastPages()));
        p.put("flushConsumeQueueThoroughInterval", Integer.toString(fl.flushConsumeQueueThoroughIntervalMs()));
        IndexConfig ix = s.index();
        p.put("messageIndexEnable", Boolean.toString(ix.messageIndexEnable()));
        p.put("maxHashSlotNum", Integer.toString(ix.maxHashSlotNum()));
        p.put("maxIndexNum", Integer.toString(ix.maxIndexNum()));
        RetentionConfig rt = s.retention();
        p.put("deleteWhen", rt.deleteWhen());
        p.put("fileReservedTime", Integer.toString(rt.fileReservedTimeHours()));
        p.put("diskMaxUsedSpaceRatio", Integer.toString(rt.diskMaxUsedSpaceRatioPercent()));
        p.put("diskSpaceCleanForciblyRatio", Integer.toString(rt.diskSpaceCleanForciblyRatioPercent()));
        p.put("cleanResourceInterval", Integer.toString(rt.cleanResourceIntervalMs()));
        p.put("deleteCommitLogFilesInterval", Integer.toString(rt.deleteCommitLogFilesIntervalMs()));
        p.put("cleanFileForciblyEnable", Boolean.toString(rt.cleanFileForciblyEnable()));
        p.put("deleteFileBatchMax", Integer.toString(rt.deleteFilesBatchMax()));
    }

    /** The lock lease comes from a JVM system property in RocketMQ, not from broker.properties. */
    private static ConsumerLockConfig lockConfig(BrokerEnvironment env) {
        String value = blankToNull(env.systemProperty().apply(ConsumerLockConfig.LOCK_MAX_LIVE_TIME_PROPERTY));
        if (value == null) {
            return ConsumerLockConfig.defaults();
        }
        try {
            return new ConsumerLockConfig(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new BrokerConfigException("invalid value '" + value + "' for system property "
                    + ConsumerLockConfig.LOCK_MAX_LIVE_TIME_PROPERTY + ": not an integer");
        }
    }

    private static List<String> namesrvAddrs(Values v, BrokerEnvironment env) {
        String configured = v.optionalString(NAMESRV_ADDR);
        if (configured == null) {
            configured = blankToNull(env.systemProperty().apply(NAMESRV_ADDR_PROPERTY));
        }
        if (configured == null) {
            configured = blankToNull(env.environmentVariable().apply(NAMESRV_ADDR_ENV));
        }
        if (configured == null) {
            return List.of();
        }
        return Stream.of(configured.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Map<String, String> resolveAliases(Map<String, String> raw, List<String> warnings) {
        Map<String, String> resolved = new HashMap<>(raw);
        for (Map.Entry<String, String> alias : new TreeMap<>(ALIASES).entrySet()) {
            String value = resolved.remove(alias.getKey());
            if (value == null) {
                continue;
            }
            if (resolved.containsKey(alias.getValue())) {
                warnings.add("Deprecated key '" + alias.getKey() + "' ignored: '" + alias.getValue() + "' is also set");
            } else {
                warnings.add("Deprecated key '" + alias.getKey() + "' used; spell it '" + alias.getValue() + "'");
                resolved.put(alias.getValue(), value);
            }
        }
        return resolved;
    }

    /** Typed, trimmed access that names key and value in every error. */
    private record Values(Map<String, String> raw) {

        String optionalString(String key) {
            String value = raw.get(key);
            return value == null || value.isBlank() ? null : value.trim();
        }

        String string(String key, String fallback) {
            String value = raw.get(key);
            return value == null ? fallback : value.trim();
        }

        /** As {@link #string(String, String)}; the fallback (a host lookup) is computed only when the key is absent. */
        String stringOrElse(String key, Supplier<String> fallback) {
            String value = raw.get(key);
            return value == null ? fallback.get() : value.trim();
        }

        int intValue(String key, int fallback) {
            long value = longValue(key, fallback);
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                throw new BrokerConfigException("invalid value '" + raw.get(key).trim() + "' for " + key
                        + ": out of int range");
            }
            return (int) value;
        }

        long longValue(String key, long fallback) {
            String value = string(key, null);
            if (value == null) {
                return fallback;
            }
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new BrokerConfigException("invalid value '" + value + "' for " + key + ": not an integer");
            }
        }

        boolean bool(String key, boolean fallback) {
            String value = string(key, null);
            if (value == null) {
                return fallback;
            }
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new BrokerConfigException("invalid value '" + value + "' for " + key
                        + ": expected true or false");
            };
        }

        BrokerRole role(String key, BrokerRole fallback) {
            String value = string(key, null);
            if (value == null) {
                return fallback;
            }
            try {
                return BrokerRole.valueOf(value);
            } catch (IllegalArgumentException e) {
                throw new BrokerConfigException("invalid value '" + value + "' for " + key + ": expected one of "
                        + Arrays.toString(BrokerRole.values()));
            }
        }
    }
}
