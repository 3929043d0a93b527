package org.tidemq.common.message;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A fully decoded stored record. {@code body} is a read-only view of the source buffer (no copy); it is valid only
 * as long as the source is (release the slice it came from afterwards, not before).
 */
public record StoredMessage(
        int totalSize,
        int magic,
        int bodyCrc,
        int queueId,
        int flag,
        long queueOffset,
        long physicalOffset,
        int sysFlag,
        long bornTimestamp,
        InetSocketAddress bornHost,
        long storeTimestamp,
        InetSocketAddress storeHost,
        int reconsumeTimes,
        long preparedTransactionOffset,
        ByteBuffer body,
        String topic,
        String properties) {
}
