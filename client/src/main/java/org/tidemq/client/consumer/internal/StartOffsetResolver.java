package org.tidemq.client.consumer.internal;

import org.tidemq.client.MessageQueue;
import org.tidemq.client.consumer.ConsumeFromWhere;
import org.tidemq.client.consumer.ConsumerException;
import org.tidemq.client.consumer.offset.OffsetStore;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Where reading of a newly assigned queue starts (facts §4.3): the group's committed offset when there is one, else
 * per {@link ConsumeFromWhere} — the queue's max offset (retry topics: 0), its min offset, or the offset of a store
 * time.
 *
 * <p>Thread-safe.
 */
final class StartOffsetResolver {
    private static final String RETRY_TOPIC_PREFIX = "%RETRY%";

    private final OffsetStore offsetStore;
    private final QueueOffsets queueOffsets;
    private final Function<String, String> masterAddress;
    private final ConsumeFromWhere consumeFromWhere;
    private final long consumeTimestampMillis;
    private final Executor blockingExecutor;

    /** @param blockingExecutor runs the (possibly blocking) committed-offset read */
    StartOffsetResolver(OffsetStore offsetStore, QueueOffsets queueOffsets, Function<String, String> masterAddress,
                        ConsumeFromWhere consumeFromWhere, long consumeTimestampMillis, Executor blockingExecutor) {
        this.offsetStore = offsetStore;
        this.queueOffsets = queueOffsets;
        this.masterAddress = masterAddress;
        this.consumeFromWhere = consumeFromWhere;
        this.consumeTimestampMillis = consumeTimestampMillis;
        this.blockingExecutor = blockingExecutor;
    }

    CompletableFuture<Long> resolve(MessageQueue queue) {
        return CompletableFuture.supplyAsync(() -> offsetStore.read(queue, OffsetStore.ReadFrom.STORE),
                blockingExecutor).thenCompose(committed -> committed >= 0
                ? CompletableFuture.completedFuture(committed) : uncommittedStart(queue));
    }

    private CompletableFuture<Long> uncommittedStart(MessageQueue queue) {
        String address = masterAddress.apply(queue.brokerName());
        if (address == null) {
            return CompletableFuture.failedFuture(new ConsumerException("no master address known for broker "
                    + queue.brokerName() + " to find the start of " + queue, ConsumerException.NO_RESPONSE));
        }
        return switch (consumeFromWhere) {
            case LAST_OFFSET -> queue.topic().startsWith(RETRY_TOPIC_PREFIX)
                    ? CompletableFuture.completedFuture(0L) : queueOffsets.maxOffset(address, queue);
            case FIRST_OFFSET -> queueOffsets.minOffset(address, queue);
            case TIMESTAMP -> queueOffsets.offsetForTimestamp(address, queue, consumeTimestampMillis);
        };
    }
}
