package org.tidemq.broker.client;

import io.netty.channel.Channel;
import org.tidemq.common.remoting.LanguageCode;

/**
 * A client connection as registered by its heartbeat.
 *
 * @param lastUpdateMillis when its last heartbeat arrived (injected clock)
 */
public record ClientChannel(String clientId, Channel channel, LanguageCode language, int version,
                            long lastUpdateMillis) {
}
