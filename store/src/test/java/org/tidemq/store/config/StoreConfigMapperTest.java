package org.tidemq.store.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreConfigMapperTest {

    private static final Path HOME_STORE = Path.of("/home/u/store");

    @Test
    void defaultsAreRocketMqs() {
        StoreConfig c = StoreConfigMapper.map(Map.of(), HOME_STORE);
        assertEquals(HOME_STORE, c.storePathRootDir());
        assertEquals(HOME_STORE.resolve("commitlog"), c.storePathCommitLog());
        assertEquals(1024 * 1024 * 1024, c.mappedFileSizeCommitLogBytes());
        assertEquals(6_000_000, c.mappedFileSizeConsumeQueueBytes());
        assertEquals(4 * 1024 * 1024, c.maxMessageSizeBytes());
        assertEquals(FlushDiskType.ASYNC_FLUSH, c.flushDiskType());
        assertEquals(AppendLockType.REENTRANT, c.appendLockType());
        assertEquals(500, c.flush().flushIntervalCommitLogMs());
        assertEquals(4, c.flush().flushCommitLogLeastPages());
        assertEquals(5000, c.flush().syncFlushTimeoutMs());
        assertTrue(c.index().messageIndexEnable());
        assertEquals(5_000_000, c.index().maxHashSlotNum());
        assertEquals(20_000_000, c.index().maxIndexNum());
        assertEquals("04", c.retention().deleteWhen());
        assertEquals(72, c.retention().fileReservedTimeHours());
        assertEquals(75, c.retention().diskMaxUsedSpaceRatioPercent());
        assertEquals(90, c.retention().diskSpaceCleanForciblyRatioPercent());
    }

    @Test
    void rocketMqKeysAreMappedAndTrimmed() {
        StoreConfig c = StoreConfigMapper.map(Map.of(
                "storePathRootDir", " /data/store ",
                "mappedFileSizeCommitLog", "1048576",
                "flushDiskType", "SYNC_FLUSH",
                "syncFlushTimeout", "2000",
                "fileReservedTime", "48",
                "deleteWhen", "03;04",
                "messageIndexEnable", "false",
                "useReentrantLockWhenPutMessage", "false",
                "brokerName", "not-a-store-key"), HOME_STORE);
        assertEquals(Path.of("/data/store"), c.storePathRootDir());
        assertEquals(Path.of("/data/store/commitlog"), c.storePathCommitLog());
        assertEquals(1_048_576, c.mappedFileSizeCommitLogBytes());
        assertEquals(FlushDiskType.SYNC_FLUSH, c.flushDiskType());
        assertEquals(2000, c.flush().syncFlushTimeoutMs());
        assertEquals(48, c.retention().fileReservedTimeHours());
        assertEquals("03;04", c.retention().deleteWhen());
        assertFalse(c.index().messageIndexEnable());
        assertEquals(AppendLockType.SPIN, c.appendLockType());
        assertFalse(StoreConfigMapper.isStoreKey("brokerName"));
        assertTrue(StoreConfigMapper.isStoreKey("mapedFileSizeCommitLog"));
    }

    @Test
    void rocketMqKeysWithoutEffectAreAcceptedWithAWarningSayingWhy() {
        List<String> warnings = new ArrayList<>();
        StoreConfig c = StoreConfigMapper.map(Map.of("destroyMapedFileIntervalForcibly", "120000",
                "deleteConsumeQueueFilesInterval", "100", "fileReservedTime", "48"), HOME_STORE, warnings::add);
        assertEquals(48, c.retention().fileReservedTimeHours());
        assertTrue(StoreConfigMapper.isStoreKey("destroyMapedFileIntervalForcibly"));
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("'destroyMapedFileIntervalForcibly' has no effect")),
                warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("'deleteConsumeQueueFilesInterval' has no effect")),
                warnings.toString());
    }

    @Test
    void theOldMapedSpellingIsAcceptedWithAWarningNamingIt() {
        List<String> warnings = new ArrayList<>();
        StoreConfig c = StoreConfigMapper.map(Map.of("mapedFileSizeCommitLog", "2097152"), HOME_STORE,
                warnings::add);
        assertEquals(2_097_152, c.mappedFileSizeCommitLogBytes());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("mapedFileSizeCommitLog"), warnings.get(0));

        warnings.clear();
        StoreConfig both = StoreConfigMapper.map(Map.of("mapedFileSizeCommitLog", "2097152",
                "mappedFileSizeCommitLog", "4194304"), HOME_STORE, warnings::add);
        assertEquals(4_194_304, both.mappedFileSizeCommitLogBytes(), "the current spelling wins");
        assertTrue(warnings.get(0).contains("ignored"), warnings.get(0));
    }

    @Test
    void malformedOrOutOfRangeValuesAreRefusedByName() {
        IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class,
                () -> StoreConfigMapper.map(Map.of("flushIntervalCommitLog", "fast"), HOME_STORE));
        assertTrue(notANumber.getMessage().contains("flushIntervalCommitLog"), notANumber.getMessage());
        assertTrue(notANumber.getMessage().contains("fast"), notANumber.getMessage());

        IllegalArgumentException badType = assertThrows(IllegalArgumentException.class,
                () -> StoreConfigMapper.map(Map.of("flushDiskType", "SOMETIMES"), HOME_STORE));
        assertTrue(badType.getMessage().contains("flushDiskType"), badType.getMessage());

        IllegalArgumentException cq = assertThrows(IllegalArgumentException.class,
                () -> StoreConfigMapper.map(Map.of("mappedFileSizeConsumeQueue", "1000001"), HOME_STORE));
        assertTrue(cq.getMessage().contains("mappedFileSizeConsumeQueue"), cq.getMessage());

        IllegalArgumentException ratio = assertThrows(IllegalArgumentException.class,
                () -> StoreConfigMapper.map(Map.of("diskMaxUsedSpaceRatio", "120"), HOME_STORE));
        assertTrue(ratio.getMessage().contains("diskMaxUsedSpaceRatio"), ratio.getMessage());

        IllegalArgumentException hour = assertThrows(IllegalArgumentException.class,
                () -> StoreConfigMapper.map(Map.of("deleteWhen", "25"), HOME_STORE));
        assertTrue(hour.getMessage().contains("deleteWhen"), hour.getMessage());

        IllegalArgumentException bool = assertThrows(IllegalArgumentException.class,
                () -> StoreConfigMapper.map(Map.of("messageIndexEnable", "yes"), HOME_STORE));
        assertTrue(bool.getMessage().contains("messageIndexEnable"), bool.getMessage());
    }

    @Test
    void theDefaultMessageLimitFollowsASmallSegmentButAnExplicitOneMustFit() {
        assertEquals(65536 - 8, StoreConfig.builder(HOME_STORE).mappedFileSizeCommitLogBytes(65536).build()
                .maxMessageSizeBytes());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StoreConfigMapper.map(
                Map.of("mappedFileSizeCommitLog", "65536", "maxMessageSize", "65536"), HOME_STORE));
        assertTrue(e.getMessage().contains("maxMessageSize"), e.getMessage());
    }
}
