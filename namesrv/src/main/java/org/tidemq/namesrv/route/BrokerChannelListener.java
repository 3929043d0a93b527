package org.tidemq.namesrv.route;

import io.netty.channel.Channel;
import org.tidemq.common.remoting.ChannelEventListener;

/**
 * Drops the brokers registered over a connection as soon as it closes, fails or idles out, instead of waiting for
 * the liveness scan (RocketMQ's BrokerHousekeepingService).
 */
public final class BrokerChannelListener implements ChannelEventListener {
    private final RouteRegistry registry;

    public BrokerChannelListener(RouteRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onClose(String remoteAddress, Channel channel) {
        registry.onChannelClosed(channel);
    }

    @Override
    public void onIdle(String remoteAddress, Channel channel) {
        registry.onChannelClosed(channel);
    }

    @Override
    public void onException(String remoteAddress, Channel channel, Throwable cause) {
        registry.onChannelClosed(channel);
    }
}
