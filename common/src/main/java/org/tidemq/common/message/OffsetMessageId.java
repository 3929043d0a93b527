package org.tidemq.common.message;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * The broker-side message id ("offsetMsgId", facts §6.1): store host address, port as an int and the commit-log
 * offset, as upper-case hex. 16 bytes (32 hex chars) for an IPv4 store host, 28 bytes (56 hex chars) for IPv6.
 * Tools decode it and ask that {@code ip:port} for the record at the offset.
 *
 * @param storeHost       the broker's advertised address; must be resolved (carry an IP)
 * @param commitLogOffset physical offset of the record in the commit log
 */
public record OffsetMessageId(InetSocketAddress storeHost, long commitLogOffset) {
    private static final int IPV4_BYTES = 4;
    private static final int IPV6_BYTES = 16;
    private static final int PORT_BYTES = Integer.BYTES;
    private static final int OFFSET_BYTES = Long.BYTES;
    public static final int IPV4_ID_BYTES = IPV4_BYTES + PORT_BYTES + OFFSET_BYTES;
    public static final int IPV6_ID_BYTES = IPV6_BYTES + PORT_BYTES + OFFSET_BYTES;

    public OffsetMessageId {
        if (storeHost == null || storeHost.getAddress() == null) {
            throw new IllegalArgumentException("storeHost must be a resolved address but was " + storeHost);
        }
        if (commitLogOffset < 0) {
            throw new IllegalArgumentException("commitLogOffset must not be negative but was " + commitLogOffset);
        }
    }

    /** The id's hex text. */
    public String encode() {
        return encode(storeHost.getAddress().getAddress(), storeHost.getPort(), commitLogOffset);
    }

    /** The id of the record at {@code commitLogOffset} on the broker {@code ip}:{@code port} (ip of 4 or 16 bytes). */
    public static String encode(byte[] ip, int port, long commitLogOffset) {
        if (ip.length != IPV4_BYTES && ip.length != IPV6_BYTES) {
            throw new IllegalArgumentException("store host ip must have 4 or 16 bytes but had " + ip.length);
        }
        ByteBuffer id = ByteBuffer.allocate(ip.length + PORT_BYTES + OFFSET_BYTES);
        id.put(ip).putInt(port).putLong(commitLogOffset);
        return MessageIdHex.encode(id.array());
    }

    /** Parses an id; the message names the problem when the text is not a 32- or 56-char hex id. */
    public static OffsetMessageId decode(String id) {
        byte[] bytes = MessageIdHex.decode(id, "offset message id");
        if (bytes.length != IPV4_ID_BYTES && bytes.length != IPV6_ID_BYTES) {
            throw new IllegalArgumentException("offset message id must have 32 or 56 hex chars but had "
                    + id.length() + ": '" + id + "'");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte[] ip = new byte[bytes.length == IPV4_ID_BYTES ? IPV4_BYTES : IPV6_BYTES];
        buffer.get(ip);
        int port = buffer.getInt();
        long offset = buffer.getLong();
        try {
            return new OffsetMessageId(new InetSocketAddress(InetAddress.getByAddress(ip), port), offset);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("offset message id has an invalid address: '" + id + "'", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("offset message id has an invalid port " + port + ": '" + id + "'", e);
        }
    }

    public boolean isIpv4() {
        return storeHost.getAddress() instanceof Inet4Address;
    }
}
