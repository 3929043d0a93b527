package org.tidemq.store.message;

import org.tidemq.common.message.MessageSysFlag;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One message handed to the store. The store assigns the physical offset, queue offset and store timestamp and
 * computes the body CRC.
 *
 * <p>{@code body} is read from its position to its limit and never modified or retained after the append returns;
 * pass a direct buffer (e.g. {@code ByteBuf.nioBuffer()} of the received frame) so the bytes go from the network
 * buffer straight into the mapped CommitLog without touching the heap. The host-width bits of {@code sysFlag}
 * (BORNHOST_V6, STOREHOST_V6) are set from the address types.
 *
 * @param topic                     topic name (UTF-8 encoded; ≤ 127 bytes is stored in layout V1, else V2)
 * @param queueId                   target queue
 * @param flag                      user flag
 * @param sysFlag                   {@link MessageSysFlag} bits
 * @param bornTimestamp             producer time, ms
 * @param bornHost                  producer address
 * @param storeHost                 this broker's address (forms the offset message id)
 * @param reconsumeTimes            delivery attempts so far
 * @param preparedTransactionOffset CommitLog offset of the prepared half message (commit/rollback), else 0
 * @param properties                RocketMQ properties string ({@code name\u0001value\u0002...}), may be empty
 * @param body                      message body (position..limit)
 * @param waitStoreMsgOk            property WAIT: whether the producer waits for the configured durability
 */
public record MessageToStore(
        String topic,
        int queueId,
        int flag,
        int sysFlag,
        long bornTimestamp,
        InetSocketAddress bornHost,
        InetSocketAddress storeHost,
        int reconsumeTimes,
        long preparedTransactionOffset,
        String properties,
        ByteBuffer body,
        boolean waitStoreMsgOk) {

    public MessageToStore {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(bornHost, "bornHost");
        Objects.requireNonNull(storeHost, "storeHost");
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(body, "body");
        if (bornHost.isUnresolved() || storeHost.isUnresolved()) {
            throw new IllegalArgumentException("born and store hosts must be resolved addresses");
        }
        sysFlag = withHostFlag(sysFlag, bornHost, MessageSysFlag.BORNHOST_V6);
        sysFlag = withHostFlag(sysFlag, storeHost, MessageSysFlag.STOREHOST_V6);
    }

    private static int withHostFlag(int sysFlag, InetSocketAddress host, int v6Bit) {
        return host.getAddress() instanceof Inet6Address ? sysFlag | v6Bit : sysFlag & ~v6Bit;
    }
}
