package org.tidemq.common.remoting;

import io.netty.channel.Channel;

/** Connection lifecycle events, delivered off the I/O threads. Default methods ignore the event. */
public interface ChannelEventListener {
    default void onConnect(String remoteAddress, Channel channel) {
    }

    /** The connection closed, for whatever reason (peer, idle timeout, decode error, shutdown). */
    default void onClose(String remoteAddress, Channel channel) {
    }

    default void onIdle(String remoteAddress, Channel channel) {
    }

    default void onException(String remoteAddress, Channel channel, Throwable cause) {
    }
}
