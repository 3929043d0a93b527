package org.tidemq.broker.topic;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.broker.config.BrokerIdentityConfig;
import org.tidemq.broker.config.TopicGroupConfig;
import org.tidemq.broker.persist.ConfigFileException;
import org.tidemq.broker.persist.JsonConfigFile;
import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.protocol.DataVersion;
import org.tidemq.common.protocol.Perm;
import org.tidemq.common.protocol.TopicConfig;
import org.tidemq.common.protocol.TopicConfigSerializeWrapper;
import org.tidemq.common.protocol.TopicFilterType;
import org.tidemq.common.protocol.TopicNames;

/**
 * The topics this broker serves, with the {@link DataVersion} name servers compare to decide whether to re-read them.
 *
 * <p>At start the stock {@link SystemTopics} are created, then {@code <storePathRootDir>/config/topics.json} (RocketMQ's
 * format, {@code {"dataVersion":{…},"topicConfigTable":{name:{…}}}}) is loaded over them, as RocketMQ does.
 *
 * <p>Durability: every change bumps the DataVersion and returns only after the whole table is on disk (temp file,
 * fsync, rename; the previous file kept as {@code topics.json.bak}). If that write fails the method throws and memory
 * is unchanged: the table in memory never holds what the disk does not.
 *
 * <p>Thread-safety: lookups ({@link #select}) are lock-free and may run concurrently with changes; changes are
 * serialized by the manager's monitor, and a lookup sees a change once the method making it has returned.
 */
public final class TopicConfigManager {
    private static final Logger LOG = LoggerFactory.getLogger(TopicConfigManager.class);

    public static final String FILE_NAME = "topics.json";

    private final ConcurrentMap<String, TopicConfig> table = new ConcurrentHashMap<>();
    private final JsonConfigFile file;
    private final LongSupplier clock;
    private final TopicGroupConfig topics;
    private final DataVersion mappingDataVersion;
    private volatile DataVersion dataVersion;
    private int brokerPermission;

    private TopicConfigManager(BrokerIdentityConfig identity, TopicGroupConfig topics, Path file, LongSupplier clock) {
        this.brokerPermission = identity.brokerPermission();
        this.topics = topics;
        this.file = new JsonConfigFile(file);
        this.clock = clock;
        long now = clock.getAsLong();
        this.dataVersion = DataVersion.initial(now);
        this.mappingDataVersion = DataVersion.initial(now);
    }

    /** {@code <storePathRootDir>/config/topics.json}. */
    public static Path fileIn(Path storePathRootDir) {
        return storePathRootDir.resolve("config").resolve(FILE_NAME);
    }

    /**
     * Creates the system topics and loads {@link #fileIn(Path) the topic file} over them.
     *
     * @param clock wall-clock millis for DataVersion stamps
     * @throws ConfigFileException naming the file when it (and its backup) cannot be loaded
     */
    public static TopicConfigManager load(BrokerIdentityConfig identity, TopicGroupConfig topics,
                                          Path storePathRootDir, LongSupplier clock) throws ConfigFileException {
        TopicConfigManager manager = new TopicConfigManager(identity, topics, fileIn(storePathRootDir), clock);
        for (TopicConfig config : SystemTopics.create(identity.brokerClusterName(), identity.brokerName(), topics)) {
            manager.table.put(config.topicName(), config);
        }
        Optional<TopicConfigSerializeWrapper> stored = manager.file.load(TopicConfigSerializeWrapper::fromJson);
        stored.ifPresent(wrapper -> {
            manager.table.putAll(wrapper.topicConfigTable());
            manager.dataVersion = wrapper.dataVersion();
        });
        return manager;
    }

    public Path file() {
        return file.file();
    }

    /** The topic's config, or {@code null} when this broker does not have it. */
    public TopicConfig select(String topic) {
        return table.get(topic);
    }

    public DataVersion dataVersion() {
        return dataVersion;
    }

    /** A sorted snapshot of the table. */
    public Map<String, TopicConfig> topics() {
        return Collections.unmodifiableMap(new TreeMap<>(table));
    }

    /**
     * Creates or replaces a topic (UPDATE_AND_CREATE_TOPIC).
     *
     * @throws IllegalArgumentException when the name, queue counts or perm are invalid
     * @throws IOException              when the table cannot be persisted; nothing changed then
     */
    public synchronized void updateTopicConfig(TopicConfig config) throws IOException {
        validate(config);
        commit(next -> next.put(config.topicName(), config));
        LOG.info("topic config updated: {}", config);
    }

    /**
     * Removes a topic (DELETE_TOPIC_IN_BROKER).
     *
     * @return whether the topic existed
     */
    public synchronized boolean deleteTopicConfig(String topic) throws IOException {
        if (!table.containsKey(topic)) {
            return false;
        }
        commit(next -> next.remove(topic));
        LOG.info("topic deleted: {}", topic);
        return true;
    }

    /**
     * Auto-creates {@code topic} for a producer that sent with {@code defaultTopic=templateTopic} (facts §9.3): the
     * template must exist and carry the INHERIT bit; the new topic gets min(requested, template writeQueueNums)
     * queues and the template's perm without INHERIT. An existing topic is returned as is.
     *
     * @return the topic, or empty when it may not be created (unknown template, template not inheritable, TBW102
     *         while autoCreateTopicEnable is off, invalid name, or no queues requested)
     */
    public synchronized Optional<TopicConfig> createTopicInSendMessage(String topic, String templateTopic,
                                                                       int requestedQueueNums, int topicSysFlag)
            throws IOException {
        TopicConfig existing = table.get(topic);
        if (existing != null) {
            return Optional.of(existing);
        }
        TopicConfig template = table.get(templateTopic);
        if (template == null || !TopicNames.isValid(topic) || requestedQueueNums < 1) {
            return Optional.empty();
        }
        int templatePerm = template.perm();
        if (TopicNames.AUTO_CREATE_TOPIC_KEY.equals(templateTopic) && !topics.autoCreateTopicEnable()) {
            // A TBW102 left in topics.json from an earlier run must not re-enable auto-creation.
            templatePerm = Perm.READ_WRITE;
        }
        if (!Perm.isInherited(templatePerm)) {
            LOG.warn("cannot auto-create topic {}: template {} has perm {} without INHERIT", topic, templateTopic,
                    Perm.describe(templatePerm));
            return Optional.empty();
        }
        int queueNums = Math.min(requestedQueueNums, template.writeQueueNums());
        TopicConfig created = new TopicConfig(topic, queueNums, queueNums, templatePerm & ~Perm.INHERIT,
                TopicFilterType.SINGLE_TAG, topicSysFlag, false, Map.of());
        commit(next -> next.put(topic, created));
        LOG.info("topic auto-created from {}: {}", templateTopic, created);
        return Optional.of(created);
    }

    /**
     * Returns {@code topic}, creating it with the given queues and perm if absent (RocketMQ's
     * {@code createTopicInSendMessageBackMethod}).
     */
    public synchronized TopicConfig createTopicIfAbsent(String topic, int queueNums, int perm, int topicSysFlag)
            throws IOException {
        TopicConfig existing = table.get(topic);
        if (existing != null) {
            return existing;
        }
        TopicConfig created = new TopicConfig(topic, queueNums, queueNums, perm, TopicFilterType.SINGLE_TAG,
                topicSysFlag, false, Map.of());
        validate(created);
        commit(next -> next.put(topic, created));
        return created;
    }

    /** {@code %RETRY%<group>} with 1 queue, read-write, created if absent. */
    public TopicConfig createRetryTopicIfAbsent(String group) throws IOException {
        return createTopicIfAbsent(GroupTopics.retryTopic(group), GroupTopics.QUEUE_NUMS, Perm.READ_WRITE, 0);
    }

    /** {@code %DLQ%<group>} with 1 queue, read-write, created if absent. */
    public TopicConfig createDlqTopicIfAbsent(String group) throws IOException {
        return createTopicIfAbsent(GroupTopics.dlqTopic(group), GroupTopics.QUEUE_NUMS, Perm.READ_WRITE, 0);
    }

    /**
     * Slave metadata sync: replaces the whole table by {@code configs} and adopts {@code version}, its master's, so
     * an unchanged master table can be recognised and skipped. A current topic {@code configs} lacks is kept when
     * {@code keepIfAbsent} says so, decided under the same lock as every other change (so a topic created meanwhile
     * is judged too). Persisted before it becomes visible.
     *
     * @throws IOException when the table cannot be persisted; nothing changed then
     */
    public synchronized void replaceAll(Map<String, TopicConfig> configs, DataVersion version,
                                        Predicate<TopicConfig> keepIfAbsent) throws IOException {
        Map<String, TopicConfig> next = new TreeMap<>(configs);
        for (TopicConfig current : table.values()) {
            if (!next.containsKey(current.topicName()) && keepIfAbsent.test(current)) {
                next.put(current.topicName(), current);
            }
        }
        file.write(encode(next, version));
        table.keySet().retainAll(next.keySet());
        table.putAll(next);
        dataVersion = version;
    }

    /**
     * The table as REGISTER_BROKER and GET_ALL_TOPIC_CONFIG send it (5.x form). When {@code brokerPermission}
     * withholds read or write, every topic's perm is ANDed with it, as RocketMQ does.
     */
    public synchronized TopicConfigSerializeWrapper buildSerializeWrapper() {
        int brokerPerm = brokerPermission;
        boolean restrict = !Perm.isReadable(brokerPerm) || !Perm.isWriteable(brokerPerm);
        Map<String, TopicConfig> snapshot = new TreeMap<>();
        for (TopicConfig config : table.values()) {
            snapshot.put(config.topicName(), restrict ? config.withPerm(config.perm() & brokerPerm) : config);
        }
        return new TopicConfigSerializeWrapper(snapshot, dataVersion, mappingDataVersion);
    }

    /**
     * Takes a runtime change of {@code brokerPermission} (UPDATE_BROKER_CONFIG): later wrappers apply the new perm
     * and carry the next DataVersion, so name servers replace the routes they hold.
     */
    public synchronized void updateBrokerPermission(int perm) {
        brokerPermission = perm;
        dataVersion = dataVersion.next(clock.getAsLong());
    }

    /** Persists the table as is (e.g. at shutdown). */
    public synchronized void persist() throws IOException {
        file.write(encode(new TreeMap<>(table), dataVersion));
    }

    /** Applies {@code change} to a copy, persists the copy with the next version, then publishes it. */
    private void commit(Consumer<Map<String, TopicConfig>> change) throws IOException {
        Map<String, TopicConfig> next = new TreeMap<>(table);
        change.accept(next);
        DataVersion nextVersion = dataVersion.next(clock.getAsLong());
        file.write(encode(next, nextVersion));
        table.keySet().retainAll(next.keySet());
        table.putAll(next);
        dataVersion = nextVersion;
    }

    private static byte[] encode(Map<String, TopicConfig> topics, DataVersion version) {
        return new TopicConfigSerializeWrapper(topics, version, null).encode(IntKeyStyle.UNQUOTED);
    }

    private static void validate(TopicConfig config) {
        String problem = TopicNames.validate(config.topicName());
        if (problem != null) {
            throw new IllegalArgumentException("invalid topic '" + config.topicName() + "': " + problem);
        }
        if (config.readQueueNums() < 0 || config.writeQueueNums() < 0) {
            throw new IllegalArgumentException("invalid topic '" + config.topicName()
                    + "': queue numbers must be >= 0, got read " + config.readQueueNums() + " write "
                    + config.writeQueueNums());
        }
        if (!Perm.isValid(config.perm())) {
            throw new IllegalArgumentException("invalid topic '" + config.topicName() + "': perm must be in 0..7, got "
                    + config.perm());
        }
    }
}
