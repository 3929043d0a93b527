package org.tidemq.broker.offset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;
import org.tidemq.broker.persist.ConfigFileException;
import org.tidemq.broker.persist.VersionedJsonFile;
import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonReader;
import org.tidemq.common.json.JsonWriter;
import org.tidemq.common.protocol.DataVersion;

/**
 * Committed consumer offsets: {@code topic@group} → queueId → next offset to consume, persisted to
 * {@code <storePathRootDir>/config/consumerOffset.json} in RocketMQ's format
 * ({@code {"dataVersion":{…},"offsetTable":{"topic@group":{0:14047,1:14045}}}}, bare integer keys as fastjson).
 *
 * <p>Durability: commits are memory-only until {@link #persistIfChanged()} runs, which {@link OffsetPersistService}
 * does every 5 s and at shutdown — as in RocketMQ, a crash loses at most the last interval of commits (consumers
 * then re-consume, never skip). Each persist bumps the DataVersion.
 *
 * <p>Thread-safety: commits and queries are lock-free and run concurrently; a persist writes a snapshot that may or
 * may not include commits racing with it, and any commit it missed keeps the table dirty for the next persist.
 * Persists are serialized.
 */
public final class ConsumerOffsetManager {
    public static final String FILE_NAME = "consumerOffset.json";
    public static final String TOPIC_GROUP_SEPARATOR = "@";
    /** {@link #queryOffset} result when the group has no committed offset for the queue. */
    public static final long NO_OFFSET = -1;

    private final ConcurrentMap<String, ConcurrentMap<Integer, Long>> offsetTable = new ConcurrentHashMap<>();
    private final VersionedJsonFile file;

    private ConsumerOffsetManager(Path file, LongSupplier clock) {
        this.file = new VersionedJsonFile(file, clock);
    }

    public static Path fileIn(Path storePathRootDir) {
        return storePathRootDir.resolve("config").resolve(FILE_NAME);
    }

    /**
     * Loads {@link #fileIn(Path) the offset file} (or its backup).
     *
     * @throws ConfigFileException naming the file when it (and its backup) cannot be loaded
     */
    public static ConsumerOffsetManager load(Path storePathRootDir, LongSupplier clock) throws ConfigFileException {
        ConsumerOffsetManager manager = new ConsumerOffsetManager(fileIn(storePathRootDir), clock);
        manager.file.load(ConsumerOffsetManager::decode, Stored::version)
                .ifPresent(stored -> manager.offsetTable.putAll(stored.offsets()));
        return manager;
    }

    public Path file() {
        return file.file();
    }

    public DataVersion dataVersion() {
        return file.dataVersion();
    }

    public static String key(String topic, String group) {
        return topic + TOPIC_GROUP_SEPARATOR + group;
    }

    /** Records that {@code group} has consumed {@code topic}'s queue up to (excluding) {@code offset}. */
    public void commitOffset(String group, String topic, int queueId, long offset) {
        offsetTable.computeIfAbsent(key(topic, group), k -> new ConcurrentHashMap<>()).put(queueId, offset);
        file.markChanged();
    }

    /** The committed offset, or {@link #NO_OFFSET}. */
    public long queryOffset(String group, String topic, int queueId) {
        Map<Integer, Long> offsets = offsetTable.get(key(topic, group));
        if (offsets == null) {
            return NO_OFFSET;
        }
        Long offset = offsets.get(queueId);
        return offset == null ? NO_OFFSET : offset;
    }

    /** All committed offsets of {@code group} on {@code topic}, by queue id (empty when none). */
    public Map<Integer, Long> queryOffsets(String group, String topic) {
        Map<Integer, Long> offsets = offsetTable.get(key(topic, group));
        return offsets == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(offsets));
    }

    /** Copies {@code srcGroup}'s offsets on {@code topic} to {@code destGroup}, replacing what it had there. */
    public void cloneOffset(String srcGroup, String destGroup, String topic) {
        Map<Integer, Long> offsets = offsetTable.get(key(topic, srcGroup));
        if (offsets != null) {
            offsetTable.put(key(topic, destGroup), new ConcurrentHashMap<>(offsets));
            file.markChanged();
        }
    }

    /** {@link #cloneOffset} for every topic {@code srcGroup} has offsets on (CLONE_GROUP_OFFSET without topic). */
    public void cloneAllOffsets(String srcGroup, String destGroup) {
        for (String topic : whichTopicsByGroup(srcGroup)) {
            cloneOffset(srcGroup, destGroup, topic);
        }
    }

    /** Drops every offset of {@code group} (DELETE_SUBSCRIPTIONGROUP with cleanOffset). Returns how many keys went. */
    public int removeOffsetsOfGroup(String group) {
        return removeMatching(null, group);
    }

    /** Drops every group's offsets on {@code topic} (topic deletion). Returns how many keys went. */
    public int removeOffsetsOfTopic(String topic) {
        return removeMatching(topic, null);
    }

    /** Groups with committed offsets on {@code topic} (QUERY_TOPIC_CONSUME_BY_WHO), sorted. */
    public Set<String> whichGroupsByTopic(String topic) {
        Set<String> groups = new TreeSet<>();
        for (String key : offsetTable.keySet()) {
            String[] parts = split(key);
            if (parts != null && parts[0].equals(topic)) {
                groups.add(parts[1]);
            }
        }
        return groups;
    }

    /** Topics {@code group} has committed offsets on (QUERY_TOPICS_BY_CONSUMER), sorted. */
    public Set<String> whichTopicsByGroup(String group) {
        Set<String> topics = new TreeSet<>();
        for (String key : offsetTable.keySet()) {
            String[] parts = split(key);
            if (parts != null && parts[1].equals(group)) {
                topics.add(parts[0]);
            }
        }
        return topics;
    }

    /** Whether a commit happened since the last successful persist. */
    public boolean hasUnpersistedChanges() {
        return file.hasUnpersistedChanges();
    }

    /**
     * Writes the table when anything changed since the last successful persist.
     *
     * @return whether a file was written
     * @throws IOException when the write fails; the changes stay pending for the next call
     */
    public boolean persistIfChanged() throws IOException {
        return file.persistIfChanged(this::encode);
    }

    /**
     * Slave metadata sync: takes its master's offsets, but keeps a local offset that is further ahead — one committed
     * on this slave while the master was away — so a consumer never goes back over messages it already consumed.
     * Keys the master does not have are kept. (A backwards reset on the master therefore reaches this slave only
     * for queues it has not consumed further.)
     *
     * @return how many queue offsets changed
     */
    public int mergeFromMaster(Map<String, ? extends Map<Integer, Long>> masterTable) {
        int changed = 0;
        for (Map.Entry<String, ? extends Map<Integer, Long>> entry : masterTable.entrySet()) {
            ConcurrentMap<Integer, Long> local = offsetTable.computeIfAbsent(entry.getKey(),
                    k -> new ConcurrentHashMap<>());
            for (Map.Entry<Integer, Long> offset : entry.getValue().entrySet()) {
                long masterOffset = offset.getValue();
                Long before = local.get(offset.getKey());
                if (before == null || before < masterOffset) {
                    local.merge(offset.getKey(), masterOffset, Math::max);
                    changed++;
                }
            }
        }
        if (changed > 0) {
            file.markChanged();
        }
        return changed;
    }

    /** Decodes the {@code offsetTable} of a GET_ALL_CONSUMER_OFFSET answer (the file's format). */
    public static Map<String, ? extends Map<Integer, Long>> decodeOffsetTable(byte[] body) {
        return decode(JsonReader.parseObject(body)).offsets();
    }

    /** The table in the file's format (also GET_ALL_CONSUMER_OFFSET's {@code offsetTable} shape). */
    public byte[] encode() {
        return encode(file.dataVersion());
    }

    private byte[] encode(DataVersion version) {
        JsonWriter writer = new JsonWriter(IntKeyStyle.UNQUOTED);
        writer.beginObject().name("dataVersion");
        version.writeJson(writer);
        writer.name("offsetTable").beginObject();
        for (Map.Entry<String, ConcurrentMap<Integer, Long>> entry : new TreeMap<>(offsetTable).entrySet()) {
            writer.name(entry.getKey()).beginObject();
            for (Map.Entry<Integer, Long> offset : new TreeMap<>(entry.getValue()).entrySet()) {
                writer.name(offset.getKey()).value(offset.getValue());
            }
            writer.endObject();
        }
        writer.endObject().endObject();
        return writer.toBytes();
    }

    private int removeMatching(String topic, String group) {
        int removed = 0;
        for (String key : offsetTable.keySet()) {
            String[] parts = split(key);
            if (parts != null && (topic == null || parts[0].equals(topic)) && (group == null || parts[1].equals(group))
                    && offsetTable.remove(key) != null) {
                removed++;
            }
        }
        if (removed > 0) {
            file.markChanged();
        }
        return removed;
    }

    /** {@code [topic, group]}, or {@code null} for a malformed key (topic and group names cannot contain '@'). */
    private static String[] split(String key) {
        String[] parts = key.split(TOPIC_GROUP_SEPARATOR, -1);
        return parts.length == 2 ? parts : null;
    }

    /** A decoded file; {@code version} is null for 4.x files, which have none. */
    private record Stored(Map<String, ConcurrentMap<Integer, Long>> offsets, DataVersion version) {
    }

    /** Decodes into fresh maps, so a file that fails halfway leaves nothing behind for the backup load. */
    private static Stored decode(JsonObject json) {
        Map<String, ConcurrentMap<Integer, Long>> table = new TreeMap<>();
        JsonObject offsetTable = json.object("offsetTable");
        if (offsetTable != null) {
            for (Map.Entry<Object, Object> entry : offsetTable.members().entrySet()) {
                String key = JsonObject.toText(entry.getKey(), "offsetTable key");
                JsonObject offsets = JsonObject.toObject(entry.getValue(), "offsetTable." + key);
                ConcurrentMap<Integer, Long> queues = new ConcurrentHashMap<>();
                for (Map.Entry<Object, Object> offset : offsets.members().entrySet()) {
                    long queueId = JsonObject.toLong(offset.getKey(), "offsetTable." + key + " key");
                    if (queueId < 0 || queueId > Integer.MAX_VALUE) {
                        throw new IllegalArgumentException("offsetTable." + key + ": queue id " + queueId
                                + " out of range");
                    }
                    queues.put((int) queueId, JsonObject.toLong(offset.getValue(), "offsetTable." + key + "." + queueId));
                }
                table.put(key, queues);
            }
        }
        JsonObject version = json.object("dataVersion");
        return new Stored(table, version == null ? null : DataVersion.fromJson(version));
    }
}
