package org.tidemq.broker.send;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * The broker-side "offset message id" (facts §6.1): upper-case hex of store-host address (4 or 16 bytes), port (int)
 * and CommitLog physical offset (long). Tools decode it to find the broker and the record.
 */
public final class OffsetMessageId {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final int PORT_BYTES = Integer.BYTES;
    private static final int OFFSET_BYTES = Long.BYTES;

    private OffsetMessageId() {
    }

    public static String of(InetSocketAddress storeHost, long physicalOffset) {
        byte[] ip = storeHost.getAddress().getAddress();
        ByteBuffer id = ByteBuffer.allocate(ip.length + PORT_BYTES + OFFSET_BYTES);
        id.put(ip).putInt(storeHost.getPort()).putLong(physicalOffset);
        return HEX.formatHex(id.array());
    }

    /** The physical offset encoded in an id (the last 8 bytes). */
    public static long physicalOffset(String messageId) {
        byte[] bytes = HEX.parseHex(messageId);
        return ByteBuffer.wrap(bytes, bytes.length - OFFSET_BYTES, OFFSET_BYTES).getLong();
    }
}
