package org.tidemq.broker.filter;

import java.util.function.BooleanSupplier;
import org.tidemq.broker.client.SubscriptionData;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonReader;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;

/**
 * CHECK_CLIENT_CONFIG (46): a consumer asks, before it starts, whether the broker accepts a non-TAG subscription.
 * Body {@code {"clientId", "group", "subscriptionData": {...}}}. Answers as RocketMQ 5.2.0 does: SUCCESS for TAG
 * subscriptions (or no subscription); SYSTEM_ERROR "The broker does not support consumer to filter message by SQL92"
 * when {@code enablePropertyFilter} is off; SUBSCRIPTION_PARSE_FAILED with the parse error for a malformed
 * expression. Thread-safe.
 */
public final class CheckClientConfigProcessor implements RequestProcessor.Sync {
    public static final String SQL92 = "SQL92";

    private final BooleanSupplier propertyFilterEnabled;

    /** @param propertyFilterEnabled the live {@code enablePropertyFilter} setting */
    public CheckClientConfigProcessor(BooleanSupplier propertyFilterEnabled) {
        this.propertyFilterEnabled = propertyFilterEnabled;
    }

    @Override
    public RemotingCommand processNow(RequestContext context, RemotingCommand request) {
        byte[] body = request.bodyBytes();
        if (body == null || body.length == 0) {
            return RemotingCommand.successTo(request);
        }
        SubscriptionData subscription;
        try {
            JsonObject subscriptionJson = JsonReader.parseObject(body).object("subscriptionData");
            if (subscriptionJson == null) {
                return RemotingCommand.successTo(request);
            }
            subscription = SubscriptionData.fromJson(subscriptionJson);
        } catch (RuntimeException e) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "CHECK_CLIENT_CONFIG body is not a valid CheckClientRequestBody: " + e.getMessage());
        }
        if (subscription.isTagType()) {
            return RemotingCommand.successTo(request);
        }
        if (!propertyFilterEnabled.getAsBoolean()) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    unsupportedType(subscription.expressionType()));
        }
        if (!SQL92.equals(subscription.expressionType())) {
            return RemotingCommand.responseTo(request, ResponseCode.SUBSCRIPTION_PARSE_FAILED,
                    "unsupported expression type " + subscription.expressionType() + " (TAG or SQL92)");
        }
        String error = SqlFilterCache.compileNow(subscription.subString()).error();
        return error == null ? RemotingCommand.successTo(request)
                : RemotingCommand.responseTo(request, ResponseCode.SUBSCRIPTION_PARSE_FAILED, error);
    }

    /** RocketMQ's remark when the broker does not filter by {@code expressionType}. */
    public static String unsupportedType(String expressionType) {
        return "The broker does not support consumer to filter message by " + expressionType;
    }
}
