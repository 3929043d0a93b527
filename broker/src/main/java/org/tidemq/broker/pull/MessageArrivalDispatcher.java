package org.tidemq.broker.pull;

import org.tidemq.common.message.MessageSysFlag;
import org.tidemq.store.dispatch.CommitLogDispatcher;
import org.tidemq.store.dispatch.DispatchRequest;

/**
 * Feeds long polling from the store's dispatch thread: each consumable record wakes the pulls parked on its queue.
 * Replayed records only wake pulls that are actually waiting, so replays are harmless. Cheap and non-blocking.
 */
public final class MessageArrivalDispatcher implements CommitLogDispatcher {
    private final LongPollingService longPolling;

    public MessageArrivalDispatcher(LongPollingService longPolling) {
        this.longPolling = longPolling;
    }

    @Override
    public void dispatch(DispatchRequest request) {
        if (MessageSysFlag.isConsumable(request.sysFlag())) {
            longPolling.notifyMessageArriving(request.topic(), request.queueId(), request.queueOffset() + 1);
        }
    }
}
