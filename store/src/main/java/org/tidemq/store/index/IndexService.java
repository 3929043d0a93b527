package org.tidemq.store.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.store.dispatch.CommitLogDispatcher;
import org.tidemq.store.dispatch.DispatchRequest;
import org.tidemq.common.message.MessageSysFlag;

/**
 * The message-key index: a sequence of {@link IndexFile}s in {@code <storeRoot>/index}, each named by its creation
 * time ({@code yyyyMMddHHmmssSSS}). Every dispatched message is indexed under {@code topic#UNIQ_KEY} and under
 * {@code topic#k} for each space-separated token {@code k} of its KEYS; rolled-back transactional messages are not
 * indexed. When the newest file is full a new one is started and the full one is flushed in the background.
 *
 * <p><b>Threads.</b> One dispatcher thread calls {@link #dispatch}; any number of threads may {@link #query}
 * concurrently, and {@link #flush()} and {@link #deleteFilesBelow} may run on other threads at the same time. The file
 * list is copy-on-write; queries and flushes work on a snapshot whose files they hold a reference to, so a file
 * deleted meanwhile stays mapped until they are done and no lock is held during a force or a search. Retention never
 * deletes the newest file, the only one the dispatcher writes. {@link #load}, {@link #truncateAbove} and
 * {@link #shutdown} must not run concurrently with the dispatcher.
 *
 * <p><b>Durability and recovery</b> (RocketMQ's checkpoint semantics). The index is derived data: it is forced to
 * disk when a file fills up and at shutdown. Once a full file and all older ones are forced, the checkpoint's
 * {@code indexMsgTimestamp} is set to its {@code endTimestamp}. After an unclean shutdown, {@link #load} keeps only
 * the leading full files covered by that timestamp and deletes the rest; {@link #truncateAbove} then drops files that
 * point past the recovered end of the CommitLog. Recovery must re-dispatch every CommitLog record from
 * {@link #reindexFromPhyOffset()} on; records already indexed are skipped, so replaying more is harmless.
 */
public final class IndexService implements CommitLogDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(IndexService.class);

    /** Upper bound on one query's results (RocketMQ's {@code maxMsgsNumBatch}). */
    public static final int MAX_RESULTS_PER_QUERY = 64;

    private static final DateTimeFormatter FILE_NAME_FORMAT = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");
    private static final Pattern FILE_NAME = Pattern.compile("\\d{17}");
    private static final String KEY_SEPARATOR = " ";

    private final Path dir;
    private final IndexFileLayout layout;
    private final IndexCheckpoint checkpoint;
    private final Clock clock;
    private final Executor flushExecutor;

    /** Oldest first. Structural changes happen under {@code this}. */
    private final CopyOnWriteArrayList<IndexFile> files = new CopyOnWriteArrayList<>();
    private final Object flushLock = new Object();
    private volatile boolean closed;

    /**
     * @param dir           index directory (created when the first file is)
     * @param layout        geometry of new and existing files
     * @param checkpoint    where the durable index position is recorded
     * @param clock         names new files
     * @param flushExecutor runs the flush of a file that just filled up, off the dispatcher thread
     */
    public IndexService(Path dir, IndexFileLayout layout, IndexCheckpoint checkpoint, Clock clock,
                        Executor flushExecutor) {
        this.dir = dir;
        this.layout = layout;
        this.checkpoint = checkpoint;
        this.clock = clock;
        this.flushExecutor = flushExecutor;
    }

    /**
     * Maps the existing index files. After an unclean shutdown only the leading files that were full and forced
     * (their {@code endTimestamp} is covered by the checkpoint's {@code indexMsgTimestamp}) are kept; the others are
     * deleted, to be rebuilt by re-dispatch.
     *
     * @throws IOException naming the file when a file cannot be used after a clean shutdown
     */
    public synchronized void load(boolean lastExitClean) throws IOException {
        long durableTimestamp = checkpoint.indexMsgTimestamp();
        boolean trusted = true;
        for (Path path : listIndexFiles()) {
            IndexFile file;
            try {
                file = IndexFile.open(path, layout);
            } catch (IOException e) {
                if (lastExitClean) {
                    throw e;
                }
                LOG.warn("deleting unreadable index file after an unclean shutdown: {}", e.getMessage());
                Files.deleteIfExists(path);
                trusted = false;
                continue;
            }
            if (!lastExitClean) {
                trusted = trusted && file.isWriteFull() && file.endTimestamp() <= durableTimestamp;
                if (!trusted) {
                    LOG.info("deleting index file not covered by the checkpoint (indexMsgTimestamp {}): {}",
                            durableTimestamp, file);
                    file.destroy();
                    continue;
                }
            }
            files.add(file);
        }
    }

    private List<Path> listIndexFiles() throws IOException {
        List<Path> paths = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return paths;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path path : stream) {
                if (Files.isRegularFile(path) && FILE_NAME.matcher(path.getFileName().toString()).matches()) {
                    paths.add(path);
                } else {
                    LOG.warn("ignoring {}: not an index file (17-digit name expected)", path);
                }
            }
        }
        paths.sort(null);
        return paths;
    }

    /**
     * Recovery: deletes the index files holding entries at or past {@code maxPhyOffset} (the end of the recovered
     * CommitLog). Their entries below it are rebuilt by re-dispatch from {@link #reindexFromPhyOffset()}.
     *
     * @return the number of files deleted
     */
    public synchronized int truncateAbove(long maxPhyOffset) throws IOException {
        int deleted = 0;
        IndexFile newest;
        while ((newest = newest()) != null && newest.endPhyOffset() >= maxPhyOffset) {
            files.remove(newest);
            LOG.info("deleting index file reaching past the CommitLog end {}: {}", maxPhyOffset, newest);
            newest.destroy();
            deleted++;
        }
        return deleted;
    }

    /**
     * CommitLog offset from which recovery must re-dispatch records for the index to be complete: the newest
     * indexed message (it may have been cut off between two files), or 0 when there is no index file.
     */
    public long reindexFromPhyOffset() {
        IndexFile newest = newest();
        return newest == null ? 0 : newest.endPhyOffset();
    }

    /** Indexes the record's UNIQ_KEY and KEYS; see {@link #buildIndex}. */
    @Override
    public void dispatch(DispatchRequest request) {
        buildIndex(request.topic(), request.commitLogOffset(), request.storeTimestamp(), request.sysFlag(),
                request.uniqKey(), request.keys());
    }

    /** Recovery: {@link #truncateAbove}. */
    @Override
    public void truncateTo(long commitLogEndOffset) {
        try {
            truncateAbove(commitLogEndOffset);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete index files past CommitLog offset " + commitLogEndOffset, e);
        }
    }

    /** Replay must start at {@link #reindexFromPhyOffset()}. */
    @Override
    public long durableCommitLogOffset() {
        return reindexFromPhyOffset();
    }

    /**
     * Indexes one message. Dispatcher thread only. Messages below the newest indexed offset were indexed before
     * (a replay during recovery) and are skipped.
     *
     * @param keys the KEYS property (space-separated), or null
     * @param uniqKey the UNIQ_KEY property, or null
     */
    public void buildIndex(String topic, long commitLogOffset, long storeTimestamp, int sysFlag, String uniqKey,
                           String keys) {
        if (MessageSysFlag.transactionType(sysFlag) == MessageSysFlag.TRANSACTION_ROLLBACK_TYPE || closed) {
            return;
        }
        IndexFile newest = newest();
        if (newest != null && commitLogOffset < newest.endPhyOffset()) {
            return;
        }
        try {
            if (uniqKey != null && !uniqKey.isEmpty()) {
                putKey(IndexKeys.indexKey(topic, uniqKey), commitLogOffset, storeTimestamp);
            }
            if (keys != null && !keys.isEmpty()) {
                for (String key : keys.split(KEY_SEPARATOR)) {
                    if (!key.isEmpty()) {
                        putKey(IndexKeys.indexKey(topic, key), commitLogOffset, storeTimestamp);
                    }
                }
            }
        } catch (IOException e) {
            // The index is derived data: a message that cannot be indexed is still stored and readable.
            LOG.error("cannot index the message at CommitLog offset {} of topic {}: {}", commitLogOffset, topic,
                    e.toString());
        }
    }

    /**
     * Writes into the newest file without taking a reference: only the dispatcher writes, and nothing but
     * {@link #truncateAbove} and {@link #shutdown} (which run while it is stopped) closes the newest file.
     */
    private void putKey(String indexKey, long commitLogOffset, long storeTimestamp) throws IOException {
        IndexFile file = newest();
        if (file == null) {
            file = createFile(0, 0);
        }
        if (file.putKey(indexKey, commitLogOffset, storeTimestamp)) {
            return;
        }
        IndexFile next = createFile(file.endPhyOffset(), file.endTimestamp());
        flushExecutor.execute(this::flush);
        if (!next.putKey(indexKey, commitLogOffset, storeTimestamp)) {
            throw new IllegalStateException("a new index file refused its first key: " + next);
        }
    }

    private synchronized IndexFile createFile(long initialPhyOffset, long initialTimestamp) throws IOException {
        Files.createDirectories(dir);
        IndexFile file = IndexFile.create(dir.resolve(nextFileName()), layout, initialPhyOffset, initialTimestamp);
        files.add(file);
        return file;
    }

    /** Creation time; bumped past the newest name so that name order stays creation order. */
    private String nextFileName() {
        String name = FILE_NAME_FORMAT.format(clock.instant().atZone(clock.getZone()));
        IndexFile newest = newest();
        if (newest != null && name.compareTo(newest.fileName()) <= 0) {
            name = String.format("%017d", Long.parseLong(newest.fileName()) + 1);
        }
        return name;
    }

    /**
     * Offsets of messages of {@code topic} indexed under {@code key} and stored within [{@code beginTimestamp},
     * {@code endTimestamp}] (one-second resolution), newest first, at most min({@code maxNum},
     * {@value #MAX_RESULTS_PER_QUERY}). Safe from any thread.
     */
    public IndexQueryResult query(String topic, String key, int maxNum, long beginTimestamp, long endTimestamp) {
        int limit = Math.min(maxNum, MAX_RESULTS_PER_QUERY);
        String indexKey = IndexKeys.indexKey(topic, key);
        Set<Long> offsets = new LinkedHashSet<>();
        List<Long> fromFile = new ArrayList<>();
        List<IndexFile> snapshot = retainAll();
        try {
            if (snapshot.isEmpty()) {
                return new IndexQueryResult(List.of(), 0, 0);
            }
            for (int i = snapshot.size() - 1; i >= 0 && offsets.size() < limit; i--) {
                IndexFile file = snapshot.get(i);
                if (file.overlaps(beginTimestamp, endTimestamp)) {
                    fromFile.clear();
                    file.selectPhyOffsets(fromFile, indexKey, limit - offsets.size(), beginTimestamp, endTimestamp);
                    offsets.addAll(fromFile);
                }
                if (file.beginTimestamp() < beginTimestamp) {
                    break;
                }
            }
            IndexFile newest = snapshot.get(snapshot.size() - 1);
            return new IndexQueryResult(new ArrayList<>(offsets), newest.endTimestamp(), newest.endPhyOffset());
        } finally {
            snapshot.forEach(IndexFile::release);
        }
    }

    /**
     * Forces every file with unforced keys, oldest first, then moves the checkpoint's {@code indexMsgTimestamp} to
     * the newest full file's {@code endTimestamp}. Safe from any thread; flushes run one at a time.
     */
    public void flush() {
        synchronized (flushLock) {
            if (closed) {
                return;
            }
            long durableTimestamp = -1;
            List<IndexFile> snapshot = retainAll();
            try {
                for (IndexFile file : snapshot) {
                    boolean full = file.isWriteFull();
                    if (file.isDirty()) {
                        file.flush();
                    }
                    if (full) {
                        durableTimestamp = file.endTimestamp();
                    }
                }
            } finally {
                snapshot.forEach(IndexFile::release);
            }
            if (durableTimestamp > checkpoint.indexMsgTimestamp()) {
                checkpoint.recordIndexMsgTimestamp(durableTimestamp);
            }
        }
    }

    /** The files, oldest first, each retained (a file closed meanwhile is left out); release each. */
    private List<IndexFile> retainAll() {
        List<IndexFile> retained = new ArrayList<>();
        for (IndexFile file : files) {
            if (file.retain()) {
                retained.add(file);
            }
        }
        return retained;
    }

    /**
     * Retention: deletes the oldest files whose entries all point below {@code commitLogMinOffset}, never the newest.
     * A query or flush still using a deleted file keeps it mapped until it is done.
     *
     * @return the number of files deleted
     */
    public synchronized int deleteFilesBelow(long commitLogMinOffset) {
        int deleted = 0;
        while (files.size() > 1 && files.get(0).endPhyOffset() < commitLogMinOffset) {
            IndexFile file = files.remove(0);
            try {
                file.destroy();
            } catch (IOException e) {
                LOG.warn("cannot delete index file {}: {}", file.path(), e.toString());
            }
            deleted++;
            LOG.info("deleted index file below the CommitLog minimum {}: {}", commitLogMinOffset, file);
        }
        return deleted;
    }

    /** Store timestamp of the newest indexed message (0 when nothing is indexed). */
    public long lastUpdateTimestamp() {
        IndexFile newest = newest();
        return newest == null ? 0 : newest.endTimestamp();
    }

    /** CommitLog offset of the newest indexed message (0 when nothing is indexed). */
    public long lastUpdatePhyOffset() {
        return reindexFromPhyOffset();
    }

    /** Snapshot of the files, oldest first, for diagnostics and tests. */
    public List<IndexFile> files() {
        return List.copyOf(files);
    }

    /** Forces everything and unmaps the files. Idempotent; the dispatcher must have stopped. */
    public void shutdown() {
        flush();
        synchronized (flushLock) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
                files.forEach(IndexFile::close);
                files.clear();
            }
        }
    }

    private IndexFile newest() {
        while (true) {
            int size = files.size();
            if (size == 0) {
                return null;
            }
            try {
                return files.get(size - 1);
            } catch (IndexOutOfBoundsException shrankMeanwhile) {
                // Retention removed a file between size() and get(); look again.
            }
        }
    }
}
