package org.tidemq.broker.schedule;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;
import org.tidemq.broker.persist.ConfigFileException;
import org.tidemq.broker.persist.VersionedJsonFile;
import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonWriter;
import org.tidemq.common.protocol.DataVersion;

/**
 * Delivery progress of the schedule queues: per delay level, the next schedule-queue offset to deliver. Persisted in
 * {@code <storePathRootDir>/config/delayOffset.json} in RocketMQ's format
 * {@code {"dataVersion":{…},"offsetTable":{<level>:<offset>}}} (levels as bare int keys, as fastjson writes them),
 * which is also the GET_ALL_DELAY_OFFSET answer.
 *
 * <p>Thread-safety: every method is safe from any thread; writes of the file are serialized.
 */
public final class DelayOffsetTable {
    public static final String FILE_NAME = "delayOffset.json";

    private final VersionedJsonFile file;
    private final ConcurrentMap<Integer, Long> offsets = new ConcurrentHashMap<>();

    private DelayOffsetTable(Path file, LongSupplier clock) {
        this.file = new VersionedJsonFile(file, clock);
    }

    public static Path fileIn(Path storePathRootDir) {
        return storePathRootDir.resolve("config").resolve(FILE_NAME);
    }

    /**
     * Loads the file (or its backup); an absent file is an empty table.
     *
     * @throws ConfigFileException naming the file when neither it nor its backup can be decoded
     */
    public static DelayOffsetTable load(Path storePathRootDir, LongSupplier clock) throws ConfigFileException {
        DelayOffsetTable table = new DelayOffsetTable(fileIn(storePathRootDir), clock);
        table.file.load(DelayOffsetTable::decode, Stored::version)
                .ifPresent(stored -> table.offsets.putAll(stored.offsets()));
        return table;
    }

    public Path file() {
        return file.file();
    }

    /** The next offset to deliver at {@code level}; 0 when the level never delivered. */
    public long offset(int level) {
        return offsets.getOrDefault(level, 0L);
    }

    /** Records that {@code level} goes on at {@code nextOffset}. */
    public void advance(int level, long nextOffset) {
        Long before = offsets.put(level, nextOffset);
        if (before == null || before != nextOffset) {
            file.markChanged();
        }
    }

    /**
     * Writes the file when anything changed since the last successful write.
     *
     * @return whether the file was written
     * @throws IOException when the write fails; the changes stay pending
     */
    public boolean persistIfChanged() throws IOException {
        return file.persistIfChanged(this::encode);
    }

    /** The live table in the file's format (answer of GET_ALL_DELAY_OFFSET). */
    public byte[] encode() {
        return encode(file.dataVersion());
    }

    private byte[] encode(DataVersion version) {
        JsonWriter writer = new JsonWriter(IntKeyStyle.UNQUOTED);
        writer.beginObject().name("dataVersion");
        version.writeJson(writer);
        writer.name("offsetTable").beginObject();
        for (Map.Entry<Integer, Long> entry : new TreeMap<>(offsets).entrySet()) {
            writer.name(entry.getKey()).value(entry.getValue());
        }
        writer.endObject().endObject();
        return writer.toBytes();
    }

    private record Stored(Map<Integer, Long> offsets, DataVersion version) {
    }

    private static Stored decode(JsonObject json) {
        Map<Integer, Long> table = new TreeMap<>();
        JsonObject offsetTable = json.object("offsetTable");
        if (offsetTable != null) {
            for (Map.Entry<Object, Object> entry : offsetTable.members().entrySet()) {
                long level = JsonObject.toLong(entry.getKey(), "offsetTable key");
                long offset = JsonObject.toLong(entry.getValue(), "offsetTable." + level);
                if (level < 1 || level > Integer.MAX_VALUE || offset < 0) {
                    throw new IllegalArgumentException("offsetTable." + level + ": level must be >= 1 and offset >= 0,"
                            + " got offset " + offset);
                }
                table.put((int) level, offset);
            }
        }
        JsonObject version = json.object("dataVersion");
        return new Stored(table, version == null ? null : DataVersion.fromJson(version));
    }
}
