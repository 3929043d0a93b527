package org.tidemq.common.protocol.header;

import org.tidemq.common.remoting.RemotingCommand;

/** GET_ROUTEINFO_BY_TOPIC (105) request fields. */
public record GetRouteInfoRequestHeader(String topic, boolean acceptStandardJsonOnly) {
    public static final String TOPIC = "topic";
    public static final String ACCEPT_STANDARD_JSON_ONLY = "acceptStandardJsonOnly";

    public static GetRouteInfoRequestHeader parse(RemotingCommand request) {
        return new GetRouteInfoRequestHeader(HeaderFields.required(request, TOPIC),
                request.boolField(ACCEPT_STANDARD_JSON_ONLY));
    }

    public RemotingCommand writeTo(RemotingCommand request) {
        request.putField(TOPIC, topic);
        if (acceptStandardJsonOnly) {
            request.putField(ACCEPT_STANDARD_JSON_ONLY, true);
        }
        return request;
    }
}
