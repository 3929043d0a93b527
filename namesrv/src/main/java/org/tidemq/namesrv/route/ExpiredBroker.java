package org.tidemq.namesrv.route;

import io.netty.channel.Channel;

/** A broker dropped for silence, with the channel it last registered over (to be closed), which may be null. */
public record ExpiredBroker(BrokerAddress address, long silentForMillis, Channel channel) {
}
