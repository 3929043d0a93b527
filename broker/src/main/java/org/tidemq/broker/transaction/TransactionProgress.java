package org.tidemq.broker.transaction;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.tidemq.broker.persist.ConfigFileException;
import org.tidemq.broker.persist.JsonConfigFile;
import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonWriter;

/**
 * Where the transaction check resumes, persisted in {@code <storePathRootDir>/config/transactionProgress.json} as
 * {@code {"halfOffset":n,"opOffset":n,"checkCounts":{<halfOffset>:<checks>}}}: every half message below
 * {@code halfOffset} is resolved or discarded, every op record below {@code opOffset} resolves a half message below
 * {@code halfOffset}, and {@code checkCounts} holds the check-backs sent for unresolved half messages at or above
 * {@code halfOffset} (one small entry per open transaction, never message data).
 *
 * <p>Losing the file (or the last changes before a crash) is safe: the check rescans from older offsets, and open
 * transactions are checked a few more times than configured.
 *
 * <p>Thread-safety: all methods are synchronized.
 */
public final class TransactionProgress {
    public static final String FILE_NAME = "transactionProgress.json";

    private final JsonConfigFile file;
    private long halfOffset;
    private long opOffset;
    private final TreeMap<Long, Integer> checkCounts = new TreeMap<>();
    private long changes;
    private long persistedChanges;

    private TransactionProgress(Path file) {
        this.file = new JsonConfigFile(file);
    }

    public static Path fileIn(Path storePathRootDir) {
        return storePathRootDir.resolve("config").resolve(FILE_NAME);
    }

    /**
     * Loads the file (or its backup); an absent file starts at offset 0.
     *
     * @throws ConfigFileException naming the file when neither it nor its backup can be decoded
     */
    public static TransactionProgress load(Path storePathRootDir) throws ConfigFileException {
        TransactionProgress progress = new TransactionProgress(fileIn(storePathRootDir));
        progress.file.load(TransactionProgress::decode).ifPresent(stored -> {
            progress.halfOffset = stored.halfOffset();
            progress.opOffset = stored.opOffset();
            progress.checkCounts.putAll(stored.checkCounts());
        });
        return progress;
    }

    private record Stored(long halfOffset, long opOffset, Map<Long, Integer> checkCounts) {
    }

    private static Stored decode(JsonObject json) {
        Map<Long, Integer> counts = new TreeMap<>();
        JsonObject stored = json.object("checkCounts");
        if (stored != null) {
            for (Map.Entry<Object, Object> entry : stored.members().entrySet()) {
                long offset = nonNegative(JsonObject.toLong(entry.getKey(), "checkCounts key"), "checkCounts key");
                long count = nonNegative(JsonObject.toLong(entry.getValue(), "checkCounts." + offset),
                        "checkCounts." + offset);
                counts.put(offset, (int) Math.min(Integer.MAX_VALUE, count));
            }
        }
        return new Stored(nonNegative(json.longValue("halfOffset", 0), "halfOffset"),
                nonNegative(json.longValue("opOffset", 0), "opOffset"), counts);
    }

    private static long nonNegative(long value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must be >= 0, got " + value);
        }
        return value;
    }

    public Path file() {
        return file.file();
    }

    /** First half-queue offset that may still be unresolved. */
    public synchronized long halfOffset() {
        return halfOffset;
    }

    /** First op-queue offset that may resolve a half message at or above {@link #halfOffset()}. */
    public synchronized long opOffset() {
        return opOffset;
    }

    /** Moves the half offset forward (never back) and forgets the check counts below it. */
    public synchronized void advanceHalf(long nextHalfOffset) {
        if (nextHalfOffset > halfOffset) {
            halfOffset = nextHalfOffset;
            checkCounts.headMap(nextHalfOffset).clear();
            changes++;
        }
    }

    /** Moves the op offset forward (never back). */
    public synchronized void advanceOp(long nextOpOffset) {
        if (nextOpOffset > opOffset) {
            opOffset = nextOpOffset;
            changes++;
        }
    }

    /** Check-backs sent so far for the half message at {@code halfOffset}. */
    public synchronized int checkCount(long halfQueueOffset) {
        return checkCounts.getOrDefault(halfQueueOffset, 0);
    }

    /** Records one more check-back; returns the new count. */
    public synchronized int countCheck(long halfQueueOffset) {
        changes++;
        return checkCounts.merge(halfQueueOffset, 1, Integer::sum);
    }

    /** Forgets the count of a resolved or discarded half message. */
    public synchronized void forget(long halfQueueOffset) {
        if (checkCounts.remove(halfQueueOffset) != null) {
            changes++;
        }
    }

    /** Open transactions with a check count (for tests and monitoring). */
    public synchronized int trackedCount() {
        return checkCounts.size();
    }

    /**
     * Writes the file when anything changed since the last successful write.
     *
     * @throws IOException when the write fails; the changes stay pending
     */
    public synchronized boolean persistIfChanged() throws IOException {
        if (changes == persistedChanges) {
            return false;
        }
        JsonWriter writer = new JsonWriter(IntKeyStyle.UNQUOTED);
        writer.beginObject().name("halfOffset").value(halfOffset).name("opOffset").value(opOffset);
        writer.name("checkCounts").beginObject();
        for (Map.Entry<Long, Integer> entry : checkCounts.entrySet()) {
            writer.name(entry.getKey()).value(entry.getValue());
        }
        writer.endObject().endObject();
        file.write(writer.toBytes());
        persistedChanges = changes;
        return true;
    }
}
