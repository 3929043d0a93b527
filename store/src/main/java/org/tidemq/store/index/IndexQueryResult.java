package org.tidemq.store.index;

import java.util.List;

/**
 * Answer of {@link IndexService#query}.
 *
 * @param phyOffsets                 commit-log offsets of candidate messages, newest first, without duplicates; a
 *                                   candidate may belong to another key with the same hash, so callers check the key
 * @param indexLastUpdateTimestamp   store timestamp of the newest indexed message (RocketMQ's
 *                                   {@code indexLastUpdateTimestamp} response header)
 * @param indexLastUpdatePhyOffset   commit-log offset of the newest indexed message
 */
public record IndexQueryResult(List<Long> phyOffsets, long indexLastUpdateTimestamp, long indexLastUpdatePhyOffset) {

    public IndexQueryResult {
        phyOffsets = List.copyOf(phyOffsets);
    }
}
