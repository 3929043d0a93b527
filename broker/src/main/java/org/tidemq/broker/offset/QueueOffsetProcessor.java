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
 * Queue position lookups answered from the store (facts §4.3): GET_MAX_OFFSET (30), GET_MIN_OFFSET (31),
 * SEARCH_OFFSET_BY_TIMESTAMP (29, {@code boundaryType} lower/upper) and GET_EARLIEST_MSG_STORETIME (32). Read-only;
 * thread-safe.
 */
public final class QueueOffsetProcessor implements RequestProcessor.Sync {
    static final String TOPIC = "topic";
    static final String QUEUE_ID = "queueId";
    static final String TIMESTAMP = "timestamp";
    static final String BOUNDARY_TYPE = "boundaryType";
    static final String OFFSET = "offset";
    static final String UPPER = "upper";

    private final MessageStore store;

    public QueueOffsetProcessor(MessageStore store) {
        this.store = store;
    }

    @Override
    public RemotingCommand processNow(RequestContext context, RemotingCommand request) {
        try {
            String topic = HeaderFields.required(request, TOPIC);
            int queueId = (int) HeaderFields.requiredLong(request, QUEUE_ID);
            return switch (request.code()) {
                case RequestCode.GET_MAX_OFFSET -> RemotingCommand.successTo(request)
                        .putField(OFFSET, store.getMaxOffsetInQueue(topic, queueId));
                case RequestCode.GET_MIN_OFFSET -> RemotingCommand.successTo(request)
                        .putField(OFFSET, store.getMinOffsetInQueue(topic, queueId));
                case RequestCode.SEARCH_OFFSET_BY_TIMESTAMP -> RemotingCommand.successTo(request)
                        .putField(OFFSET, searchByTimestamp(request, topic, queueId));
                case RequestCode.GET_EARLIEST_MSG_STORETIME -> RemotingCommand.successTo(request)
                        .putField(TIMESTAMP, store.getEarliestMessageTime(topic, queueId));
                default -> RemotingCommand.responseTo(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                        "request type " + request.code() + " not supported by " + getClass().getSimpleName());
            };
        } catch (MissingHeaderFieldException e) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
    }

    /** The first (lower) or last (upper) offset among the messages with the smallest store time ≥ timestamp. */
    private long searchByTimestamp(RemotingCommand request, String topic, int queueId) {
        long timestamp = HeaderFields.requiredLong(request, TIMESTAMP);
        long offset = store.getOffsetInQueueByTime(topic, queueId, timestamp);
        if (!UPPER.equalsIgnoreCase(request.field(BOUNDARY_TYPE))) {
            return offset;
        }
        long max = store.getMaxOffsetInQueue(topic, queueId);
        long storeTime = store.getMessageStoreTimestamp(topic, queueId, offset);
        if (storeTime < 0) {
            return offset;
        }
        while (offset + 1 < max && store.getMessageStoreTimestamp(topic, queueId, offset + 1) == storeTime) {
            offset++;
        }
        return offset;
    }
}
