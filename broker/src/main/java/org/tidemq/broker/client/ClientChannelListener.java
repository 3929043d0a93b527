package org.tidemq.broker.client;

import io.netty.channel.Channel;
import org.tidemq.common.remoting.ChannelEventListener;

/** Drops a client from every group when its connection closes, idles out or fails. */
public final class ClientChannelListener implements ChannelEventListener {
    private final ConsumerRegistry consumers;
    private final ProducerRegistry producers;

    public ClientChannelListener(ConsumerRegistry consumers, ProducerRegistry producers) {
        this.consumers = consumers;
        this.producers = producers;
    }

    @Override
    public void onClose(String remoteAddress, Channel channel) {
        drop(channel);
    }

    @Override
    public void onIdle(String remoteAddress, Channel channel) {
        drop(channel);
    }

    @Override
    public void onException(String remoteAddress, Channel channel, Throwable cause) {
        drop(channel);
    }

    private void drop(Channel channel) {
        consumers.channelClosed(channel);
        producers.channelClosed(channel);
    }
}
