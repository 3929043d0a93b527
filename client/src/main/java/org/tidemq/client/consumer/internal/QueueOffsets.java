package org.tidemq.client.consumer.internal;

import org.tidemq.client.MessageQueue;
import org.tidemq.client.consumer.ConsumerException;
import org.tidemq.common.remoting.RemotingClient;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A queue's offset bounds and time lookup on its broker (facts §4.3): GET_MAX_OFFSET (exclusive max = entries
 * written), GET_MIN_OFFSET, SEARCH_OFFSET_BY_TIMESTAMP. Failures complete the future with a {@link ConsumerException}
 * (broker code) or the transport's exception.
 *
 * <p>Thread-safe.
 */
public final class QueueOffsets {
    private final RemotingClient remoting;
    private final long timeoutMillis;

    public QueueOffsets(RemotingClient remoting, long timeoutMillis) {
        this.remoting = remoting;
        this.timeoutMillis = timeoutMillis;
    }

    /** The offset after the queue's last message (0 for an empty queue). */
    public CompletableFuture<Long> maxOffset(String brokerAddress, MessageQueue queue) {
        RemotingCommand request = RemotingCommand.request(RequestCode.GET_MAX_OFFSET)
                .putField("topic", queue.topic()).putField("queueId", queue.queueId())
                .putField("bname", queue.brokerName());
        return offset(brokerAddress, queue, "GET_MAX_OFFSET", request);
    }

    /** The queue's smallest offset still stored. */
    public CompletableFuture<Long> minOffset(String brokerAddress, MessageQueue queue) {
        RemotingCommand request = RemotingCommand.request(RequestCode.GET_MIN_OFFSET)
                .putField("topic", queue.topic()).putField("queueId", queue.queueId())
                .putField("bname", queue.brokerName());
        return offset(brokerAddress, queue, "GET_MIN_OFFSET", request);
    }

    /**
     * The offset of the first message stored at or after {@code timestampMillis} (the max offset when there is none
     * that late, as brokers answer).
     */
    public CompletableFuture<Long> offsetForTimestamp(String brokerAddress, MessageQueue queue, long timestampMillis) {
        RemotingCommand request = RemotingCommand.request(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP)
                .putField("topic", queue.topic()).putField("queueId", queue.queueId())
                .putField("timestamp", timestampMillis).putField("bname", queue.brokerName());
        return offset(brokerAddress, queue, "SEARCH_OFFSET_BY_TIMESTAMP", request);
    }

    private CompletableFuture<Long> offset(String brokerAddress, MessageQueue queue, String what,
                                           RemotingCommand request) {
        return remoting.invokeAsync(brokerAddress, request, timeoutMillis).thenApply(response -> {
            response.releaseBody();
            if (response.code() != ResponseCode.SUCCESS) {
                throw new CompletionException(new ConsumerException("broker " + brokerAddress + " answered " + what
                        + " for " + queue + " with code " + response.code() + " ("
                        + ResponseCode.nameOf(response.code()) + ") " + response.remark(), response.code()));
            }
            Long offset = response.longField("offset");
            if (offset == null) {
                throw new CompletionException(new ConsumerException("broker " + brokerAddress + " answered " + what
                        + " for " + queue + " without an offset", response.code()));
            }
            return offset;
        });
    }
}
