package org.tidemq.broker.admin;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.broker.offset.ConsumerOffsetManager;
import org.tidemq.broker.subscription.SubscriptionGroupManager;
import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.protocol.SubscriptionGroupConfig;
import org.tidemq.common.protocol.header.HeaderFields;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;

/**
 * UPDATE_AND_CREATE_SUBSCRIPTIONGROUP (200, body = SubscriptionGroupConfig JSON), GET_ALL_SUBSCRIPTIONGROUP_CONFIG
 * (201), DELETE_SUBSCRIPTIONGROUP (207, {@code groupName}, {@code cleanOffset}) and GET_SUBSCRIPTIONGROUP_CONFIG
 * (352, {@code group}). Changes are on disk before the answer (see {@link SubscriptionGroupManager}). Thread-safe.
 */
public final class SubscriptionGroupAdminProcessor implements RequestProcessor.Sync {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionGroupAdminProcessor.class);

    static final String GROUP_NAME = "groupName";
    static final String CLEAN_OFFSET = "cleanOffset";
    static final String GROUP = "group";

    private final SubscriptionGroupManager groups;
    private final ConsumerOffsetManager offsets;

    public SubscriptionGroupAdminProcessor(SubscriptionGroupManager groups, ConsumerOffsetManager offsets) {
        this.groups = groups;
        this.offsets = offsets;
    }

    @Override
    public RemotingCommand processNow(RequestContext context, RemotingCommand request) throws IOException {
        try {
            // Missing header fields and malformed JSON bodies are IllegalArgumentExceptions naming the problem.
            return switch (request.code()) {
                case RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP -> update(request);
                case RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG ->
                        RemotingCommand.successTo(request).setBody(groups.encode());
                case RequestCode.DELETE_SUBSCRIPTIONGROUP -> delete(request);
                case RequestCode.GET_SUBSCRIPTIONGROUP_CONFIG -> select(request);
                default -> RemotingCommand.responseTo(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                        "request code " + request.code() + " not supported by " + getClass().getSimpleName());
            };
        } catch (IllegalArgumentException e) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
    }

    private RemotingCommand update(RemotingCommand request) throws IOException {
        if (request.bodyLength() == 0) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "UPDATE_AND_CREATE_SUBSCRIPTIONGROUP needs a SubscriptionGroupConfig body");
        }
        SubscriptionGroupConfig config = SubscriptionGroupConfig.decode(request.bodyBytes());
        SubscriptionGroupConfig stored = groups.update(config);
        LOG.info("subscription group updated: {}", stored);
        return RemotingCommand.successTo(request);
    }

    private RemotingCommand delete(RemotingCommand request) throws IOException {
        String group = HeaderFields.required(request, GROUP_NAME);
        boolean existed = groups.delete(group);
        int removedOffsets = Boolean.TRUE.equals(HeaderFields.optionalBoolean(request, CLEAN_OFFSET))
                ? offsets.removeOffsetsOfGroup(group) : 0;
        LOG.info("deleted subscription group {} (was configured: {}), removed {} offset entries", group, existed,
                removedOffsets);
        return RemotingCommand.successTo(request);
    }

    private RemotingCommand select(RemotingCommand request) {
        String group = HeaderFields.required(request, GROUP);
        SubscriptionGroupConfig config = groups.select(group);
        if (config == null) {
            return RemotingCommand.responseTo(request, ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST,
                    "subscription group '" + group + "' does not exist");
        }
        return RemotingCommand.successTo(request).setBody(config.encode(IntKeyStyle.UNQUOTED));
    }
}
