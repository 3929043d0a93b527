package org.tidemq.broker.subscription;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.broker.persist.ConfigFileException;
import org.tidemq.broker.persist.JsonConfigFile;
import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonReader;
import org.tidemq.common.json.JsonWriter;
import org.tidemq.common.protocol.DataVersion;
import org.tidemq.common.protocol.SubscriptionGroupConfig;
import org.tidemq.common.protocol.TopicNames;

/**
 * The consumer groups this broker knows, with a {@link DataVersion}, persisted to
 * {@code <storePathRootDir>/config/subscriptionGroup.json} in RocketMQ's format
 * ({@code {"dataVersion":{…},"subscriptionGroupTable":{name:{…}}}}). The stock groups are created at start and the
 * file is loaded over them, as RocketMQ does. RocketMQ's {@code forbiddenTable} is not modelled: it is neither read
 * nor written.
 *
 * <p>Durability and thread-safety as {@link org.tidemq.broker.topic.TopicConfigManager}: each change is on disk when
 * its method returns (memory unchanged if the write fails); lookups are lock-free, changes serialized.
 */
public final class SubscriptionGroupManager {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionGroupManager.class);

    public static final String FILE_NAME = "subscriptionGroup.json";
    /** Groups with this prefix are created on demand even when auto-creation is off ({@code MixAll.isSysConsumerGroup}). */
    public static final String SYSTEM_GROUP_PREFIX = "CID_RMQ_SYS_";

    public static final String TOOLS_CONSUMER_GROUP = "TOOLS_CONSUMER";
    public static final String FILTERSRV_CONSUMER_GROUP = "FILTERSRV_CONSUMER";
    public static final String SELF_TEST_CONSUMER_GROUP = "SELF_TEST_C_GROUP";
    public static final String ONS_HTTP_PROXY_GROUP = "CID_ONS-HTTP-PROXY";
    public static final String ONSAPI_PULL_GROUP = "CID_ONSAPI_PULL";
    public static final String ONSAPI_PERMISSION_GROUP = "CID_ONSAPI_PERMISSION";
    public static final String ONSAPI_OWNER_GROUP = "CID_ONSAPI_OWNER";
    public static final String SYS_TRANS_GROUP = "CID_RMQ_SYS_TRANS";

    private final ConcurrentMap<String, SubscriptionGroupConfig> table = new ConcurrentHashMap<>();
    private final JsonConfigFile file;
    private final LongSupplier clock;
    private final boolean autoCreateSubscriptionGroup;
    private volatile DataVersion dataVersion;

    private SubscriptionGroupManager(Path file, boolean autoCreateSubscriptionGroup, LongSupplier clock) {
        this.file = new JsonConfigFile(file);
        this.clock = clock;
        this.autoCreateSubscriptionGroup = autoCreateSubscriptionGroup;
        this.dataVersion = DataVersion.initial(clock.getAsLong());
    }

    public static Path fileIn(Path storePathRootDir) {
        return storePathRootDir.resolve("config").resolve(FILE_NAME);
    }

    /** The stock groups of RocketMQ 5.2.0, the ONS/system ones broadcast-enabled. */
    public static List<SubscriptionGroupConfig> stockGroups() {
        return List.of(SubscriptionGroupConfig.defaults(TOOLS_CONSUMER_GROUP),
                SubscriptionGroupConfig.defaults(FILTERSRV_CONSUMER_GROUP),
                SubscriptionGroupConfig.defaults(SELF_TEST_CONSUMER_GROUP),
                SubscriptionGroupConfig.defaults(ONS_HTTP_PROXY_GROUP).withConsumeBroadcastEnable(true),
                SubscriptionGroupConfig.defaults(ONSAPI_PULL_GROUP).withConsumeBroadcastEnable(true),
                SubscriptionGroupConfig.defaults(ONSAPI_PERMISSION_GROUP).withConsumeBroadcastEnable(true),
                SubscriptionGroupConfig.defaults(ONSAPI_OWNER_GROUP).withConsumeBroadcastEnable(true),
                SubscriptionGroupConfig.defaults(SYS_TRANS_GROUP).withConsumeBroadcastEnable(true));
    }

    /**
     * Creates the stock groups and loads {@link #fileIn(Path) the group file} over them.
     *
     * @throws ConfigFileException naming the file when it (and its backup) cannot be loaded
     */
    public static SubscriptionGroupManager load(boolean autoCreateSubscriptionGroup, Path storePathRootDir,
                                                LongSupplier clock) throws ConfigFileException {
        SubscriptionGroupManager manager = new SubscriptionGroupManager(fileIn(storePathRootDir),
                autoCreateSubscriptionGroup, clock);
        for (SubscriptionGroupConfig group : stockGroups()) {
            manager.table.put(group.groupName(), group);
        }
        manager.file.load(SubscriptionGroupManager::decode).ifPresent(stored -> {
            manager.table.putAll(stored.groups());
            manager.dataVersion = stored.version();
        });
        return manager;
    }

    public Path file() {
        return file.file();
    }

    public DataVersion dataVersion() {
        return dataVersion;
    }

    /** The group's config, or {@code null} when unknown. */
    public SubscriptionGroupConfig select(String group) {
        return table.get(group);
    }

    /** A sorted snapshot of all groups. */
    public Map<String, SubscriptionGroupConfig> groups() {
        return Collections.unmodifiableMap(new TreeMap<>(table));
    }

    /**
     * The group's config, creating it with defaults when unknown and either {@code autoCreateSubscriptionGroup} is
     * on or the group is a system group ({@value #SYSTEM_GROUP_PREFIX}…).
     *
     * @return empty when the group is unknown and may not be created, or its name is invalid
     */
    public Optional<SubscriptionGroupConfig> findOrCreate(String group) throws IOException {
        SubscriptionGroupConfig existing = table.get(group);
        if (existing != null) {
            return Optional.of(existing);
        }
        if (!(autoCreateSubscriptionGroup || group.startsWith(SYSTEM_GROUP_PREFIX)) || !TopicNames.isValid(group)) {
            return Optional.empty();
        }
        synchronized (this) {
            existing = table.get(group);
            if (existing != null) {
                return Optional.of(existing);
            }
            SubscriptionGroupConfig created = SubscriptionGroupConfig.defaults(group);
            commit(next -> next.put(group, created));
            LOG.info("subscription group auto-created: {}", group);
            return Optional.of(created);
        }
    }

    /**
     * Creates or replaces a group (UPDATE_AND_CREATE_SUBSCRIPTIONGROUP). The request's attributes are changes
     * ({@code +key=value}, {@code -key}) applied to the group's current ones (see {@link AttributeChanges}).
     *
     * @return the stored config
     * @throws IllegalArgumentException when the group name or an attribute change is invalid
     */
    public synchronized SubscriptionGroupConfig update(SubscriptionGroupConfig config) throws IOException {
        String problem = TopicNames.validate(config.groupName());
        if (problem != null) {
            throw new IllegalArgumentException("invalid group '" + config.groupName() + "': "
                    + problem.replace("topic", "group"));
        }
        SubscriptionGroupConfig existing = table.get(config.groupName());
        Map<String, String> attributes = AttributeChanges.apply(existing == null,
                existing == null ? Map.of() : existing.attributes(), config.attributes());
        SubscriptionGroupConfig stored = new SubscriptionGroupConfig(config.groupName(), config.consumeEnable(),
                config.consumeFromMinEnable(), config.consumeBroadcastEnable(), config.consumeMessageOrderly(),
                config.retryQueueNums(), config.retryMaxTimes(), config.brokerId(),
                config.whichBrokerWhenConsumeSlowly(), config.notifyConsumerIdsChangedEnable(), config.groupSysFlag(),
                config.consumeTimeoutMinute(), config.groupRetryPolicyType(), attributes);
        commit(next -> next.put(stored.groupName(), stored));
        return stored;
    }

    /** Removes a group (DELETE_SUBSCRIPTIONGROUP); returns whether it existed. */
    public synchronized boolean delete(String group) throws IOException {
        if (!table.containsKey(group)) {
            return false;
        }
        commit(next -> next.remove(group));
        return true;
    }

    /**
     * Slave metadata sync: replaces the whole table by {@code groups} and adopts {@code version}, its master's.
     * Persisted before it becomes visible.
     *
     * @throws IOException when the table cannot be persisted; nothing changed then
     */
    public synchronized void replaceAll(Map<String, SubscriptionGroupConfig> groups, DataVersion version)
            throws IOException {
        Map<String, SubscriptionGroupConfig> next = new TreeMap<>(groups);
        file.write(encode(next, version));
        table.keySet().retainAll(next.keySet());
        table.putAll(next);
        dataVersion = version;
    }

    /** Decodes a GET_ALL_SUBSCRIPTIONGROUP_CONFIG answer (the file's format). */
    public static Stored decode(byte[] body) {
        return decode(JsonReader.parseObject(body));
    }

    /** The table in the file's (and GET_ALL_SUBSCRIPTIONGROUP_CONFIG's) format. */
    public synchronized byte[] encode() {
        return encode(new TreeMap<>(table), dataVersion);
    }

    private void commit(Consumer<Map<String, SubscriptionGroupConfig>> change) throws IOException {
        Map<String, SubscriptionGroupConfig> next = new TreeMap<>(table);
        change.accept(next);
        DataVersion nextVersion = dataVersion.next(clock.getAsLong());
        file.write(encode(next, nextVersion));
        table.keySet().retainAll(next.keySet());
        table.putAll(next);
        dataVersion = nextVersion;
    }

    private static byte[] encode(Map<String, SubscriptionGroupConfig> groups, DataVersion version) {
        JsonWriter writer = new JsonWriter(IntKeyStyle.UNQUOTED);
        writer.beginObject().name("dataVersion");
        version.writeJson(writer);
        writer.name("subscriptionGroupTable").beginObject();
        for (Map.Entry<String, SubscriptionGroupConfig> entry : groups.entrySet()) {
            writer.name(entry.getKey());
            entry.getValue().writeJson(writer);
        }
        writer.endObject().endObject();
        return writer.toBytes();
    }

    /** A decoded group table with its version. */
    public record Stored(Map<String, SubscriptionGroupConfig> groups, DataVersion version) {
    }

    private static Stored decode(JsonObject json) {
        Map<String, SubscriptionGroupConfig> groups = new TreeMap<>();
        JsonObject table = json.object("subscriptionGroupTable");
        if (table != null) {
            for (Map.Entry<Object, Object> entry : table.members().entrySet()) {
                String name = JsonObject.toText(entry.getKey(), "subscriptionGroupTable key");
                groups.put(name, SubscriptionGroupConfig.fromJson(
                        JsonObject.toObject(entry.getValue(), "subscriptionGroupTable." + name), name));
            }
        }
        JsonObject version = json.object("dataVersion");
        return new Stored(groups, version == null ? DataVersion.initial(0) : DataVersion.fromJson(version));
    }
}
