package org.tidemq.store.consumequeue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All ConsumeQueues, under {@code <root>/consumequeue/<topic>/<queueId>/}. Thread-safe lookups; queues are created
 * by the dispatch thread on their first entry.
 */
public final class ConsumeQueueStore {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumeQueueStore.class);

    private final Path rootDir;
    private final int fileSize;
    private final ConcurrentMap<String, ConcurrentMap<Integer, ConsumeQueue>> queues = new ConcurrentHashMap<>();

    public ConsumeQueueStore(Path rootDir, int fileSize) {
        this.rootDir = rootDir;
        this.fileSize = fileSize;
    }

    public Path rootDir() {
        return rootDir;
    }

    /** Maps every queue found on disk (directories not named by a queue id are ignored with a warning). */
    public void load() throws IOException {
        if (!Files.isDirectory(rootDir)) {
            return;
        }
        try (DirectoryStream<Path> topics = Files.newDirectoryStream(rootDir, Files::isDirectory)) {
            for (Path topicDir : topics) {
                String topic = topicDir.getFileName().toString();
                try (DirectoryStream<Path> queueDirs = Files.newDirectoryStream(topicDir, Files::isDirectory)) {
                    for (Path queueDir : queueDirs) {
                        int queueId;
                        try {
                            queueId = Integer.parseInt(queueDir.getFileName().toString());
                        } catch (NumberFormatException e) {
                            LOG.warn("ignoring {}: not a queue id", queueDir);
                            continue;
                        }
                        ConsumeQueue queue = new ConsumeQueue(topic, queueId, queueDir, fileSize);
                        queue.load();
                        queues.computeIfAbsent(topic, t -> new ConcurrentHashMap<>()).put(queueId, queue);
                    }
                }
            }
        }
    }

    public ConsumeQueue find(String topic, int queueId) {
        Map<Integer, ConsumeQueue> byId = queues.get(topic);
        return byId == null ? null : byId.get(queueId);
    }

    public ConsumeQueue findOrCreate(String topic, int queueId) {
        ConsumeQueue queue = find(topic, queueId);
        if (queue != null) {
            return queue;
        }
        return queues.computeIfAbsent(topic, t -> new ConcurrentHashMap<>()).computeIfAbsent(queueId,
                id -> new ConsumeQueue(topic, id, rootDir.resolve(topic).resolve(Integer.toString(id)), fileSize));
    }

    /** Snapshot of every queue. */
    public List<ConsumeQueue> all() {
        List<ConsumeQueue> all = new ArrayList<>();
        queues.values().forEach(byId -> all.addAll(byId.values()));
        return all;
    }

    public Set<String> topics() {
        return Set.copyOf(queues.keySet());
    }

    /** Largest CommitLog end referenced by any queue (-1 if none). */
    public long maxPhysicOffset() {
        long max = -1;
        for (ConsumeQueue queue : all()) {
            max = Math.max(max, queue.maxPhysicOffset());
        }
        return max;
    }

    /** Removes a topic's queues and deletes their files. Dispatching must be paused. */
    public void deleteTopic(String topic) {
        Map<Integer, ConsumeQueue> byId = queues.remove(topic);
        if (byId != null) {
            byId.values().forEach(ConsumeQueue::destroy);
            try {
                Files.deleteIfExists(rootDir.resolve(topic));
            } catch (IOException e) {
                LOG.warn("cannot delete {}: {}", rootDir.resolve(topic), e.toString());
            }
        }
    }

    public void flush(int leastPages) {
        for (ConsumeQueue queue : all()) {
            queue.flush(leastPages);
        }
    }

    public void close() {
        for (ConsumeQueue queue : all()) {
            queue.close();
        }
        queues.clear();
    }
}
