package org.tidemq.broker.stats;

import org.tidemq.store.dispatch.CommitLogDispatcher;
import org.tidemq.store.dispatch.DispatchRequest;

/**
 * Counts every stored message into TOPIC_PUT_NUMS / TOPIC_PUT_SIZE as the store dispatches it, so the send path pays
 * nothing; records replayed at recovery (offset not above what was already counted) are skipped. Runs on the
 * store's single dispatch thread (see {@link CommitLogDispatcher}), which is what makes the plain offset field safe.
 */
public final class TopicPutStatsDispatcher implements CommitLogDispatcher {
    private final BrokerStatsTable table;
    private long highestCountedOffset = -1;

    public TopicPutStatsDispatcher(BrokerStatsTable table) {
        this.table = table;
    }

    @Override
    public void dispatch(DispatchRequest request) {
        if (request.commitLogOffset() <= highestCountedOffset) {
            return;
        }
        highestCountedOffset = request.commitLogOffset();
        table.recordPut(request.topic(), request.msgSize());
    }
}
