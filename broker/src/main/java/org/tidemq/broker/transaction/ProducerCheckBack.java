package org.tidemq.broker.transaction;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.broker.client.ClientChannel;
import org.tidemq.broker.client.ProducerRegistry;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.message.OffsetMessageId;
import org.tidemq.common.message.StoredMessage;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.store.message.MessageToStore;
import org.tidemq.store.message.PreparedMessage;
import org.tidemq.store.message.StoredMessageEncoder;

/**
 * Sends CHECK_TRANSACTION_STATE (39) oneway to one live channel of the producer group. The header carries
 * {@code tranStateTableOffset}, {@code commitLogOffset}, {@code msgId} and {@code transactionId} (the UNIQ_KEY),
 * {@code offsetMsgId} and {@code brokerName}; the body is the half message as a stored record re-addressed to its
 * real topic and queue (what RocketMQ clients decode), in a pooled direct buffer the transport releases.
 *
 * <p>Thread-safe.
 */
public final class ProducerCheckBack implements CheckBackSender {
    private static final Logger LOG = LoggerFactory.getLogger(ProducerCheckBack.class);

    private final ProducerRegistry producers;
    private final BiFunction<Channel, RemotingCommand, CompletableFuture<Void>> oneway;
    private final Supplier<InetSocketAddress> storeHost;
    private final String brokerName;

    public ProducerCheckBack(ProducerRegistry producers,
                             BiFunction<Channel, RemotingCommand, CompletableFuture<Void>> oneway,
                             Supplier<InetSocketAddress> storeHost, String brokerName) {
        this.producers = producers;
        this.oneway = oneway;
        this.storeHost = storeHost;
        this.brokerName = brokerName;
    }

    @Override
    public boolean send(String producerGroup, long halfQueueOffset, StoredMessage half,
                        HalfMessage.Destination destination) {
        List<ClientChannel> members = producerGroup == null ? List.of() : producers.members(producerGroup);
        List<ClientChannel> live = members.stream().filter(member -> member.channel().isActive()).toList();
        if (live.isEmpty()) {
            LOG.warn("no live producer of group {} to check half message {} (CommitLog offset {}) with",
                    producerGroup, halfQueueOffset, half.physicalOffset());
            return false;
        }
        Channel channel = live.get(ThreadLocalRandom.current().nextInt(live.size())).channel();
        RemotingCommand request = request(halfQueueOffset, half, destination);
        oneway.apply(channel, request).whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.warn("check-back of half message {} to {} failed: {}", halfQueueOffset, channel.remoteAddress(),
                        failure.toString());
            }
        });
        return true;
    }

    RemotingCommand request(long halfQueueOffset, StoredMessage half, HalfMessage.Destination destination) {
        Map<String, String> properties = MessageProperties.decode(half.properties());
        String uniqueKey = properties.get(MessageProperties.UNIQ_KEY);
        RemotingCommand request = RemotingCommand.onewayRequest(RequestCode.CHECK_TRANSACTION_STATE);
        request.putField("tranStateTableOffset", halfQueueOffset);
        request.putField("commitLogOffset", half.physicalOffset());
        request.putField("msgId", uniqueKey);
        request.putField("transactionId", uniqueKey);
        request.putField("offsetMsgId", new OffsetMessageId(half.storeHost(), half.physicalOffset()).encode());
        request.putField("brokerName", brokerName);
        request.setBody(encode(half, destination));
        return request;
    }

    /** The half record re-addressed to its destination, in the stored-record layout. */
    private ByteBuf encode(StoredMessage half, HalfMessage.Destination destination) {
        MessageToStore readdressed = new MessageToStore(destination.topic(), destination.queueId(), half.flag(),
                half.sysFlag(), half.bornTimestamp(), half.bornHost(), storeHost.get(), half.reconsumeTimes(),
                half.preparedTransactionOffset(), half.properties(), half.body(), false);
        PreparedMessage prepared = PreparedMessage.prepare(readdressed);
        ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(prepared.recordSize());
        StoredMessageEncoder.encode(buffer.nioBuffer(0, prepared.recordSize()), 0, prepared, half.queueOffset(),
                half.physicalOffset(), half.storeTimestamp());
        buffer.writerIndex(prepared.recordSize());
        return buffer;
    }
}
