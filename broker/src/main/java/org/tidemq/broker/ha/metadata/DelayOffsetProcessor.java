package org.tidemq.broker.ha.metadata;

import java.io.IOException;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;

/**
 * GET_ALL_DELAY_OFFSET (45), which slaves send to their master: the body is the {@link DelayOffsetFile}'s text.
 * A file that cannot be read answers SYSTEM_ERROR naming it. Thread-safe.
 */
public final class DelayOffsetProcessor implements RequestProcessor.Sync {
    private final DelayOffsetFile file;

    public DelayOffsetProcessor(DelayOffsetFile file) {
        this.file = file;
    }

    @Override
    public RemotingCommand processNow(RequestContext context, RemotingCommand request) {
        try {
            return RemotingCommand.successTo(request).setBody(file.read());
        } catch (IOException e) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "cannot read " + file.path() + ": " + e);
        }
    }
}
