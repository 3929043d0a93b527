package org.tidemq.store.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Deleting expired segments and protecting the disk.
 *
 * @param deleteWhen                          hours of day ("04", "03;04") when expired files are deleted
 * @param fileReservedTimeHours               a segment expires this long after its last write
 * @param diskMaxUsedSpaceRatioPercent        above this disk usage expired files are deleted at once
 * @param diskSpaceCleanForciblyRatioPercent  above this disk usage appends are refused and the oldest files deleted
 * @param cleanResourceIntervalMs             how often the retention services run
 * @param deleteCommitLogFilesIntervalMs      pause between two CommitLog segment deletions in one run
 * @param cleanFileForciblyEnable             whether a nearly full disk deletes unexpired files
 * @param deleteFilesBatchMax                 at most this many segments are deleted per run
 */
public record RetentionConfig(
        String deleteWhen,
        int fileReservedTimeHours,
        int diskMaxUsedSpaceRatioPercent,
        int diskSpaceCleanForciblyRatioPercent,
        int cleanResourceIntervalMs,
        int deleteCommitLogFilesIntervalMs,
        boolean cleanFileForciblyEnable,
        int deleteFilesBatchMax) {

    private static final Pattern DELETE_WHEN = Pattern.compile("\\d{1,2}(;\\d{1,2})*");

    public RetentionConfig {
        Objects.requireNonNull(deleteWhen, "deleteWhen");
        if (!DELETE_WHEN.matcher(deleteWhen).matches()) {
            throw new IllegalArgumentException("deleteWhen must be hours of day separated by ';' (e.g. \"04\"), got \""
                    + deleteWhen + "\"");
        }
        for (String hour : deleteWhen.split(";")) {
            if (Integer.parseInt(hour) > 23) {
                throw new IllegalArgumentException("deleteWhen hour " + hour + " is not in 0..23");
            }
        }
        ConfigChecks.positive("fileReservedTime", fileReservedTimeHours);
        ConfigChecks.percent("diskMaxUsedSpaceRatio", diskMaxUsedSpaceRatioPercent);
        ConfigChecks.percent("diskSpaceCleanForciblyRatio", diskSpaceCleanForciblyRatioPercent);
        ConfigChecks.positive("cleanResourceInterval", cleanResourceIntervalMs);
        ConfigChecks.notNegative("deleteCommitLogFilesInterval", deleteCommitLogFilesIntervalMs);
        ConfigChecks.positive("deleteFilesBatchMax", deleteFilesBatchMax);
    }

    public static RetentionConfig defaults() {
        return new RetentionConfig("04", 72, 75, 90, 10_000, 100, true, 10);
    }
}
