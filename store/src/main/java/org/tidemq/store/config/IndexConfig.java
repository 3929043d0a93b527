package org.tidemq.store.config;

/**
 * The message-key index (IndexFile, RocketMQ layout).
 *
 * @param messageIndexEnable whether the store registers the index dispatcher
 * @param maxHashSlotNum     hash slots per index file
 * @param maxIndexNum        entries per index file
 */
public record IndexConfig(boolean messageIndexEnable, int maxHashSlotNum, int maxIndexNum) {

    public static final int DEFAULT_MAX_HASH_SLOT_NUM = 5_000_000;
    public static final int DEFAULT_MAX_INDEX_NUM = 20_000_000;

    public IndexConfig {
        ConfigChecks.positive("maxHashSlotNum", maxHashSlotNum);
        ConfigChecks.positive("maxIndexNum", maxIndexNum);
        long fileBytes = 40L + 4L * maxHashSlotNum + 20L * maxIndexNum;
        if (fileBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxHashSlotNum/maxIndexNum give an index file of " + fileBytes
                    + " bytes; a mapped file holds at most " + Integer.MAX_VALUE);
        }
    }

    public static IndexConfig defaults() {
        return new IndexConfig(true, DEFAULT_MAX_HASH_SLOT_NUM, DEFAULT_MAX_INDEX_NUM);
    }
}
