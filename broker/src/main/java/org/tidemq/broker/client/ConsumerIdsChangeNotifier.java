package org.tidemq.broker.client;

import io.netty.channel.Channel;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;

/**
 * Sends NOTIFY_CONSUMER_IDS_CHANGED (40, oneway, extField {@code consumerGroup}) to every remaining member of a group
 * whose membership changed, so they rebalance at once instead of at their next 20 s tick. A failed send is logged;
 * the member still rebalances on its own timer.
 */
public final class ConsumerIdsChangeNotifier implements ConsumerIdsChangeListener {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerIdsChangeNotifier.class);

    private final BiFunction<Channel, RemotingCommand, CompletableFuture<Void>> oneway;

    /** @param oneway sends a oneway request on a client channel (e.g. {@code RemotingServer::invokeOneway}) */
    public ConsumerIdsChangeNotifier(BiFunction<Channel, RemotingCommand, CompletableFuture<Void>> oneway) {
        this.oneway = oneway;
    }

    @Override
    public void onChange(ConsumerGroupInfo group) {
        for (Channel channel : group.channels()) {
            RemotingCommand notify = RemotingCommand.onewayRequest(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED)
                    .putField("consumerGroup", group.groupName());
            oneway.apply(channel, notify).whenComplete((ignored, error) -> {
                if (error != null) {
                    LOG.info("notifying {} of a membership change of group {} failed: {}", channel.remoteAddress(),
                            group.groupName(), error.toString());
                }
            });
        }
    }
}
