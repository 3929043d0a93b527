package org.tidemq.store.retention;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.store.WriteGate;
import org.tidemq.store.config.RetentionConfig;
import org.tidemq.store.mappedfile.MappedFile;
import org.tidemq.store.mappedfile.MappedFileQueue;

/**
 * Deletes expired CommitLog segments and protects the disk (RocketMQ's CleanCommitLogService and
 * CleanConsumeQueueService). Every {@code cleanResourceInterval} one {@link #runOnce() run}:
 * <ol>
 *   <li>measures the watched file systems with the injected {@link DiskUsageProbe};</li>
 *   <li>above {@code diskSpaceCleanForciblyRatio} it refuses new appends through its {@link WriteGate} with a reason
 *       naming the usage, the path and the limit, so a producer gets SERVICE_NOT_AVAILABLE instead of an append that
 *       fails half-written; at or below it appends are allowed again;</li>
 *   <li>deletes CommitLog segments, oldest first: those last written more than {@code fileReservedTime} hours ago,
 *       during a {@code deleteWhen} hour or at once when usage is above {@code diskMaxUsedSpaceRatio}; above
 *       {@code diskSpaceCleanForciblyRatio} (with {@code cleanFileForciblyEnable}) also unexpired ones, measuring again
 *       after each so that no more is deleted than needed. A run deletes
 *       at most {@code deleteFileBatchMax} segments, pausing {@code deleteCommitLogFilesInterval} between two. It never
 *       deletes the segment being written, nor one holding records not yet flushed or dispatched;</li>
 *   <li>deletes ConsumeQueue and index files that only point below the CommitLog's new minimum;</li>
 *   <li>measures again after deleting, so appends resume in the same run that freed the space.</li>
 * </ol>
 *
 * <p><b>Threads.</b> Runs are serialised; {@link #refusalReason()} is a volatile read, cheap enough for every append.
 * The clock decides expiry and delete hours, so tests drive time and disk usage without sleeping.
 */
public final class RetentionService implements WriteGate {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionService.class);
    private static final long MILLIS_PER_HOUR = 3_600_000L;
    private static final double PERCENT = 100.0;

    private final RetentionConfig config;
    private final DeleteSchedule schedule;
    private final RetentionTarget target;
    private final DiskUsageProbe probe;
    private final Clock clock;
    private final Pause pause;

    private volatile String refusalReason;
    private ScheduledExecutorService scheduler;

    public RetentionService(RetentionConfig config, RetentionTarget target, DiskUsageProbe probe, Clock clock,
                            Pause pause) {
        this.config = config;
        this.schedule = DeleteSchedule.parse(config.deleteWhen());
        this.target = target;
        this.probe = probe;
        this.clock = clock;
        this.pause = pause;
    }

    /** Starts the background runs on a daemon thread; the first run happens at once so a full disk is seen early. */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tidemq-retention");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::runLogged, 0, config.cleanResourceIntervalMs(), TimeUnit.MILLISECONDS);
    }

    /** Stops the background runs, interrupting a pause between deletions. Idempotent. */
    public synchronized void shutdown() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(config.cleanResourceIntervalMs(), TimeUnit.MILLISECONDS)) {
                LOG.warn("retention run did not stop within {} ms", config.cleanResourceIntervalMs());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
    }

    private void runLogged() {
        try {
            RetentionRun run = runOnce();
            if (run.commitLogSegmentsDeleted() + run.consumeQueueFilesDeleted() + run.indexFilesDeleted() > 0) {
                LOG.info("retention: {}", run);
            }
        } catch (RuntimeException e) {
            LOG.error("retention run failed; retrying in {} ms", config.cleanResourceIntervalMs(), e);
        }
    }

    @Override
    public String refusalReason() {
        return refusalReason;
    }

    /** One pass: measure, gate, delete, measure again. Serialised with other runs. */
    public synchronized RetentionRun runOnce() {
        DiskUsage before = measure();
        updateGate(before);
        boolean deleteHour = schedule.isDeleteHour(clock.instant(), clock.getZone());
        boolean overMaxUsed = before.isAbove(config.diskMaxUsedSpaceRatioPercent());
        boolean forced = config.cleanFileForciblyEnable() && before.isAbove(config.diskSpaceCleanForciblyRatioPercent());

        int segmentsDeleted = 0;
        if (deleteHour || overMaxUsed || forced) {
            segmentsDeleted = deleteSegments(forced);
        }
        long commitLogMinOffset = target.commitLog().minOffset();
        int consumeQueueFilesDeleted = target.deleteConsumeQueueFilesBelow(commitLogMinOffset);
        int indexFilesDeleted = target.deleteIndexFilesBelow(commitLogMinOffset);
        if (segmentsDeleted + consumeQueueFilesDeleted + indexFilesDeleted > 0) {
            updateGate(measure());
        }
        return new RetentionRun(before.ratio(), deleteHour, forced, segmentsDeleted, consumeQueueFilesDeleted,
                indexFilesDeleted, refusalReason);
    }

    private int deleteSegments(boolean forced) {
        MappedFileQueue commitLog = target.commitLog();
        long now = clock.millis();
        long reservedMs = config.fileReservedTimeHours() * MILLIS_PER_HOUR;
        long deletableBelow = target.deletableBelowOffset();
        int deleted = 0;
        boolean stillForced = forced;
        while (deleted < config.deleteFilesBatchMax()) {
            if (stillForced && deleted > 0) {
                // Delete unexpired data only while the disk is still too full.
                stillForced = measure().isAbove(config.diskSpaceCleanForciblyRatioPercent());
            }
            MappedFile oldest = commitLog.firstSegment();
            if (oldest == null || !isDeletable(oldest, deletableBelow, stillForced, now, reservedMs)) {
                break;
            }
            if (deleted > 0 && !pauseBetweenDeletions()) {
                break;
            }
            if (commitLog.deleteSegmentsWhile(segment -> segment == oldest, 1) == 0) {
                // It is the segment being written.
                break;
            }
            LOG.info("retention deleted CommitLog segment {} ({})", oldest.path(),
                    stillForced ? "disk nearly full" : "expired");
            deleted++;
        }
        return deleted;
    }

    private static boolean isDeletable(MappedFile segment, long deletableBelow, boolean forced, long now,
                                       long reservedMs) {
        if (segment.fileEndOffset() > deletableBelow) {
            return false;
        }
        long lastWrite = Math.max(segment.storeTimestamp(), segment.lastModifiedMillis());
        return forced || lastWrite + reservedMs <= now;
    }

    private boolean pauseBetweenDeletions() {
        if (config.deleteCommitLogFilesIntervalMs() == 0) {
            return true;
        }
        try {
            pause.pause(config.deleteCommitLogFilesIntervalMs());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private DiskUsage measure() {
        DiskUsage worst = DiskUsage.UNKNOWN;
        for (Path dir : target.watchedDirs()) {
            try {
                double ratio = probe.usedRatio(dir);
                if (ratio > worst.ratio()) {
                    worst = new DiskUsage(ratio, dir);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot measure disk usage of {}: {}", dir, e.toString());
            }
        }
        return worst;
    }

    private void updateGate(DiskUsage usage) {
        if (usage.isUnknown()) {
            // Keep the last decision: an unreadable file system is no reason to open or close the gate.
            return;
        }
        int limit = config.diskSpaceCleanForciblyRatioPercent();
        String reason = usage.isAbove(limit)
                ? String.format(Locale.ROOT, "disk full: %.1f%% used on %s (limit %d%%)", usage.ratio() * PERCENT,
                        usage.dir(), limit)
                : null;
        String previous = refusalReason;
        refusalReason = reason;
        if (reason != null && previous == null) {
            LOG.error("refusing appends: {}", reason);
        } else if (reason == null && previous != null) {
            LOG.warn("accepting appends again: disk usage {} is at or below {}% (was: {})",
                    String.format(Locale.ROOT, "%.1f%%", usage.ratio() * PERCENT), limit, previous);
        }
    }

    /** The fullest watched file system. */
    private record DiskUsage(double ratio, Path dir) {

        static final DiskUsage UNKNOWN = new DiskUsage(-1, null);

        boolean isUnknown() {
            return dir == null;
        }

        boolean isAbove(int percent) {
            return !isUnknown() && ratio * PERCENT > percent;
        }
    }
}
