package org.tidemq.broker.offset;

import org.tidemq.common.protocol.header.HeaderFields;
import org.tidemq.common.protocol.header.MissingHeaderFieldException;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.store.MessageStore;

/**
 * QUERY_CONSUMER_OFFSET (14) and UPDATE_CONSUMER_OFFSET (15), facts §4.3.
 *
 * <p>A query for a queue the group never committed answers offset 0 while the queue still starts at 0 (so a new
 * group reads a young queue from its beginning, as RocketMQ does), else QUERY_NOT_FOUND (22), or always 22 when the
 * request says {@code setZeroIfNotFound=false}. Thread-safe.
 */
public final class ConsumerOffsetProcessor implements RequestProcessor.Sync {
    static final String CONSUMER_GROUP = "consumerGroup";
    static final String TOPIC = "topic";
    static final String QUEUE_ID = "queueId";
    static final String COMMIT_OFFSET = "commitOffset";
    static final String SET_ZERO_IF_NOT_FOUND = "setZeroIfNotFound";
    static final String OFFSET = "offset";

    private final ConsumerOffsetManager offsets;
    private final MessageStore store;

    public ConsumerOffsetProcessor(ConsumerOffsetManager offsets, MessageStore store) {
        this.offsets = offsets;
        this.store = store;
    }

    @Override
    public RemotingCommand processNow(RequestContext context, RemotingCommand request) {
        try {
            return request.code() == RequestCode.UPDATE_CONSUMER_OFFSET ? update(request) : query(request);
        } catch (MissingHeaderFieldException e) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
    }

    private RemotingCommand query(RemotingCommand request) {
        String group = HeaderFields.required(request, CONSUMER_GROUP);
        String topic = HeaderFields.required(request, TOPIC);
        int queueId = (int) HeaderFields.requiredLong(request, QUEUE_ID);
        long committed = offsets.queryOffset(group, topic, queueId);
        if (committed >= 0) {
            return RemotingCommand.successTo(request).putField(OFFSET, committed);
        }
        Boolean setZero = HeaderFields.optionalBoolean(request, SET_ZERO_IF_NOT_FOUND);
        if (!Boolean.FALSE.equals(setZero) && store.getMinOffsetInQueue(topic, queueId) <= 0) {
            return RemotingCommand.successTo(request).putField(OFFSET, 0);
        }
        return RemotingCommand.responseTo(request, ResponseCode.QUERY_NOT_FOUND,
                "Not found, V3_0_6_SNAPSHOT maybe this group consumer boot first");
    }

    private RemotingCommand update(RemotingCommand request) {
        String group = HeaderFields.required(request, CONSUMER_GROUP);
        String topic = HeaderFields.required(request, TOPIC);
        int queueId = (int) HeaderFields.requiredLong(request, QUEUE_ID);
        long offset = HeaderFields.requiredLong(request, COMMIT_OFFSET);
        offsets.commitOffset(group, topic, queueId, offset);
        return RemotingCommand.successTo(request);
    }
}
