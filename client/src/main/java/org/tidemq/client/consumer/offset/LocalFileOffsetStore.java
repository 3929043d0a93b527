package org.tidemq.client.consumer.offset;

import org.tidemq.client.MessageQueue;
import org.tidemq.client.consumer.ConsumerException;
import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonReader;
import org.tidemq.common.json.JsonWriter;
import org.tidemq.common.util.AtomicFileWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Offsets of a broadcasting consumer, kept in a local JSON file in RocketMQ's {@code offsets.json} shape
 * ({@code {"offsetTable":{{"brokerName":…,"queueId":…,"topic":…}:offset}}}, MessageQueue object keys, facts §13.1).
 *
 * <p><b>Durability.</b> Each {@link #persistAll} replaces the file through {@link AtomicFileWriter} (temp file,
 * fsync, rename), so a crash leaves the previous or the new content, never a torn file; stray temp files of an
 * interrupted write are ignored. The file holds every offset persisted so far, not only the last call's queues.
 *
 * <p>Thread-safe; persists are serialized.
 */
public final class LocalFileOffsetStore implements OffsetStore {
    /** Default base directory: {@code ~/.tidemq_offsets}. */
    public static final Path DEFAULT_BASE_DIR = Path.of(System.getProperty("user.home"), ".tidemq_offsets");
    public static final String FILE_NAME = "offsets.json";

    private final Path file;
    private final OffsetTable offsets = new OffsetTable();
    /** What the file holds (guarded by this). */
    private final Map<MessageQueue, Long> persisted = new HashMap<>();

    public LocalFileOffsetStore(Path file) {
        this.file = file;
    }

    /** {@code <baseDir>/<clientId>/<group>/offsets.json}. */
    public static Path fileFor(Path baseDir, String clientId, String group) {
        return baseDir.resolve(clientId).resolve(group).resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /**
     * Reads the file into memory; a missing file means no offsets.
     *
     * @throws UncheckedIOException  when the file exists but cannot be read
     * @throws IllegalStateException naming the file when its content is not an offset table
     */
    @Override
    public synchronized void load() {
        Map<MessageQueue, Long> stored = readFile();
        persisted.clear();
        persisted.putAll(stored);
        offsets.putAll(stored);
    }

    private Map<MessageQueue, Long> readFile() {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read consumer offsets file " + file, e);
        }
        try {
            Map<MessageQueue, Long> table = new HashMap<>();
            JsonObject offsetTable = JsonReader.parseObject(content).object("offsetTable");
            if (offsetTable == null) {
                return table;
            }
            for (Map.Entry<Object, Object> entry : offsetTable.members().entrySet()) {
                JsonObject key = JsonObject.toObject(entry.getKey(), "offsetTable key");
                MessageQueue queue = new MessageQueue(key.string("topic"), key.string("brokerName"),
                        key.intValue("queueId", -1));
                table.put(queue, JsonObject.toLong(entry.getValue(), "offset of " + queue));
            }
            return table;
        } catch (NullPointerException | IllegalArgumentException e) {
            throw new IllegalStateException("consumer offsets file " + file + " is not a valid offset table: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public long read(MessageQueue queue, ReadFrom from) {
        if (from != ReadFrom.STORE) {
            Long cached = offsets.get(queue);
            if (cached != null || from == ReadFrom.MEMORY) {
                return cached == null ? -1 : cached;
            }
        }
        Long stored;
        try {
            stored = readFile().get(queue);
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new ConsumerException(e.getMessage(), e);
        }
        if (stored == null) {
            return -1;
        }
        offsets.put(queue, stored);
        return stored;
    }

    @Override
    public void update(MessageQueue queue, long offset, boolean increaseOnly) {
        offsets.update(queue, offset, increaseOnly);
    }

    @Override
    public synchronized CompletableFuture<Void> persistAll(Set<MessageQueue> queues) {
        Map<MessageQueue, Long> next = new HashMap<>(persisted);
        next.putAll(offsets.of(queues));
        try {
            AtomicFileWriter.write(file, encode(next));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new ConsumerException("cannot write consumer offsets file "
                    + file + ": " + e, e));
        }
        persisted.clear();
        persisted.putAll(next);
        return CompletableFuture.completedFuture(null);
    }

    /** The file content for {@code table}, in a stable order. */
    static byte[] encode(Map<MessageQueue, Long> table) {
        Map<String, Map.Entry<MessageQueue, Long>> sorted = new TreeMap<>();
        table.entrySet().forEach(entry -> sorted.put(entry.getKey().toString(), entry));
        JsonWriter json = new JsonWriter(IntKeyStyle.UNQUOTED);
        json.beginObject().name("offsetTable").beginObject();
        for (Map.Entry<MessageQueue, Long> entry : sorted.values()) {
            MessageQueue queue = entry.getKey();
            json.beginObjectName()
                    .field("brokerName", queue.brokerName())
                    .field("queueId", queue.queueId())
                    .field("topic", queue.topic())
                    .endObjectName()
                    .value(entry.getValue());
        }
        json.endObject().endObject();
        return json.toBytes();
    }

    @Override
    public void remove(MessageQueue queue) {
        offsets.remove(queue);
    }

    @Override
    public Map<MessageQueue, Long> snapshot() {
        return offsets.snapshot();
    }
}
