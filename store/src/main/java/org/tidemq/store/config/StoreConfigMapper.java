package org.tidemq.store.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns RocketMQ {@code broker.properties} storage keys into a {@link StoreConfig}.
 *
 * <p>Only the keys in {@link #KEYS} and {@link #DEPRECATED_ALIASES} are read; other keys belong to other subsystems
 * and are left to the process-level mapper (which warns about keys nobody knows). Values are trimmed; a malformed
 * value is refused with an {@link IllegalArgumentException} naming the key and the value (RocketMQ silently ignores
 * it, which hides typos in production). The pre-4.5.2 spellings {@code mapedFileSizeCommitLog} and
 * {@code mapedFileSizeConsumeQueue} are still accepted, with a warning naming them; the current spelling wins when
 * both are present.
 */
public final class StoreConfigMapper {

    private static final Logger LOG = LoggerFactory.getLogger(StoreConfigMapper.class);

    /** Deprecated key → current key. */
    public static final Map<String, String> DEPRECATED_ALIASES = Map.of(
            "mapedFileSizeCommitLog", "mappedFileSizeCommitLog",
            "mapedFileSizeConsumeQueue", "mappedFileSizeConsumeQueue");

    /** Every current key this mapper reads. */
    public static final Set<String> KEYS = Set.of(
            "storePathRootDir", "storePathCommitLog", "mappedFileSizeCommitLog", "mappedFileSizeConsumeQueue",
            "maxMessageSize", "warmMapedFileEnable", "useReentrantLockWhenPutMessage", "osPageCacheBusyTimeOutMills",
            "flushDiskType", "flushIntervalCommitLog", "flushCommitLogLeastPages", "flushCommitLogThoroughInterval",
            "syncFlushTimeout", "flushIntervalConsumeQueue", "flushConsumeQueueLeastPages",
            "flushConsumeQueueThoroughInterval", "messageIndexEnable", "maxHashSlotNum", "maxIndexNum",
            "deleteWhen", "fileReservedTime", "diskMaxUsedSpaceRatio", "diskSpaceCleanForciblyRatio",
            "cleanResourceInterval", "deleteCommitLogFilesInterval", "cleanFileForciblyEnable", "deleteFileBatchMax");

    /**
     * RocketMQ keys TideMQ accepts but has no use for, with the reason it gives in a warning naming the key (so an
     * operator's existing file keeps working and learns the setting does nothing).
     */
    public static final Map<String, String> INEFFECTIVE_KEYS = Map.of(
            "deleteConsumeQueueFilesInterval",
            "ConsumeQueue files below the CommitLog minimum are small and deleted together",
            "destroyMapedFileIntervalForcibly",
            "a deleted segment is unmapped when its last reader releases it (reference counting), never forcibly");

    private StoreConfigMapper() {
    }

    /**
     * Whether this mapper reads {@code key} (current or deprecated spelling).
     */
    public static boolean isStoreKey(String key) {
        return KEYS.contains(key) || DEPRECATED_ALIASES.containsKey(key) || INEFFECTIVE_KEYS.containsKey(key);
    }

    /**
     * Maps the storage keys of {@code properties}; warnings (deprecated keys) are logged.
     *
     * @param properties       key → value, e.g. a loaded {@code broker.properties}
     * @param defaultRootDir   store root when {@code storePathRootDir} is absent (RocketMQ: {@code ~/store})
     * @throws IllegalArgumentException naming the key when a value is malformed or out of range
     */
    public static StoreConfig map(Map<String, String> properties, Path defaultRootDir) {
        return map(properties, defaultRootDir, LOG::warn);
    }

    /** As {@link #map(Map, Path)}, handing each warning to {@code warnings} instead of the log. */
    public static StoreConfig map(Map<String, String> properties, Path defaultRootDir, Consumer<String> warnings) {
        Values v = new Values(resolveAliases(properties, warnings));
        INEFFECTIVE_KEYS.forEach((key, reason) -> {
            if (properties.containsKey(key)) {
                warnings.accept("Key '" + key + "' has no effect in TideMQ: " + reason);
            }
        });
        StoreConfig.Builder b = StoreConfig.builder(v.path("storePathRootDir", defaultRootDir));
        Path commitLog = v.path("storePathCommitLog", null);
        if (commitLog != null) {
            b.storePathCommitLog(commitLog);
        }
        b.mappedFileSizeCommitLogBytes(v.integer("mappedFileSizeCommitLog", StoreConfig.DEFAULT_MAPPED_FILE_SIZE_COMMIT_LOG))
                .mappedFileSizeConsumeQueueBytes(
                        v.integer("mappedFileSizeConsumeQueue", StoreConfig.DEFAULT_MAPPED_FILE_SIZE_CONSUME_QUEUE))
                .warmMappedFileEnable(v.bool("warmMapedFileEnable", false))
                .appendLockType(v.bool("useReentrantLockWhenPutMessage", true)
                        ? AppendLockType.REENTRANT : AppendLockType.SPIN)
                .osPageCacheBusyTimeoutMs(
                        v.integer("osPageCacheBusyTimeOutMills", StoreConfig.DEFAULT_OS_PAGE_CACHE_BUSY_TIMEOUT_MS));

        if (v.raw().containsKey("maxMessageSize")) {
            b.maxMessageSizeBytes(v.integer("maxMessageSize", StoreConfig.DEFAULT_MAX_MESSAGE_SIZE));
        }

        FlushConfig flushDefaults = FlushConfig.defaults();
        b.flush(new FlushConfig(
                v.flushDiskType("flushDiskType", flushDefaults.flushDiskType()),
                v.integer("flushIntervalCommitLog", flushDefaults.flushIntervalCommitLogMs()),
                v.integer("flushCommitLogLeastPages", flushDefaults.flushCommitLogLeastPages()),
                v.integer("flushCommitLogThoroughInterval", flushDefaults.flushCommitLogThoroughIntervalMs()),
                v.integer("syncFlushTimeout", flushDefaults.syncFlushTimeoutMs()),
                v.integer("flushIntervalConsumeQueue", flushDefaults.flushIntervalConsumeQueueMs()),
                v.integer("flushConsumeQueueLeastPages", flushDefaults.flushConsumeQueueLeastPages()),
                v.integer("flushConsumeQueueThoroughInterval", flushDefaults.flushConsumeQueueThoroughIntervalMs())));

        IndexConfig indexDefaults = IndexConfig.defaults();
        b.index(new IndexConfig(
                v.bool("messageIndexEnable", indexDefaults.messageIndexEnable()),
                v.integer("maxHashSlotNum", indexDefaults.maxHashSlotNum()),
                v.integer("maxIndexNum", indexDefaults.maxIndexNum())));

        RetentionConfig r = RetentionConfig.defaults();
        b.retention(new RetentionConfig(
                v.string("deleteWhen", r.deleteWhen()),
                v.integer("fileReservedTime", r.fileReservedTimeHours()),
                v.integer("diskMaxUsedSpaceRatio", r.diskMaxUsedSpaceRatioPercent()),
                v.integer("diskSpaceCleanForciblyRatio", r.diskSpaceCleanForciblyRatioPercent()),
                v.integer("cleanResourceInterval", r.cleanResourceIntervalMs()),
                v.integer("deleteCommitLogFilesInterval", r.deleteCommitLogFilesIntervalMs()),
                v.bool("cleanFileForciblyEnable", r.cleanFileForciblyEnable()),
                v.integer("deleteFileBatchMax", r.deleteFilesBatchMax())));
        return b.build();
    }

    private static Map<String, String> resolveAliases(Map<String, String> properties, Consumer<String> warnings) {
        Map<String, String> resolved = new java.util.HashMap<>(properties);
        List<String> deprecated = new ArrayList<>(DEPRECATED_ALIASES.keySet());
        deprecated.sort(null);
        for (String oldKey : deprecated) {
            String value = resolved.remove(oldKey);
            if (value == null) {
                continue;
            }
            String newKey = DEPRECATED_ALIASES.get(oldKey);
            if (resolved.containsKey(newKey)) {
                warnings.accept("Deprecated key '" + oldKey + "' ignored: '" + newKey + "' is also set");
            } else {
                warnings.accept("Deprecated key '" + oldKey + "' used; spell it '" + newKey
                        + "' (RocketMQ 4.5.2+ ignores the old spelling)");
                resolved.put(newKey, value);
            }
        }
        return resolved;
    }

    /** Typed, trimmed access that names the key in every error. */
    private record Values(Map<String, String> raw) {

        String string(String key, String fallback) {
            String value = raw.get(key);
            return value == null ? fallback : value.trim();
        }

        Path path(String key, Path fallback) {
            String value = string(key, null);
            if (value == null) {
                return fallback;
            }
            if (value.isEmpty()) {
                throw new IllegalArgumentException(key + " must not be empty");
            }
            try {
                return Path.of(value);
            } catch (java.nio.file.InvalidPathException e) {
                throw new IllegalArgumentException(key + " is not a valid path: \"" + value + "\"", e);
            }
        }

        int integer(String key, int fallback) {
            String value = string(key, null);
            if (value == null) {
                return fallback;
            }
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be an integer, got \"" + value + "\"", e);
            }
        }

        boolean bool(String key, boolean fallback) {
            String value = string(key, null);
            if (value == null) {
                return fallback;
            }
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException(key + " must be true or false, got \"" + value + "\"");
            };
        }

        FlushDiskType flushDiskType(String key, FlushDiskType fallback) {
            String value = string(key, null);
            if (value == null) {
                return fallback;
            }
            try {
                return FlushDiskType.valueOf(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + " must be ASYNC_FLUSH or SYNC_FLUSH, got \"" + value + "\"", e);
            }
        }
    }
}
