package org.tidemq.client.consumer.rebalance;

import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonReader;
import org.tidemq.common.remoting.RemotingClient;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * GET_CONSUMER_LIST_BY_GROUP (38) over the remoting client (facts §4.6): body {@code {"consumerIdList":[…]}}. A
 * broker answers code 1 when it knows no consumer of the group, which is reported as an empty list.
 *
 * <p>Thread-safe.
 */
public final class ConsumerListClient implements ConsumerIdSource {
    private final RemotingClient remoting;
    private final long timeoutMillis;

    public ConsumerListClient(RemotingClient remoting, long timeoutMillis) {
        this.remoting = remoting;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public CompletableFuture<List<String>> consumerIds(String brokerAddress, String group) {
        RemotingCommand request = RemotingCommand.request(RequestCode.GET_CONSUMER_LIST_BY_GROUP)
                .putField("consumerGroup", group);
        return remoting.invokeAsync(brokerAddress, request, timeoutMillis).thenApply(response -> {
            try {
                if (response.code() == ResponseCode.SYSTEM_ERROR) {
                    return List.of();
                }
                if (response.code() != ResponseCode.SUCCESS) {
                    throw new IllegalStateException("broker " + brokerAddress + " answered GET_CONSUMER_LIST_BY_GROUP "
                            + "for " + group + " with code " + response.code() + ": " + response.remark());
                }
                byte[] body = response.bodyBytes();
                if (body == null || body.length == 0) {
                    throw new IllegalStateException("broker " + brokerAddress + " sent no consumer list for " + group);
                }
                JsonObject json = JsonReader.parseObject(body);
                List<String> ids = new ArrayList<>();
                List<Object> array = json.array("consumerIdList");
                if (array != null) {
                    for (Object id : array) {
                        ids.add(JsonObject.toText(id, "consumerIdList item"));
                    }
                }
                return ids;
            } finally {
                response.releaseBody();
            }
        });
    }
}
