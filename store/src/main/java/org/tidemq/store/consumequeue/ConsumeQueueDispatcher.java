package org.tidemq.store.consumequeue;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.tidemq.store.dispatch.CommitLogDispatcher;
import org.tidemq.store.dispatch.DispatchRequest;
import org.tidemq.common.message.MessageSysFlag;

/**
 * Builds ConsumeQueue entries from CommitLog records. Prepared and rolled-back transactional messages get no entry.
 */
public final class ConsumeQueueDispatcher implements CommitLogDispatcher {

    private final ConsumeQueueStore queues;
    private volatile long lastStoreTimestamp;

    public ConsumeQueueDispatcher(ConsumeQueueStore queues) {
        this.queues = queues;
    }

    @Override
    public void dispatch(DispatchRequest request) {
        if (!MessageSysFlag.isConsumable(request.sysFlag())) {
            return;
        }
        try {
            queues.findOrCreate(request.topic(), request.queueId()).putEntry(request.commitLogOffset(),
                    request.msgSize(), request.tagsCode(), request.storeTimestamp(), request.queueOffset());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ConsumeQueue entry of " + request.topic() + "/"
                    + request.queueId() + " offset " + request.queueOffset(), e);
        }
        lastStoreTimestamp = request.storeTimestamp();
    }

    @Override
    public void truncateTo(long commitLogEndOffset) {
        for (ConsumeQueue queue : queues.all()) {
            queue.truncateTo(commitLogEndOffset);
        }
    }

    /** Largest CommitLog end referenced by a queue; the queues are complete up to it after a clean shutdown. */
    @Override
    public long durableCommitLogOffset() {
        return queues.maxPhysicOffset();
    }

    /** Store timestamp of the newest record given an entry (0 if none yet). */
    public long lastStoreTimestamp() {
        return lastStoreTimestamp;
    }
}
