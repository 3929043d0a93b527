package org.tidemq.store.retention;

/**
 * What one {@link RetentionService#runOnce()} did.
 *
 * @param maxUsedRatio            highest used ratio among the watched file systems before deleting (-1 if unknown)
 * @param deleteHour              whether the clock was in a {@code deleteWhen} hour
 * @param forced                  whether unexpired segments could be deleted because the disk is nearly full
 * @param commitLogSegmentsDeleted CommitLog segments deleted
 * @param consumeQueueFilesDeleted ConsumeQueue files deleted
 * @param indexFilesDeleted       index files deleted
 * @param refusalReason           the write gate's reason after the run, null when writes are allowed
 */
public record RetentionRun(
        double maxUsedRatio,
        boolean deleteHour,
        boolean forced,
        int commitLogSegmentsDeleted,
        int consumeQueueFilesDeleted,
        int indexFilesDeleted,
        String refusalReason) {
}
