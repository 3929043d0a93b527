package org.tidemq.broker.lock;

import java.util.Set;
import org.tidemq.broker.client.MessageQueue;
import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.json.JsonWriter;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;

/**
 * LOCK_BATCH_MQ (41) and UNLOCK_BATCH_MQ (42), facts §4.6. A lock answers {@code {"lockOKMQSet":[…]}} with the queues
 * the client holds afterwards; an unlock answers SUCCESS without body. A malformed body is answered SYSTEM_ERROR
 * naming the problem. Thread-safe.
 */
public final class LockBatchProcessor implements RequestProcessor.Sync {
    private final RebalanceLockManager locks;

    public LockBatchProcessor(RebalanceLockManager locks) {
        this.locks = locks;
    }

    @Override
    public RemotingCommand processNow(RequestContext context, RemotingCommand request) {
        LockBatchBody body;
        try {
            body = LockBatchBody.decode(request.bodyBytes());
        } catch (IllegalArgumentException e) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
        return switch (request.code()) {
            case RequestCode.LOCK_BATCH_MQ -> lock(request, body);
            case RequestCode.UNLOCK_BATCH_MQ -> {
                locks.unlockBatch(body.consumerGroup(), body.mqSet(), body.clientId());
                yield RemotingCommand.successTo(request);
            }
            default -> RemotingCommand.responseTo(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "request type " + request.code() + " not supported by " + getClass().getSimpleName());
        };
    }

    private RemotingCommand lock(RemotingCommand request, LockBatchBody body) {
        Set<MessageQueue> granted = locks.tryLockBatch(body.consumerGroup(), body.mqSet(), body.clientId());
        JsonWriter json = new JsonWriter(IntKeyStyle.UNQUOTED).beginObject().name("lockOKMQSet").beginArray();
        for (MessageQueue queue : granted) {
            queue.writeJson(json);
        }
        json.endArray().endObject();
        return RemotingCommand.successTo(request).setBody(json.toBytes());
    }
}
