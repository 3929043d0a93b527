package org.tidemq.store.testutil;

import java.nio.file.Path;
import org.tidemq.store.config.IndexConfig;
import org.tidemq.store.config.StoreConfig;

/** Small store configurations: 64 KiB CommitLog segments, 100-entry ConsumeQueue files, a tiny index. */
public final class TestStores {

    public static final int SEGMENT_SIZE = 64 * 1024;
    public static final int CQ_FILE_SIZE = 100 * 20;

    private TestStores() {
    }

    public static StoreConfig.Builder small(Path root) {
        return StoreConfig.builder(root)
                .mappedFileSizeCommitLogBytes(SEGMENT_SIZE)
                .mappedFileSizeConsumeQueueBytes(CQ_FILE_SIZE)
                .maxMessageSizeBytes(16 * 1024)
                .index(new IndexConfig(true, 64, 512));
    }
}
