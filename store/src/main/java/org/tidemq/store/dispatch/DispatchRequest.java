package org.tidemq.store.dispatch;

/**
 * One CommitLog record as seen by the {@link CommitLogDispatcher}s: everything needed to build ConsumeQueue and index
 * entries without reading the record again.
 *
 * @param topic                     topic
 * @param queueId                   queue
 * @param commitLogOffset           physical offset of the record
 * @param msgSize                   record size (TOTALSIZE)
 * @param tagsCode                  {@code String.hashCode()} of the TAGS property, 0 if none
 * @param storeTimestamp            store time, ms
 * @param queueOffset               logical offset in the consume queue (0 and meaningless for prepared/rolled-back
 *                                  transactional messages)
 * @param keys                      the KEYS property (space-separated business keys), null if none
 * @param uniqKey                   the UNIQ_KEY property (client message id), null if none
 * @param sysFlag                   {@link org.tidemq.store.message.MessageSysFlag} bits
 * @param preparedTransactionOffset offset of the prepared half message for commit/rollback records, else 0
 */
public record DispatchRequest(
        String topic,
        int queueId,
        long commitLogOffset,
        int msgSize,
        long tagsCode,
        long storeTimestamp,
        long queueOffset,
        String keys,
        String uniqKey,
        int sysFlag,
        long preparedTransactionOffset) {
}
