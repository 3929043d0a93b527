package org.tidemq.namesrv.route;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.tidemq.common.protocol.BrokerData;
import org.tidemq.common.protocol.ClusterInfo;
import org.tidemq.common.protocol.DataVersion;
import org.tidemq.common.protocol.Perm;
import org.tidemq.common.protocol.QueueData;
import org.tidemq.common.protocol.RegisterBrokerResult;
import org.tidemq.common.protocol.TopicConfig;
import org.tidemq.common.protocol.TopicConfigSerializeWrapper;
import org.tidemq.common.protocol.TopicFilterType;
import org.tidemq.common.protocol.TopicRouteData;
import org.tidemq.common.protocol.TopicSysFlag;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tidemq.namesrv.route.Registrations.bareBroker;
import static org.tidemq.namesrv.route.Registrations.broker;
import static org.tidemq.namesrv.route.Registrations.legacyBroker;

class RouteRegistryTest {
    private static final String MASTER = "10.0.0.1:10911";
    private static final String SLAVE = "10.0.0.2:10911";
    private static final DataVersion V1 = new DataVersion(0, 1_000, 1);
    private static final DataVersion V2 = new DataVersion(0, 2_000, 2);

    private final AtomicLong now = new AtomicLong(1_000_000);
    private RegistryPolicy policy = RegistryPolicy.DEFAULT;
    private final RouteRegistry registry = new RouteRegistry(now::get, () -> policy);

    private static TopicConfig topic(String name, int queues, int perm) {
        return new TopicConfig(name, queues, queues, perm);
    }

    @Test
    void routeAssemblesMasterAndSlaveButOnlyMasterContributesTopics() {
        registry.register(broker("c1", "broker-a", 0, MASTER, V1, topic("TopicA", 4, 6), topic("c1", 16, 7)), null);
        // The slave reports different queue counts and an extra topic: both must be ignored.
        registry.register(broker("c1", "broker-a", 1, SLAVE, V2, topic("TopicA", 8, 6), topic("SlaveOnly", 1, 6)), null);

        TopicRouteData route = registry.route("TopicA");
        assertEquals(List.of(new QueueData("broker-a", 4, 4, 6, 0)), route.queueDatas());
        assertEquals(List.of(new BrokerData("c1", "broker-a", new TreeMap<>(Map.of(0L, MASTER, 1L, SLAVE)), null, false)),
                route.brokerDatas());
        assertNull(registry.route("SlaveOnly"));
        assertNull(registry.route("Unknown"));
        assertEquals(Set.of("TopicA", "c1", "broker-a"), registry.allTopics().topicList());
    }

    @Test
    void routeSpansBrokerNamesSortedByName() {
        registry.register(broker("c1", "broker-b", 0, "10.0.0.3:10911", V1, topic("T", 2, 6)), null);
        registry.register(broker("c1", "broker-a", 0, MASTER, V1, topic("T", 4, 6)), null);
        TopicRouteData route = registry.route("T");
        assertEquals(List.of("broker-a", "broker-b"), route.queueDatas().stream().map(QueueData::brokerName).toList());
        assertEquals(List.of("broker-a", "broker-b"), route.brokerDatas().stream().map(BrokerData::brokerName).toList());
    }

    @Test
    void slaveLearnsLiveMasterAddresses() {
        RegisterBrokerResult beforeMaster = registry.register(broker("c1", "broker-a", 1, SLAVE, V1), null);
        assertEquals(RegisterBrokerResult.NONE, beforeMaster);
        assertEquals(RegisterBrokerResult.NONE, registry.register(broker("c1", "broker-a", 0, MASTER, V1), null));
        RegisterBrokerResult slave = registry.register(broker("c1", "broker-a", 1, SLAVE, V1), null);
        assertEquals(new RegisterBrokerResult("10.0.0.1:10912", MASTER), slave);
    }

    @Test
    void topicConfigsApplyOnlyWhenDataVersionChangesOrTopicIsNew() {
        registry.register(broker("c1", "broker-a", 0, MASTER, V1, topic("T", 4, 6)), null);
        // Same version, changed config: ignored (a broker bumps its DataVersion with every topic change).
        registry.register(broker("c1", "broker-a", 0, MASTER, V1, topic("T", 8, 6), topic("New", 2, 6)), null);
        assertEquals(4, registry.route("T").queueDatas().get(0).readQueueNums());
        assertEquals(2, registry.route("New").queueDatas().get(0).readQueueNums(), "a topic with no queue data yet is always added");
        // New version: applied.
        registry.register(broker("c1", "broker-a", 0, MASTER, V2, topic("T", 8, 6), topic("New", 2, 6)), null);
        assertEquals(8, registry.route("T").queueDatas().get(0).readQueueNums());
    }

    @Test
    void topicsMissingFromLaterRegistrationStayUnlessPolicySaysDelete() {
        registry.register(broker("c1", "broker-a", 0, MASTER, V1, topic("Keep", 1, 6), topic("Gone", 1, 6)), null);
        registry.register(broker("c1", "broker-a", 0, MASTER, V2, topic("Keep", 1, 6)), null);
        assertTrue(registry.allTopics().topicList().contains("Gone"));
        policy = new RegistryPolicy(120_000, true);
        registry.register(broker("c1", "broker-a", 0, MASTER, new DataVersion(0, 3_000, 3), topic("Keep", 1, 6)), null);
        assertEquals(Set.of("Keep", "c1", "broker-a"), registry.allTopics().topicList());
    }

    @Test
    void addressReRegisteringUnderNewIdReplacesItsOldEntry() {
        registry.register(broker("c1", "broker-a", 0, MASTER, V1, topic("T", 4, 6)), null);
        registry.register(broker("c1", "broker-a", 1, SLAVE, V1), null);
        // Master gone; the slave is promoted and registers as id 0 from the same address.
        registry.unregister("c1", MASTER, "broker-a");
        registry.register(broker("c1", "broker-a", 0, SLAVE, V2, topic("T", 4, 6)), null);
        assertEquals(Map.of(0L, SLAVE), registry.clusterInfo().brokerAddrTable().get("broker-a").brokerAddrs());
    }

    @Test
    void refusesSingleTopicRegistrationBeforeFullRegistration() {
        assertNull(registry.register(bareBroker("c1", "broker-a", 0, MASTER, V1, topic("Only", 1, 6)), null));
        assertNull(registry.route("Only"));
        assertNotEquals(null, registry.register(bareBroker("c1", "broker-a", 0, MASTER, V1, topic("A", 1, 6), topic("B", 1, 6)), null));
        assertEquals(RegisterBrokerResult.NONE, registry.register(bareBroker("c1", "broker-a", 0, MASTER, V2, topic("Only", 1, 6)), null));
        assertEquals(1, registry.route("Only").queueDatas().size());
    }

    @Test
    void olderStateVersionCannotTakeOverALiveId() {
        registry.register(broker("c1", "broker-a", 0, MASTER, new DataVersion(5, 1, 1)), null);
        registry.register(broker("c1", "broker-a", 0, "10.0.0.9:10911", new DataVersion(4, 1, 1)), null);
        assertEquals(Map.of(0L, MASTER), registry.clusterInfo().brokerAddrTable().get("broker-a").brokerAddrs());
        assertEquals(Set.of(new BrokerAddress("c1", MASTER)), registry.liveBrokers());
    }

    @Test
    void unregisteringLastMemberRemovesBrokerNameClusterAndTopics() {
        registry.register(broker("c1", "broker-a", 0, MASTER, V1, topic("T", 4, 6)), null);
        registry.register(broker("c1", "broker-a", 1, SLAVE, V1), null);
        registry.register(broker("c1", "broker-b", 0, "10.0.0.3:10911", V1, topic("T", 2, 6), topic("OnlyB", 1, 6)), null);

        registry.unregister("c1", MASTER, "broker-a");
        assertEquals(Map.of(1L, SLAVE), registry.route("T").brokerDatas().get(0).brokerAddrs(),
                "queue data stays while a slave is left");
        registry.unregister("c1", SLAVE, "broker-a");
        assertEquals(List.of("broker-b"), registry.route("T").brokerDatas().stream().map(BrokerData::brokerName).toList());
        assertEquals(Map.of("c1", Set.of("broker-b")), registry.clusterInfo().clusterAddrTable());

        registry.unregister("c1", "10.0.0.3:10911", "broker-b");
        assertNull(registry.route("T"));
        assertEquals(Set.of(), registry.allTopics().topicList(), "cluster and broker-name topics went with their brokers");
        assertEquals(Map.of(), registry.clusterInfo().clusterAddrTable());
    }

    @Test
    void silentBrokersExpireByInjectedClock() {
        registry.register(broker("c1", "broker-a", 0, MASTER, V1, topic("T", 4, 6)), null);
        registry.register(new BrokerRegistration("c1", SLAVE, "broker-a", 1, null, null, 10_000L, false,
                null, List.of()), null);

        now.addAndGet(100_000);
        assertTrue(registry.touch("c1", MASTER));
        assertEquals(List.of(new BrokerAddress("c1", SLAVE)),
                registry.expireInactive(now.get()).stream().map(ExpiredBroker::address).toList(),
                "the slave registered its own 10 s timeout");

        now.addAndGet(120_000);
        assertEquals(List.of(), registry.expireInactive(now.get()), "exactly 120 s of silence is still alive");
        now.addAndGet(1);
        List<ExpiredBroker> expired = registry.expireInactive(now.get());
        assertEquals(List.of(new BrokerAddress("c1", MASTER)), expired.stream().map(ExpiredBroker::address).toList());
        assertEquals(120_001, expired.get(0).silentForMillis());
        assertNull(registry.route("T"));
        assertEquals(Set.of(), registry.liveBrokers());
        assertFalse(registry.touch("c1", MASTER));
    }

    @Test
    void queryDataVersionRefreshesLiveness() {
        registry.register(broker("c1", "broker-a", 0, MASTER, V1), null);
        now.addAndGet(110_000);
        DataVersionCheck same = registry.checkDataVersion("c1", MASTER, V1);
        assertEquals(new DataVersionCheck(false, V1), same);
        assertEquals(new DataVersionCheck(true, V1), registry.checkDataVersion("c1", MASTER, V2));
        assertEquals(new DataVersionCheck(true, null), registry.checkDataVersion("c1", "1.1.1.1:1", V1));
        now.addAndGet(110_000);
        assertEquals(List.of(), registry.expireInactive(now.get()));
    }

    @Test
    void closedChannelDropsEveryBrokerRegisteredOverIt() {
        EmbeddedChannel shared = new EmbeddedChannel();
        EmbeddedChannel other = new EmbeddedChannel();
        registry.register(broker("c1", "broker-a", 0, MASTER, V1, topic("T", 4, 6)), shared);
        registry.register(broker("c1", "broker-a", 1, SLAVE, V1), shared);
        registry.register(broker("c1", "broker-b", 0, "10.0.0.3:10911", V1, topic("T", 2, 6)), other);

        List<BrokerAddress> dropped = registry.onChannelClosed(shared);
        assertEquals(Set.of(new BrokerAddress("c1", MASTER), new BrokerAddress("c1", SLAVE)), Set.copyOf(dropped));
        assertEquals(Set.of(new BrokerAddress("c1", "10.0.0.3:10911")), registry.liveBrokers());
        assertEquals(List.of("broker-b"), registry.route("T").brokerDatas().stream().map(BrokerData::brokerName).toList());
        assertEquals(List.of(), registry.onChannelClosed(new EmbeddedChannel()));
    }

    @Test
    void generationChangesOnlyWithRoutes() {
        long start = registry.generation();
        registry.register(broker("c1", "broker-a", 0, MASTER, V1, topic("T", 4, 6)), null);
        long afterFirst = registry.generation();
        assertNotEquals(start, afterFirst);
        registry.register(broker("c1", "broker-a", 0, MASTER, V1, topic("T", 4, 6)), null);
        registry.touch("c1", MASTER);
        assertEquals(afterFirst, registry.generation(), "a heartbeat re-registration changes no route");
        registry.wipeWritePerm("broker-a");
        assertNotEquals(afterFirst, registry.generation());
    }

    @Test
    void writePermWipeAndAdd() {
        registry.register(broker("c1", "broker-a", 0, MASTER, V1, topic("A", 4, 6), topic("B", 4, 7)), null);
        registry.register(broker("c1", "broker-b", 0, "10.0.0.3:10911", V1, topic("A", 4, 6)), null);
        assertEquals(4, registry.wipeWritePerm("broker-a"), "A, B and the cluster and broker-name topics");
        assertEquals(Perm.READ, registry.route("A").queueDatas().get(0).perm());
        assertEquals(Perm.READ | Perm.INHERIT, registry.route("B").queueDatas().get(0).perm());
        assertEquals(6, registry.route("A").queueDatas().get(1).perm(), "other broker names untouched");
        assertEquals(4, registry.addWritePerm("broker-a"));
        assertEquals(Perm.READ_WRITE, registry.route("B").queueDatas().get(0).perm(), "RocketMQ resets to RW");
        assertEquals(0, registry.wipeWritePerm("unknown"));
    }

    @Test
    void clusterViewsAndTopicLists() {
        registry.register(broker("c1", "broker-a", 0, MASTER, V1, topic("A", 4, 6), topic("c1", 16, 7), topic("broker-a", 1, 7)), null);
        registry.register(broker("c2", "broker-x", 0, "10.0.0.5:10911", V1, topic("X", 4, 6)), null);

        ClusterInfo info = registry.clusterInfo();
        assertEquals(Map.of("c1", Set.of("broker-a"), "c2", Set.of("broker-x")), info.clusterAddrTable());
        assertEquals(Set.of("A", "c1", "broker-a"), registry.topicsByCluster("c1").topicList());
        assertEquals(Set.of("A", "c1", "broker-a", "X", "c2", "broker-x"), registry.allTopics().topicList());
        assertEquals(Set.of(), registry.topicsByCluster("nope").topicList());
        assertEquals(List.of("c1", "broker-a", "c2", "broker-x"), List.copyOf(registry.systemTopics().topicList()));
        assertEquals(MASTER, registry.systemTopics().brokerAddr());
        assertEquals(Map.of(0L, MASTER), registry.memberGroup("c1", "broker-a").brokerAddrs());
        assertEquals(Map.of(), registry.memberGroup("c1", "nope").brokerAddrs());
    }

    @Test
    void unitTopicLists() {
        registry.register(broker("c1", "broker-a", 0, MASTER, V1,
                new TopicConfig("Unit", 1, 1, 6, TopicFilterType.SINGLE_TAG, TopicSysFlag.UNIT, false, Map.of()),
                new TopicConfig("UnitSub", 1, 1, 6, TopicFilterType.SINGLE_TAG, TopicSysFlag.UNIT_SUB, false, Map.of()),
                new TopicConfig("Both", 1, 1, 6, TopicFilterType.SINGLE_TAG, TopicSysFlag.UNIT | TopicSysFlag.UNIT_SUB, false, Map.of()),
                topic("Plain", 1, 6)), null);
        assertEquals(Set.of("Unit", "Both"), registry.unitTopics().topicList());
        assertEquals(Set.of("UnitSub", "Both"), registry.hasUnitSubTopics().topicList());
        assertEquals(Set.of("UnitSub"), registry.hasUnitSubUnUnitTopics().topicList());
    }

    @Test
    void deleteAndRegisterTopic() {
        registry.register(broker("c1", "broker-a", 0, MASTER, V1, topic("T", 4, 6)), null);
        registry.register(broker("c2", "broker-b", 0, "10.0.0.3:10911", V1, topic("T", 2, 6)), null);
        registry.deleteTopic("T", "c1");
        assertEquals(List.of("broker-b"), registry.route("T").queueDatas().stream().map(QueueData::brokerName).toList());
        registry.deleteTopic("T", "unknown-cluster");
        assertEquals(1, registry.route("T").queueDatas().size());
        registry.deleteTopic("T");
        assertNull(registry.route("T"));

        assertFalse(registry.registerTopic("N", List.of(new QueueData("broker-a", 2, 2, 6, 0), new QueueData("ghost", 1, 1, 6, 0))));
        assertNull(registry.route("N"), "a route naming an unknown broker changes nothing");
        assertTrue(registry.registerTopic("N", List.of(new QueueData("broker-a", 2, 2, 6, 0))));
        assertEquals(List.of(new QueueData("broker-a", 2, 2, 6, 0)), registry.route("N").queueDatas());
    }

    @Test
    void fiveXSlaveActsAsMasterReadOnlyWhenMasterIsGone() {
        BrokerRegistration master = new BrokerRegistration("c1", MASTER, "broker-a", 0, null, null, null, true,
                new TopicConfigSerializeWrapper(Registrations.topics(topic("T", 4, 6), topic("c1", 16, 7)), V1, null), List.of());
        BrokerRegistration slave = new BrokerRegistration("c1", SLAVE, "broker-a", 1, null, null, null, true,
                new TopicConfigSerializeWrapper(Registrations.topics(topic("T", 4, 6), topic("S", 1, 6)), V2, null), List.of());
        registry.register(master, null);
        registry.register(slave, null);
        assertNull(registry.route("S"), "with a master present the slave contributes nothing");
        registry.unregister("c1", MASTER, "broker-a");
        assertEquals(Perm.READ, registry.route("T").queueDatas().get(0).perm(), "no master: write perm wiped");
        registry.register(slave, null);
        assertEquals(Perm.READ, registry.route("S").queueDatas().get(0).perm(), "prime slave's topics, read-only");

        // A pre-5.0 slave (no enableActingMaster field) never contributes.
        RouteRegistry legacy = new RouteRegistry(now::get, () -> policy);
        legacy.register(legacyBroker("c1", "broker-z", 1, SLAVE, V1, topic("L", 1, 6), topic("M", 1, 6)), null);
        assertNull(legacy.route("L"));
    }
}
