package org.tidemq.namesrv.route;

import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.common.protocol.BrokerData;
import org.tidemq.common.protocol.BrokerMemberGroup;
import org.tidemq.common.protocol.ClusterInfo;
import org.tidemq.common.protocol.DataVersion;
import org.tidemq.common.protocol.Perm;
import org.tidemq.common.protocol.QueueData;
import org.tidemq.common.protocol.RegisterBrokerResult;
import org.tidemq.common.protocol.TopicConfig;
import org.tidemq.common.protocol.TopicList;
import org.tidemq.common.protocol.TopicRouteData;
import org.tidemq.common.protocol.TopicSysFlag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The name server's route table (RocketMQ's RouteInfoManager, facts sheet §8): clusters → broker names → broker
 * instances, topics → per-broker-name queue data, and the liveness of every broker instance.
 *
 * <p>Rules kept from RocketMQ 5.2: only the master (id 0) — or, for 5.x brokers, the lowest-id member when no master
 * is registered — contributes topic configs, and only on its first registration, when its DataVersion changed, or
 * for topics that have no queue data for its broker name yet. Slaves only add their address. An address that
 * re-registers under another id replaces its old entry. A broker name with no members left takes its queue data
 * out of every topic; topics left without queue data disappear.
 *
 * <p>Thread-safety: one read-write lock. Route reads take the read lock and run concurrently; registrations and
 * removals take the write lock. Heartbeats refresh a volatile timestamp under the read lock. Every change visible
 * in a route bumps {@link #generation()}, which {@link RouteBodyCache} uses to invalidate serialized routes.
 */
public final class RouteRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(RouteRegistry.class);

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Map<String, QueueData>> topicQueueTable = new HashMap<>();
    private final Map<String, BrokerGroup> brokerAddrTable = new HashMap<>();
    private final Map<String, Set<String>> clusterAddrTable = new HashMap<>();
    private final Map<BrokerAddress, BrokerLiveInfo> liveTable = new HashMap<>();
    private final Map<BrokerAddress, List<String>> filterServerTable = new HashMap<>();
    private final LongSupplier clockMillis;
    private final Supplier<RegistryPolicy> policy;
    /** Written only under the write lock; volatile so cache checks need no lock. */
    private volatile long generation;

    /**
     * @param clockMillis current time in millis, used for liveness (tests inject a manual clock)
     * @param policy      the configurable behaviour, read per call so run-time config updates apply
     */
    public RouteRegistry(LongSupplier clockMillis, Supplier<RegistryPolicy> policy) {
        this.clockMillis = clockMillis;
        this.policy = policy;
    }

    /** A counter bumped by every change that alters some route; equal generations mean identical routes. */
    public long generation() {
        return generation;
    }

    /**
     * Registers (or refreshes) a broker instance.
     *
     * @return the master's addresses for a slave (or {@link RegisterBrokerResult#NONE}); {@code null} when the call
     * is refused: a single-topic registration from an instance that has not registered fully yet
     */
    public RegisterBrokerResult register(BrokerRegistration reg, Channel channel) {
        lock.writeLock().lock();
        try {
            boolean changed = clusterAddrTable.computeIfAbsent(reg.clusterName(), k -> new TreeSet<>()).add(reg.brokerName());
            BrokerGroup group = brokerAddrTable.get(reg.brokerName());
            boolean registerFirst = false;
            if (group == null) {
                registerFirst = true;
                changed = true;
                group = new BrokerGroup(reg.clusterName(), reg.brokerName());
                brokerAddrTable.put(reg.brokerName(), group);
            }
            boolean oldVersionBroker = reg.enableActingMaster() == null;
            changed |= group.update(reg.zoneName(), !oldVersionBroker && reg.enableActingMaster());

            // Promotion/demotion: one address holds one id only.
            changed |= group.addrs.entrySet().removeIf(e -> e.getValue().equals(reg.brokerAddr()) && e.getKey() != reg.brokerId());

            String previousAddr = group.addrs.get(reg.brokerId());
            if (previousAddr != null && !previousAddr.equals(reg.brokerAddr())) {
                BrokerLiveInfo previous = liveTable.get(new BrokerAddress(reg.clusterName(), previousAddr));
                if (previous != null && previous.dataVersion().stateVersion() > reg.topicConfigs().dataVersion().stateVersion()) {
                    LOG.warn("Ignoring registration of {} as {}/{}: live {} holds that id with a newer state version",
                            reg.brokerAddr(), reg.brokerName(), reg.brokerId(), previousAddr);
                    liveTable.remove(reg.address());
                    bumpIf(changed);
                    return RegisterBrokerResult.NONE;
                }
            }
            if (previousAddr == null && reg.topicConfigs().topicConfigTable().size() == 1) {
                LOG.warn("Refusing single-topic registration from {} ({}/{}): it has not registered fully yet",
                        reg.brokerAddr(), reg.brokerName(), reg.brokerId());
                bumpIf(changed);
                return null;
            }
            String oldAddr = group.addrs.put(reg.brokerId(), reg.brokerAddr());
            registerFirst |= oldAddr == null;
            changed |= !reg.brokerAddr().equals(oldAddr);

            boolean isMaster = reg.brokerId() == BrokerData.MASTER_ID;
            boolean isPrimeSlave = !oldVersionBroker && !isMaster && reg.brokerId() == group.addrs.firstKey();
            if (isMaster || isPrimeSlave) {
                changed |= applyTopicConfigs(reg, group, registerFirst, isPrimeSlave);
            }

            BrokerLiveInfo previousLive = liveTable.put(reg.address(), new BrokerLiveInfo(clockMillis.getAsLong(),
                    reg.heartbeatTimeoutMillis() != null ? reg.heartbeatTimeoutMillis() : policy.get().brokerExpiryMs(),
                    reg.topicConfigs().dataVersion(), channel, reg.haServerAddr()));
            if (previousLive == null) {
                LOG.info("new broker registered: {} as {}/{} in {}, HA {}", reg.brokerAddr(), reg.brokerName(),
                        reg.brokerId(), reg.clusterName(), reg.haServerAddr());
            }
            changed |= updateFilterServers(reg);
            bumpIf(changed);
            return masterOf(reg, group);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private boolean applyTopicConfigs(BrokerRegistration reg, BrokerGroup group, boolean registerFirst,
                                      boolean isPrimeSlave) {
        Map<String, TopicConfig> table = reg.topicConfigs().topicConfigTable();
        BrokerLiveInfo live = liveTable.get(reg.address());
        boolean versionChanged = live == null || !live.dataVersion().equals(reg.topicConfigs().dataVersion());
        boolean changed = false;
        if (policy.get().deleteTopicWithBrokerRegistration()) {
            Iterator<Map.Entry<String, Map<String, QueueData>>> topics = topicQueueTable.entrySet().iterator();
            while (topics.hasNext()) {
                Map.Entry<String, Map<String, QueueData>> topic = topics.next();
                if (!table.containsKey(topic.getKey()) && topic.getValue().remove(reg.brokerName()) != null) {
                    changed = true;
                    LOG.info("topic {} no longer registered by {}, removed its queues", topic.getKey(), reg.brokerName());
                    if (topic.getValue().isEmpty()) {
                        topics.remove();
                    }
                }
            }
        }
        for (TopicConfig config : table.values()) {
            Map<String, QueueData> queues = topicQueueTable.get(config.topicName());
            boolean known = queues != null && queues.containsKey(reg.brokerName());
            if (!registerFirst && !versionChanged && known) {
                continue;
            }
            TopicConfig effective = isPrimeSlave && group.enableActingMaster
                    ? config.withPerm(config.perm() & ~Perm.WRITE) : config;
            QueueData queueData = QueueData.of(reg.brokerName(), effective);
            QueueData previous = topicQueueTable.computeIfAbsent(config.topicName(), k -> new HashMap<>())
                    .put(reg.brokerName(), queueData);
            if (!queueData.equals(previous)) {
                changed = true;
                LOG.info("topic {} {} by {}: {}", config.topicName(), previous == null ? "registered" : "changed",
                        reg.brokerName(), queueData);
            }
        }
        return changed;
    }

    private boolean updateFilterServers(BrokerRegistration reg) {
        if (reg.filterServerList().isEmpty()) {
            return filterServerTable.remove(reg.address()) != null;
        }
        return !reg.filterServerList().equals(filterServerTable.put(reg.address(), reg.filterServerList()));
    }

    private RegisterBrokerResult masterOf(BrokerRegistration reg, BrokerGroup group) {
        if (reg.brokerId() == BrokerData.MASTER_ID) {
            return RegisterBrokerResult.NONE;
        }
        String masterAddr = group.addrs.get(BrokerData.MASTER_ID);
        BrokerLiveInfo master = masterAddr == null ? null : liveTable.get(new BrokerAddress(reg.clusterName(), masterAddr));
        return master == null ? RegisterBrokerResult.NONE : new RegisterBrokerResult(master.haServerAddr(), masterAddr);
    }

    /** Removes one broker instance (UNREGISTER_BROKER). Unknown instances are ignored. */
    public void unregister(String clusterName, String brokerAddr, String brokerName) {
        lock.writeLock().lock();
        try {
            unregisterLocked(new BrokerAddress(clusterName, brokerAddr), brokerName);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void unregisterLocked(BrokerAddress address, String brokerName) {
        boolean changed = liveTable.remove(address) != null;
        changed |= filterServerTable.remove(address) != null;
        BrokerGroup group = brokerAddrTable.get(brokerName);
        if (group != null) {
            changed |= group.addrs.values().removeIf(address.brokerAddr()::equals);
            if (group.addrs.isEmpty()) {
                brokerAddrTable.remove(brokerName);
                Set<String> names = clusterAddrTable.get(address.clusterName());
                if (names != null && names.remove(brokerName) && names.isEmpty()) {
                    clusterAddrTable.remove(address.clusterName());
                }
                removeQueuesOf(brokerName);
                changed = true;
                LOG.info("broker name {} has no members left, removed with its topic queues", brokerName);
            } else if (group.enableActingMaster && group.hasNoMaster()) {
                // An acting master is read-only: clients must not send to a broker name without a real master.
                for (Map<String, QueueData> queues : topicQueueTable.values()) {
                    queues.computeIfPresent(brokerName, (name, q) -> q.withPerm(q.perm() & ~Perm.WRITE));
                }
                changed = true;
            }
        }
        if (changed) {
            LOG.info("broker unregistered: {} ({})", address, brokerName);
        }
        bumpIf(changed);
    }

    private void removeQueuesOf(String brokerName) {
        Iterator<Map<String, QueueData>> topics = topicQueueTable.values().iterator();
        while (topics.hasNext()) {
            Map<String, QueueData> queues = topics.next();
            queues.remove(brokerName);
            if (queues.isEmpty()) {
                topics.remove();
            }
        }
    }

    /**
     * Drops every broker instance registered over {@code channel} (it closed, failed or idled out).
     *
     * @return the instances removed
     */
    public List<BrokerAddress> onChannelClosed(Channel channel) {
        if (channel == null) {
            return List.of();
        }
        lock.writeLock().lock();
        try {
            List<BrokerAddress> removed = new ArrayList<>();
            for (Map.Entry<BrokerAddress, BrokerLiveInfo> entry : List.copyOf(liveTable.entrySet())) {
                if (entry.getValue().channel() == channel) {
                    removed.add(entry.getKey());
                    unregisterLocked(entry.getKey(), brokerNameOf(entry.getKey()));
                }
            }
            if (!removed.isEmpty()) {
                LOG.info("channel {} closed, dropped brokers {}", channel, removed);
            }
            return removed;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Drops every broker instance silent past its timeout at {@code nowMillis}. The caller closes the returned
     * channels (outside this lock).
     */
    public List<ExpiredBroker> expireInactive(long nowMillis) {
        lock.writeLock().lock();
        try {
            List<ExpiredBroker> expired = new ArrayList<>();
            for (Map.Entry<BrokerAddress, BrokerLiveInfo> entry : List.copyOf(liveTable.entrySet())) {
                BrokerLiveInfo live = entry.getValue();
                if (live.expiredAt(nowMillis)) {
                    expired.add(new ExpiredBroker(entry.getKey(), nowMillis - live.lastUpdateMillis(), live.channel()));
                    unregisterLocked(entry.getKey(), brokerNameOf(entry.getKey()));
                }
            }
            return expired;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private String brokerNameOf(BrokerAddress address) {
        for (BrokerGroup group : brokerAddrTable.values()) {
            if (group.cluster.equals(address.clusterName()) && group.addrs.containsValue(address.brokerAddr())) {
                return group.brokerName;
            }
        }
        return null;
    }

    /** Refreshes a broker instance's liveness (QUERY_DATA_VERSION, BROKER_HEARTBEAT). False if it is unknown. */
    public boolean touch(String clusterName, String brokerAddr) {
        lock.readLock().lock();
        try {
            BrokerLiveInfo live = liveTable.get(new BrokerAddress(clusterName, brokerAddr));
            if (live != null) {
                live.touch(clockMillis.getAsLong());
            }
            return live != null;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Compares a broker's DataVersion with the registered one, then refreshes its liveness (QUERY_DATA_VERSION). */
    public DataVersionCheck checkDataVersion(String clusterName, String brokerAddr, DataVersion brokerVersion) {
        lock.readLock().lock();
        try {
            BrokerLiveInfo live = liveTable.get(new BrokerAddress(clusterName, brokerAddr));
            if (live == null) {
                return new DataVersionCheck(true, null);
            }
            boolean changed = !live.dataVersion().equals(brokerVersion);
            live.touch(clockMillis.getAsLong());
            return new DataVersionCheck(changed, live.dataVersion());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The route of {@code topic}, or {@code null} when no live broker name serves it. */
    public TopicRouteData route(String topic) {
        return routeSnapshot(topic).route();
    }

    /** A route together with the generation it was read at (both under one read lock). */
    public record RouteSnapshot(long generation, TopicRouteData route) {
    }

    public RouteSnapshot routeSnapshot(String topic) {
        lock.readLock().lock();
        try {
            Map<String, QueueData> queues = topicQueueTable.get(topic);
            if (queues == null || queues.isEmpty()) {
                return new RouteSnapshot(generation, null);
            }
            List<BrokerData> brokers = new ArrayList<>(queues.size());
            Map<String, List<String>> filterServers = new HashMap<>();
            for (String brokerName : new TreeSet<>(queues.keySet())) {
                BrokerGroup group = brokerAddrTable.get(brokerName);
                if (group == null) {
                    continue;
                }
                brokers.add(group.snapshot());
                if (!filterServerTable.isEmpty()) {
                    for (String addr : group.addrs.values()) {
                        List<String> servers = filterServerTable.get(new BrokerAddress(group.cluster, addr));
                        if (servers != null) {
                            filterServers.put(addr, servers);
                        }
                    }
                }
            }
            if (brokers.isEmpty()) {
                return new RouteSnapshot(generation, null);
            }
            List<QueueData> queueList = new ArrayList<>(new TreeMap<>(queues).values());
            return new RouteSnapshot(generation, new TopicRouteData(null, queueList, brokers, filterServers));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every cluster and broker name with its members (GET_BROKER_CLUSTER_INFO). */
    public ClusterInfo clusterInfo() {
        lock.readLock().lock();
        try {
            Map<String, BrokerData> brokers = new TreeMap<>();
            brokerAddrTable.forEach((name, group) -> brokers.put(name, group.snapshot()));
            return new ClusterInfo(brokers, clusterAddrTable);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every topic with queue data (which includes the cluster and broker-name topics brokers register). */
    public TopicList allTopics() {
        lock.readLock().lock();
        try {
            return new TopicList(new TreeSet<>(topicQueueTable.keySet()));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Topics served by at least one broker name of {@code cluster}; empty for an unknown cluster. */
    public TopicList topicsByCluster(String cluster) {
        lock.readLock().lock();
        try {
            Set<String> names = clusterAddrTable.getOrDefault(cluster, Set.of());
            Set<String> topics = new TreeSet<>();
            topicQueueTable.forEach((topic, queues) -> {
                for (String name : names) {
                    if (queues.containsKey(name)) {
                        topics.add(topic);
                        break;
                    }
                }
            });
            return new TopicList(topics);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The cluster and broker names (which brokers register as topics) plus one broker address to ask for the rest
     * (GET_SYSTEM_TOPIC_LIST_FROM_NS).
     */
    public TopicList systemTopics() {
        lock.readLock().lock();
        try {
            Set<String> topics = new LinkedHashSet<>();
            new TreeMap<>(clusterAddrTable).forEach((cluster, names) -> {
                topics.add(cluster);
                topics.addAll(names);
            });
            String anyAddr = new TreeMap<>(brokerAddrTable).values().stream()
                    .filter(group -> !group.addrs.isEmpty())
                    .map(group -> group.addrs.firstEntry().getValue())
                    .findFirst().orElse(null);
            return new TopicList(topics, anyAddr);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Topics whose (first) queue data carries the UNIT flag. */
    public TopicList unitTopics() {
        return topicsWithSysFlag(TopicSysFlag::hasUnitFlag);
    }

    /** Topics whose queue data carries the UNIT_SUB flag. */
    public TopicList hasUnitSubTopics() {
        return topicsWithSysFlag(TopicSysFlag::hasUnitSubFlag);
    }

    /** Topics with UNIT_SUB but not UNIT. */
    public TopicList hasUnitSubUnUnitTopics() {
        return topicsWithSysFlag(flag -> !TopicSysFlag.hasUnitFlag(flag) && TopicSysFlag.hasUnitSubFlag(flag));
    }

    private TopicList topicsWithSysFlag(IntPredicate test) {
        lock.readLock().lock();
        try {
            Set<String> topics = new TreeSet<>();
            topicQueueTable.forEach((topic, queues) -> {
                if (!queues.isEmpty() && test.test(new TreeMap<>(queues).firstEntry().getValue().topicSysFlag())) {
                    topics.add(topic);
                }
            });
            return new TopicList(topics);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The members of a broker name; an unknown name yields an empty member map (GET_BROKER_MEMBER_GROUP). */
    public BrokerMemberGroup memberGroup(String clusterName, String brokerName) {
        lock.readLock().lock();
        try {
            BrokerGroup group = brokerAddrTable.get(brokerName);
            return new BrokerMemberGroup(clusterName, brokerName, group == null ? null : group.addrs);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Removes WRITE from every topic's queue data of {@code brokerName}; returns how many topics it has. */
    public int wipeWritePerm(String brokerName) {
        return changePerm(brokerName, perm -> perm & ~Perm.WRITE);
    }

    /** Sets every topic's queue data of {@code brokerName} to READ|WRITE, as RocketMQ does; returns the count. */
    public int addWritePerm(String brokerName) {
        return changePerm(brokerName, perm -> Perm.READ_WRITE);
    }

    private int changePerm(String brokerName, IntUnaryOperator change) {
        lock.writeLock().lock();
        try {
            int count = 0;
            boolean changed = false;
            for (Map<String, QueueData> queues : topicQueueTable.values()) {
                QueueData queue = queues.get(brokerName);
                if (queue != null) {
                    count++;
                    int perm = change.applyAsInt(queue.perm());
                    if (perm != queue.perm()) {
                        queues.put(brokerName, queue.withPerm(perm));
                        changed = true;
                    }
                }
            }
            bumpIf(changed);
            return count;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes a topic from every broker name (DELETE_TOPIC_IN_NAMESRV without cluster). */
    public void deleteTopic(String topic) {
        lock.writeLock().lock();
        try {
            bumpIf(topicQueueTable.remove(topic) != null);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes a topic's queue data of the broker names in {@code clusterName}; the topic goes when none remain. */
    public void deleteTopic(String topic, String clusterName) {
        lock.writeLock().lock();
        try {
            Set<String> names = clusterAddrTable.get(clusterName);
            Map<String, QueueData> queues = topicQueueTable.get(topic);
            if (names == null || queues == null) {
                return;
            }
            boolean changed = queues.keySet().removeAll(names);
            if (queues.isEmpty()) {
                topicQueueTable.remove(topic);
            }
            bumpIf(changed);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Adds or replaces a topic's queue data for the given broker names (REGISTER_TOPIC_IN_NAMESRV).
     *
     * @return false (nothing changed) when a queue data names a broker that is not registered
     */
    public boolean registerTopic(String topic, List<QueueData> queueDatas) {
        if (queueDatas == null || queueDatas.isEmpty()) {
            return true;
        }
        lock.writeLock().lock();
        try {
            for (QueueData queueData : queueDatas) {
                if (!brokerAddrTable.containsKey(queueData.brokerName())) {
                    LOG.warn("register topic {} names unknown broker {}, ignored", topic, queueData.brokerName());
                    return false;
                }
            }
            Map<String, QueueData> queues = topicQueueTable.computeIfAbsent(topic, k -> new HashMap<>());
            boolean changed = false;
            for (QueueData queueData : queueDatas) {
                changed |= !queueData.equals(queues.put(queueData.brokerName(), queueData));
            }
            bumpIf(changed);
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The live broker instances. */
    public Set<BrokerAddress> liveBrokers() {
        lock.readLock().lock();
        try {
            return Set.copyOf(new HashSet<>(liveTable.keySet()));
        } finally {
            lock.readLock().unlock();
        }
    }

    private void bumpIf(boolean changed) {
        if (changed) {
            generation++;
        }
    }

    @Override
    public String toString() {
        lock.readLock().lock();
        try {
            return "RouteRegistry{clusters=" + clusterAddrTable.keySet() + ", brokerNames=" + brokerAddrTable.keySet()
                    + ", topics=" + topicQueueTable.size() + ", live=" + liveTable.size() + '}';
        } finally {
            lock.readLock().unlock();
        }
    }
}
