package org.tidemq.broker.persist;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.protocol.DataVersion;

/**
 * A broker table's JSON file in RocketMQ's shape ({@code {"dataVersion":{…}, …}}), rewritten only when its owner has
 * marked a change since the last successful write; each write bumps the {@link DataVersion}.
 *
 * <p>Thread-safety: {@link #markChanged()} is lock-free and may race with a write (a change the write's snapshot
 * missed keeps the file dirty for the next call); writes and the version they produce are serialized.
 */
public final class VersionedJsonFile {
    private final JsonConfigFile file;
    private final LongSupplier clock;
    private final AtomicLong changeCount = new AtomicLong();
    /** {@link #changeCount} covered by the last successful write; guarded by {@code this}. */
    private long persistedChangeCount;
    private volatile DataVersion dataVersion;

    public VersionedJsonFile(Path file, LongSupplier clock) {
        this.file = new JsonConfigFile(file);
        this.clock = clock;
        this.dataVersion = DataVersion.initial(clock.getAsLong());
    }

    /**
     * Decodes the file (or its backup) and takes over the stored version when {@code storedVersion} finds one; an
     * absent file is empty.
     *
     * @throws ConfigFileException naming the file when neither it nor its backup can be decoded
     */
    public <T> Optional<T> load(Function<JsonObject, T> decoder, Function<T, DataVersion> storedVersion)
            throws ConfigFileException {
        Optional<T> stored = file.load(decoder);
        stored.map(storedVersion).ifPresent(version -> dataVersion = version);
        return stored;
    }

    public Path file() {
        return file.file();
    }

    /** The version of the last write (or of the loaded file). */
    public DataVersion dataVersion() {
        return dataVersion;
    }

    /** Records that the table changed and the file is stale. */
    public void markChanged() {
        changeCount.incrementAndGet();
    }

    /** Whether a change was marked since the last successful write. */
    public synchronized boolean hasUnpersistedChanges() {
        return changeCount.get() != persistedChangeCount;
    }

    /**
     * Writes {@code encoder}'s bytes for the next version when a change was marked since the last successful write.
     *
     * @return whether the file was written
     * @throws IOException when the write fails; the changes stay pending for the next call
     */
    public synchronized boolean persistIfChanged(Function<DataVersion, byte[]> encoder) throws IOException {
        long changes = changeCount.get();
        if (changes == persistedChangeCount) {
            return false;
        }
        DataVersion next = dataVersion.next(clock.getAsLong());
        file.write(encoder.apply(next));
        dataVersion = next;
        persistedChangeCount = changes;
        return true;
    }
}
