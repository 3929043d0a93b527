package org.tidemq.client.consumer.internal;

import org.tidemq.client.consumer.ConsumerException;
import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.json.JsonWriter;
import org.tidemq.common.remoting.RemotingClient;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RemotingException;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

/**
 * Asks a broker whether it accepts a non-TAG subscription (CHECK_CLIENT_CONFIG, 46), as RocketMQ clients do when a
 * consumer starts: the broker refuses a malformed SQL92 expression (SUBSCRIPTION_PARSE_FAILED) and SQL92 when
 * {@code enablePropertyFilter} is off (SYSTEM_ERROR). TAG subscriptions need no check. Stateless; thread-safe.
 */
public final class SubscriptionCheck {
    private SubscriptionCheck() {
    }

    /**
     * @throws ConsumerException with the broker's code and reason when it refuses, or when it cannot be asked
     */
    public static void verify(RemotingClient remoting, String brokerAddress, String clientId, String group,
                              Subscription subscription, long timeoutMillis) {
        if (Subscription.TYPE_TAG.equals(subscription.expressionType())) {
            return;
        }
        JsonWriter json = new JsonWriter(IntKeyStyle.UNQUOTED).beginObject()
                .field("clientId", clientId)
                .field("group", group)
                .name("subscriptionData");
        subscription.writeJson(json);
        json.endObject();
        RemotingCommand request = RemotingCommand.request(RequestCode.CHECK_CLIENT_CONFIG).setBody(json.toBytes());
        RemotingCommand response;
        try {
            response = remoting.invokeSync(brokerAddress, request, timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsumerException("interrupted while checking the " + subscription.expressionType()
                    + " subscription of " + subscription.topic(), e);
        } catch (RemotingException e) {
            throw new ConsumerException("could not check the " + subscription.expressionType() + " subscription of "
                    + subscription.topic() + " with broker " + brokerAddress + ": " + e.getMessage(), e);
        }
        if (response.code() != ResponseCode.SUCCESS) {
            throw new ConsumerException("broker " + brokerAddress + " refused the " + subscription.expressionType()
                    + " subscription of group " + group + " to " + subscription.topic() + " ('"
                    + subscription.expression() + "'): code " + response.code() + ", " + response.remark(),
                    response.code());
        }
    }
}
