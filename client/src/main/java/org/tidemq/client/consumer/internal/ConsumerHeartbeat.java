package org.tidemq.client.consumer.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.json.JsonWriter;
import org.tidemq.common.remoting.RemotingClient;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Keeps consumer groups registered with brokers (facts §4.6): HEART_BEAT with the groups' ConsumerData to
 * <em>every</em> broker address of the subscribed topics, slaves included (a broker only serves pulls of groups it
 * knows, and rebalance asks any of them for the group's members), and UNREGISTER_CLIENT per group on close.
 * Failures are logged and retried with the next beat; {@link #beat()} never fails.
 *
 * <p>Thread-safe; the owner schedules {@link #beat()} (every 30 s for RocketMQ clients) and calls it once as soon as
 * subscriptions change.
 */
public final class ConsumerHeartbeat {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerHeartbeat.class);

    private final RemotingClient remoting;
    private final String clientId;
    private final Supplier<Collection<ConsumerGroupData>> groups;
    private final Supplier<Collection<String>> brokerAddresses;
    private final long timeoutMillis;

    /**
     * @param groups          the groups this client consumes for, read at every beat
     * @param brokerAddresses every broker address (masters and slaves) of the subscribed topics, read at every beat
     */
    public ConsumerHeartbeat(RemotingClient remoting, String clientId, Supplier<Collection<ConsumerGroupData>> groups,
                             Supplier<Collection<String>> brokerAddresses, long timeoutMillis) {
        this.remoting = remoting;
        this.clientId = clientId;
        this.groups = groups;
        this.brokerAddresses = brokerAddresses;
        this.timeoutMillis = timeoutMillis;
    }

    public String clientId() {
        return clientId;
    }

    /** The HEART_BEAT body: this client with its consumer groups and no producer group. */
    public byte[] heartbeatBody() {
        JsonWriter json = new JsonWriter(IntKeyStyle.UNQUOTED);
        json.beginObject().field("clientID", clientId).name("consumerDataSet").beginArray();
        groups.get().forEach(group -> group.writeJson(json));
        json.endArray()
                .field("heartbeatFingerprint", 0)
                .name("producerDataSet").beginArray().endArray()
                .field("withoutSub", false)
                .endObject();
        return json.toBytes();
    }

    /** Heartbeats every broker address; completes when all answered or failed (never exceptionally). */
    public CompletableFuture<Void> beat() {
        Collection<String> addresses = brokerAddresses.get();
        if (addresses.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        byte[] body = heartbeatBody();
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (String address : addresses) {
            RemotingCommand request = RemotingCommand.request(RequestCode.HEART_BEAT).setBody(body);
            calls.add(remoting.invokeAsync(address, request, timeoutMillis).handle((response, error) -> {
                if (error != null) {
                    LOG.warn("consumer heartbeat to broker {} failed: {}", address, error.toString());
                } else if (response.code() != ResponseCode.SUCCESS) {
                    LOG.warn("broker {} rejected consumer heartbeat: code {} {}", address, response.code(),
                            response.remark());
                }
                return null;
            }));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new));
    }

    /** Tells every broker address that this client leaves {@code group}; completes when all answered or failed. */
    public CompletableFuture<Void> unregister(String group) {
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (String address : brokerAddresses.get()) {
            RemotingCommand request = RemotingCommand.request(RequestCode.UNREGISTER_CLIENT)
                    .putField("clientID", clientId)
                    .putField("consumerGroup", group);
            calls.add(remoting.invokeAsync(address, request, timeoutMillis).handle((response, error) -> {
                if (error != null) {
                    LOG.debug("unregister of {} from broker {} failed: {}", group, address, error.toString());
                }
                return null;
            }));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new));
    }
}
