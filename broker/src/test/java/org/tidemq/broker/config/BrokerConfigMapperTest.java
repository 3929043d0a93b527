package org.tidemq.broker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tidemq.store.config.FlushDiskType;
import org.tidemq.store.config.StoreConfigMapper;

class BrokerConfigMapperTest {

    @TempDir
    Path home;

    private final Map<String, String> sysProps = new HashMap<>();
    private final Map<String, String> envVars = new HashMap<>();

    private BrokerEnvironment env() {
        return new BrokerEnvironment(sysProps::get, envVars::get, () -> "host-a", () -> "10.1.2.3", 2, home);
    }

    private static Properties props(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return p;
    }

    private BrokerConfigMapper.Result map(String text) {
        return BrokerConfigMapper.map(props(text), env());
    }

    @Test
    void emptyPropertiesGiveRocketMqDefaults() {
        BrokerConfigMapper.Result result = map("");
        BrokerConfig c = result.config();
        assertEquals(List.of(), result.warnings());
        assertEquals(new BrokerIdentityConfig("DefaultCluster", "host-a", 0, BrokerRole.ASYNC_MASTER, 6), c.identity());
        assertEquals(new BrokerNetworkConfig(List.of(), 10911, 10912, "10.1.2.3", "10.1.2.3"), c.network());
        assertEquals("10.1.2.3:10911", c.network().brokerAddr());
        assertEquals("10.1.2.3:10912", c.network().haServerAddr());
        assertEquals(new TopicGroupConfig(true, true, 8, true, true, false, "RMQ_SYS_TRACE_TOPIC"), c.topics());
        // 2 CPUs: send threads min(2, 4), pull threads 16 + 2 * 2.
        assertEquals(new FlowControlConfig(2, 20, 10_000, 100_000, 200, 5_000, true, 1_000, false, 40, 32, 262_144),
                c.flow());
        assertEquals(new NamesrvRegistrationConfig(30_000, true, 24_000), c.registration());
        assertEquals(new ReplicationConfig(null, 5_000, 20_000, 32_768, 268_435_456L, 3_000, 1, 1, 1, false, 60_000),
                c.replication());
        assertEquals(new TransactionConfig(6_000, 15, 60_000), c.transactions());
        assertEquals(18, c.messages().messageDelayLevel().maxLevel());
        assertEquals(10_000, c.messages().messageDelayLevel().delayMillisOf(3));
        assertEquals(7_200_000, c.messages().messageDelayLevel().delayMillisOf(18));
        assertEquals(7_200_000, c.messages().messageDelayLevel().delayMillisOf(40), "levels above max are clamped");
        assertFalse(c.messages().enablePropertyFilter());
        assertEquals(home.resolve("store"), c.store().storePathRootDir());
        assertEquals(4 * 1024 * 1024, c.store().maxMessageSizeBytes());
        assertEquals(40, c.effectiveAccessMessageInMemoryMaxRatio());
    }

    @Test
    void stockSlaveConfFileMaps() {
        // conf/2m-2s-async/broker-a-s.properties of RocketMQ 4.9.8 / 5.2.0, comments removed (facts §11).
        BrokerConfigMapper.Result result = map("""
                brokerClusterName=DefaultCluster
                brokerName=broker-a
                brokerId=1
                deleteWhen=04
                fileReservedTime=48
                brokerRole=SLAVE
                flushDiskType=ASYNC_FLUSH
                """);
        BrokerConfig c = result.config();
        assertEquals(List.of(), result.warnings());
        assertEquals(new BrokerIdentityConfig("DefaultCluster", "broker-a", 1, BrokerRole.SLAVE, 6), c.identity());
        assertFalse(c.identity().isMaster());
        assertEquals("04", c.store().retention().deleteWhen());
        assertEquals(48, c.store().retention().fileReservedTimeHours());
        assertEquals(FlushDiskType.ASYNC_FLUSH, c.store().flushDiskType());
        assertEquals(30, c.effectiveAccessMessageInMemoryMaxRatio(), "slaves use 10 points less");
    }

    @Test
    void stockMasterConfFilesMap() {
        // conf/broker.conf uses "key = value" spacing.
        BrokerConfig master = map("""
                brokerClusterName = DefaultCluster
                brokerName = broker-a
                brokerId = 0
                deleteWhen = 04
                fileReservedTime = 48
                brokerRole = ASYNC_MASTER
                flushDiskType = ASYNC_FLUSH
                """).config();
        assertEquals(new BrokerIdentityConfig("DefaultCluster", "broker-a", 0, BrokerRole.ASYNC_MASTER, 6),
                master.identity());
        BrokerConfig syncMaster = map("brokerName=broker-b\nbrokerId=0\nbrokerRole=SYNC_MASTER\n").config();
        assertEquals(BrokerRole.SYNC_MASTER, syncMaster.identity().brokerRole());
        assertEquals("broker-b", syncMaster.identity().brokerName());
    }

    @Test
    void masterBrokerIdIsForcedToZeroWithWarning() {
        BrokerConfigMapper.Result result = map("brokerRole=SYNC_MASTER\nbrokerId=3\n");
        assertEquals(0, result.config().identity().brokerId());
        assertEquals(List.of("brokerId 3 ignored: a SYNC_MASTER always has brokerId 0"), result.warnings());
    }

    @Test
    void slaveWithoutPositiveBrokerIdIsRefusedNamingTheKey() {
        BrokerConfigException e = assertThrows(BrokerConfigException.class, () -> map("brokerRole=SLAVE\n"));
        assertTrue(e.getMessage().contains("brokerId") && e.getMessage().contains("'0'"), e.getMessage());
        e = assertThrows(BrokerConfigException.class, () -> map("brokerRole=SLAVE\nbrokerId=-2\n"));
        assertTrue(e.getMessage().contains("brokerId") && e.getMessage().contains("'-2'"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "listenPort|70000", "listenPort|ten", "haListenPort|-1", "brokerPermission|9", "brokerRole|MASTER",
            "namesrvAddr|localhost", "namesrvAddr|b:0", "defaultTopicQueueNums|0", "msgTraceTopicName|bad$topic",
            "autoCreateTopicEnable|yes", "sendMessageThreadPoolNums|0", "pullThreadPoolQueueCapacity|-5",
            "waitTimeMillsInSendQueue|abc", "shortPollingTimeMills|0", "accessMessageInMemoryMaxRatio|101",
            "maxTransferBytesOnMessageInMemory|0", "registerBrokerTimeoutMills|0", "registerNameServerPeriod|x",
            "haMasterAddress|nohost", "haSendHeartbeatInterval|0", "haTransferBatchSize|0", "haMaxGapNotInSync|-1",
            "slaveTimeout|0", "totalReplicas|0", "inSyncReplicas|2", "minInSyncReplicas|0",
            "transactionTimeOut|0", "transactionCheckMax|0", "transactionCheckInterval|soon",
            "messageDelayLevel|1s 5x", "messageDelayLevel|0s", "enablePropertyFilter|1", "brokerId|one",
            "fileReservedTime|abc", "flushDiskType|FAST", "mappedFileSizeConsumeQueue|7", "deleteWhen|25",
            "listenPort|99999999999"})
    void everyInvalidValueIsRefusedNamingKeyAndValue(String key, String value) {
        Properties p = new Properties();
        p.setProperty(key, value);
        BrokerConfigException e = assertThrows(BrokerConfigException.class,
                () -> BrokerConfigMapper.map(p, env()));
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertTrue(e.getMessage().contains(value), e.getMessage());
    }

    @Test
    void blankNamesAreRefusedNamingTheKey() {
        for (String key : List.of("brokerClusterName", "brokerName", "brokerIP1", "brokerIP2")) {
            Properties p = new Properties();
            p.setProperty(key, "  ");
            BrokerConfigException e = assertThrows(BrokerConfigException.class, () -> BrokerConfigMapper.map(p, env()));
            assertTrue(e.getMessage().contains(key) && e.getMessage().contains("blank"), e.getMessage());
        }
    }

    @Test
    void namesrvAddrComesFromKeyThenSystemPropertyThenEnvironment() {
        envVars.put("NAMESRV_ADDR", "env-ns:9876");
        assertEquals(List.of("env-ns:9876"), map("").config().network().namesrvAddrs());

        sysProps.put("rocketmq.namesrv.addr", "prop-a:9876; prop-b:9877");
        assertEquals(List.of("prop-a:9876", "prop-b:9877"), map("").config().network().namesrvAddrs());

        BrokerNetworkConfig fromKey = map("namesrvAddr = a:9876;b:9876\n").config().network();
        assertEquals(List.of("a:9876", "b:9876"), fromKey.namesrvAddrs());
        assertEquals("a:9876;b:9876", fromKey.namesrvAddr());
    }

    @Test
    void derivedNetworkDefaultsFollowTheConfiguredValues() {
        BrokerNetworkConfig n = map("listenPort=20911\nbrokerIP1=192.0.2.7\n").config().network();
        assertEquals(20912, n.haListenPort());
        assertEquals("192.0.2.7", n.brokerIP2());
        BrokerNetworkConfig explicit = map("listenPort=20911\nhaListenPort=30000\nbrokerIP2=192.0.2.8\n").config().network();
        assertEquals(30000, explicit.haListenPort());
        assertEquals("192.0.2.8", explicit.brokerIP2());
        assertEquals(0, map("listenPort=0\n").config().network().haListenPort(), "ephemeral stays ephemeral");
    }

    @Test
    void registerPeriodIsClampedToTenToSixtySecondsWithWarning() {
        BrokerConfigMapper.Result low = map("registerNameServerPeriod=5000\n");
        assertEquals(10_000, low.config().registration().registerNameServerPeriodMs());
        assertEquals(List.of("registerNameServerPeriod 5000 clamped to 10000 (allowed 10000..60000 ms)"), low.warnings());
        assertEquals(60_000, map("registerNameServerPeriod=90000\n").config().registration().registerNameServerPeriodMs());
        assertEquals(45_000, map("registerNameServerPeriod=45000\n").config().registration().registerNameServerPeriodMs());
    }

    @Test
    void keyIsUnknownOnlyIfNeitherMapperKnowsIt() {
        BrokerConfigMapper.Result result = map("""
                brokerName=b
                storePathRootDir=/data/store
                maxMessageSize=1048576
                brokerNmae=typo
                aclEnable=false
                mapedFileSizeCommitLog=1073741824
                haSlaveFallbehindMax=1000
                """);
        assertEquals(List.of(
                "config key 'aclEnable' is not supported by TideMQ and is ignored",
                "unknown config key 'brokerNmae' is ignored",
                "Deprecated key 'haSlaveFallbehindMax' used; spell it 'haMaxGapNotInSync'",
                "Deprecated key 'mapedFileSizeCommitLog' used; spell it 'mappedFileSizeCommitLog' "
                        + "(RocketMQ 4.5.2+ ignores the old spelling)"), result.warnings());
        assertEquals(Path.of("/data/store"), result.config().store().storePathRootDir());
        assertEquals(1_048_576, result.config().store().maxMessageSizeBytes());
        assertEquals(1000, result.config().replication().haMaxGapNotInSyncBytes());
    }

    @Test
    void brokerKeysAndStoreKeysAreDisjoint() {
        Set<String> overlap = new TreeSet<>(BrokerConfigMapper.KEYS);
        overlap.retainAll(StoreConfigMapper.KEYS);
        assertEquals(Set.of(), overlap);
    }

    @Test
    void effectiveConfigIsSortedKeyValueLinesThatMapBackToTheSameConfig() {
        BrokerConfig config = map("""
                brokerName=broker-a
                brokerId=1
                brokerRole=SLAVE
                namesrvAddr=127.0.0.1:9876;127.0.0.2:9876
                haMasterAddress=127.0.0.1:10912
                fileReservedTime=48
                messageDelayLevel=1s 2m 3h 1d
                traceTopicEnable=true
                """).config();
        String text = BrokerConfigMapper.toPropertiesText(config);
        List<String> lines = text.lines().toList();
        assertEquals(lines.stream().sorted().toList(), lines, "sorted by key");
        assertTrue(lines.contains("brokerName=broker-a"));
        assertTrue(lines.contains("brokerId=1"));
        assertTrue(lines.contains("namesrvAddr=127.0.0.1:9876;127.0.0.2:9876"));
        assertTrue(lines.contains("messageDelayLevel=1s 2m 3h 1d"));
        assertTrue(lines.contains("fileReservedTime=48"));
        assertTrue(text.endsWith("\n"));

        Set<String> keys = BrokerConfigMapper.toProperties(config).keySet();
        Set<String> expected = new TreeSet<>(BrokerConfigMapper.KEYS);
        expected.addAll(StoreConfigMapper.KEYS);
        assertEquals(expected, keys, "every key both mappers read is reported");

        BrokerConfigMapper.Result again = BrokerConfigMapper.map(props(text), env());
        assertEquals(List.of(), again.warnings());
        assertEquals(config, again.config());
    }

    @Test
    void optionalUnsetKeysAreLeftOutOfTheEffectiveConfig() {
        Map<String, String> defaults = BrokerConfigMapper.toProperties(map("").config());
        assertFalse(defaults.containsKey("namesrvAddr"));
        assertFalse(defaults.containsKey("haMasterAddress"));
        assertEquals("10911", defaults.get("listenPort"));
    }
}
