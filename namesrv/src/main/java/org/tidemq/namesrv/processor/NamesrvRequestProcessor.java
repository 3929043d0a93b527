package org.tidemq.namesrv.processor;

import org.tidemq.common.protocol.header.MissingHeaderFieldException;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;

/**
 * Base of the name server's processors: they answer on the calling thread (the registry and KV store are fast), and
 * a request missing a mandatory field gets SYSTEM_ERROR naming the field instead of a stack trace.
 */
abstract class NamesrvRequestProcessor implements RequestProcessor.Sync {

    @Override
    public final RemotingCommand processNow(RequestContext context, RemotingCommand request) throws Exception {
        try {
            return handle(context, request);
        } catch (MissingHeaderFieldException e) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
    }

    /** Handles one request; an unexpected code is answered REQUEST_CODE_NOT_SUPPORTED. */
    protected abstract RemotingCommand handle(RequestContext context, RemotingCommand request) throws Exception;

    /** The request codes this processor serves. */
    public abstract int[] requestCodes();

    static RemotingCommand notSupported(RemotingCommand request) {
        return RemotingCommand.responseTo(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                " request type " + request.code() + " not supported");
    }

    static RemotingCommand success(RemotingCommand request) {
        return RemotingCommand.successTo(request);
    }

    static RemotingCommand error(RemotingCommand request, int code, String remark) {
        return RemotingCommand.responseTo(request, code, remark);
    }
}
