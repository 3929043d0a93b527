package org.tidemq.broker.pull;

import io.netty.channel.Channel;
import java.util.concurrent.CompletableFuture;
import org.tidemq.common.remoting.RemotingCommand;

/**
 * A pull that found nothing and waits for a message (long polling).
 *
 * @param queueOffset    the offset it asked for: any message at or past it wakes the pull
 * @param deadlineMillis when to answer anyway (injected clock)
 * @param response       completed with the answer when the pull is re-run
 */
public record ParkedPull(Channel channel, RemotingCommand request, String topic, int queueId, long queueOffset,
                         long deadlineMillis, CompletableFuture<RemotingCommand> response) {
}
