package org.tidemq.common.remoting;

import io.netty.channel.Channel;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Where a request came from: the connection it arrived on. Lets a processor remember the channel (a broker's
 * registration, a client's heartbeat) and send requests back over it.
 *
 * @param channel the Netty channel the request arrived on
 */
public record RequestContext(Channel channel) {

    public SocketAddress remoteAddress() {
        return channel.remoteAddress();
    }

    /** The peer as {@code ip:port}, or "unknown" when the channel has no address (closed or embedded). */
    public String remoteAddressText() {
        return addressText(channel.remoteAddress());
    }

    /** Formats a socket address as {@code ip:port}. */
    public static String addressText(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
            return host + ":" + inet.getPort();
        }
        return address == null ? "unknown" : address.toString();
    }
}
