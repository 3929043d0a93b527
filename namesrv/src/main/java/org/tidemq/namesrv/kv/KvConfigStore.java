package org.tidemq.namesrv.kv;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.json.JsonMaps;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonParseException;
import org.tidemq.common.json.JsonReader;
import org.tidemq.common.json.JsonTypeException;
import org.tidemq.common.json.JsonWriter;
import org.tidemq.common.util.AtomicFileWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The name server's only durable state: namespaced string key/values (PUT/GET/DELETE_KV_CONFIG), kept in memory and
 * persisted to one file in RocketMQ's {@code kvConfig.json} format ({@code {"configTable":{ns:{key:value}}}}), so an
 * existing RocketMQ file loads as is.
 *
 * <p>Durability: {@link #put} and {@link #delete} return only after the whole table is on disk, written crash-safely
 * (temp file, fsync, rename); if that write fails they throw, the in-memory table is rolled back, and the old file
 * stays intact — memory never holds what the disk does not.
 *
 * <p>Thread-safety: a read-write lock; reads run concurrently, writes (and their file write) one at a time.
 */
public final class KvConfigStore {
    /** Namespace of per-topic order configs ({@code brokerName:queueNums;…}). */
    public static final String ORDER_TOPIC_CONFIG = "ORDER_TOPIC_CONFIG";

    private static final Logger LOG = LoggerFactory.getLogger(KvConfigStore.class);

    /** Writes the file's new content; the default is {@link AtomicFileWriter}. */
    @FunctionalInterface
    public interface FileSink {
        void write(Path file, byte[] content) throws IOException;
    }

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Map<String, String>> table = new HashMap<>();
    private final Path file;
    private final FileSink sink;

    private KvConfigStore(Path file, FileSink sink) {
        this.file = file;
        this.sink = sink;
    }

    /** Loads {@code file} (a missing file is an empty table) and persists there with {@link AtomicFileWriter}. */
    public static KvConfigStore load(Path file) throws KvConfigLoadException {
        return load(file, AtomicFileWriter::write);
    }

    public static KvConfigStore load(Path file, FileSink sink) throws KvConfigLoadException {
        KvConfigStore store = new KvConfigStore(file, sink);
        String content;
        try {
            content = Files.readString(file);
        } catch (NoSuchFileException e) {
            return store;
        } catch (IOException e) {
            throw new KvConfigLoadException(file, e.toString(), e);
        }
        if (content.isBlank()) {
            return store;
        }
        try {
            JsonObject configTable = JsonReader.parseObject(content).object("configTable");
            if (configTable != null) {
                for (Map.Entry<Object, Object> entry : configTable.members().entrySet()) {
                    String namespace = JsonObject.toText(entry.getKey(), "configTable key");
                    JsonObject values = entry.getValue() == null ? null
                            : JsonObject.toObject(entry.getValue(), "configTable." + namespace);
                    store.table.put(namespace, new HashMap<>(JsonMaps.readStringMap(values, "configTable." + namespace)));
                }
            }
        } catch (JsonParseException | JsonTypeException e) {
            throw new KvConfigLoadException(file, "not a valid KV config JSON document: " + e.getMessage(), e);
        }
        LOG.info("loaded KV config from {}: {} namespaces", file, store.table.size());
        return store;
    }

    public Path file() {
        return file;
    }

    /** The value, or {@code null} when the namespace or key is absent. */
    public String get(String namespace, String key) {
        lock.readLock().lock();
        try {
            Map<String, String> values = table.get(namespace);
            return values == null ? null : values.get(key);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A copy of one namespace sorted by key, or {@code null} when the namespace does not exist. */
    public Map<String, String> namespace(String namespace) {
        lock.readLock().lock();
        try {
            Map<String, String> values = table.get(namespace);
            return values == null ? null : new TreeMap<>(values);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Sets a value and persists; on an I/O failure nothing changes and the exception propagates. */
    public void put(String namespace, String key, String value) throws IOException {
        lock.writeLock().lock();
        try {
            boolean newNamespace = !table.containsKey(namespace);
            Map<String, String> values = table.computeIfAbsent(namespace, k -> new HashMap<>());
            String previous = values.put(key, value);
            try {
                persist();
            } catch (IOException | RuntimeException e) {
                if (previous == null) {
                    values.remove(key);
                } else {
                    values.put(key, previous);
                }
                if (newNamespace) {
                    table.remove(namespace);
                }
                throw e;
            }
            LOG.info("KV config {} {}:{} = {}", previous == null ? "created" : "updated", namespace, key, value);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Removes a key and persists. The namespace stays (empty), as RocketMQ keeps it.
     *
     * @return false when the key was absent (nothing is written)
     */
    public boolean delete(String namespace, String key) throws IOException {
        lock.writeLock().lock();
        try {
            Map<String, String> values = table.get(namespace);
            if (values == null || !values.containsKey(key)) {
                return false;
            }
            String previous = values.remove(key);
            try {
                persist();
            } catch (IOException | RuntimeException e) {
                values.put(key, previous);
                throw e;
            }
            LOG.info("KV config deleted {}:{} (was {})", namespace, key, previous);
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void persist() throws IOException {
        JsonWriter writer = new JsonWriter(IntKeyStyle.QUOTED);
        writer.beginObject().name("configTable").beginObject();
        for (Map.Entry<String, Map<String, String>> namespace : new TreeMap<>(table).entrySet()) {
            writer.name(namespace.getKey());
            JsonMaps.writeStringMap(writer, new TreeMap<>(namespace.getValue()));
        }
        writer.endObject().endObject();
        sink.write(file, writer.toBytes());
    }
}
