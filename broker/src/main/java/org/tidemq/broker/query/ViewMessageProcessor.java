package org.tidemq.broker.query;

import java.util.List;
import org.tidemq.common.protocol.header.HeaderFields;
import org.tidemq.common.protocol.header.MissingHeaderFieldException;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.store.MessageStore;
import org.tidemq.store.mappedfile.MappedBufferSlice;

/**
 * VIEW_MESSAGE_BY_ID (33): header {@code offset} = the commit-log offset decoded from an offset message id (facts
 * §6.1); body = the stored record at that offset, a view of the CommitLog. No valid, visible record there →
 * SYSTEM_ERROR "can not find message by the offset, &lt;offset&gt;", as RocketMQ answers. Thread-safe.
 */
public final class ViewMessageProcessor implements RequestProcessor.Sync {
    static final String OFFSET = "offset";

    private final MessageStore store;

    public ViewMessageProcessor(MessageStore store) {
        this.store = store;
    }

    @Override
    public RemotingCommand processNow(RequestContext context, RemotingCommand request) {
        long offset;
        try {
            offset = HeaderFields.requiredLong(request, OFFSET);
        } catch (MissingHeaderFieldException e) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
        MappedBufferSlice record = offset < 0 ? null : store.selectOneMessageByOffset(offset);
        if (record == null) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "can not find message by the offset, " + offset);
        }
        return RemotingCommand.successTo(request).setBody(StoredRecordsBody.of(List.of(record)));
    }
}
