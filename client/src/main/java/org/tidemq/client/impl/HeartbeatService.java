package org.tidemq.client.impl;

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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Keeps a producer registered with the brokers it writes to: HEART_BEAT with its producer group to every known
 * master (facts §4.6; producers skip slaves), and UNREGISTER_CLIENT when it closes. Failures are logged and retried
 * on the next beat; they never fail a send.
 *
 * <p>Thread-safe; the owner schedules {@link #beat()} (every 30 s for RocketMQ clients).
 */
public final class HeartbeatService {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatService.class);

    private final RemotingClient remoting;
    private final String clientId;
    private final String producerGroup;
    private final Supplier<Collection<String>> masterAddresses;
    private final long timeoutMillis;
    private final Set<String> greeted = ConcurrentHashMap.newKeySet();

    public HeartbeatService(RemotingClient remoting, String clientId, String producerGroup,
                            Supplier<Collection<String>> masterAddresses, long timeoutMillis) {
        this.remoting = remoting;
        this.clientId = clientId;
        this.producerGroup = producerGroup;
        this.masterAddresses = masterAddresses;
        this.timeoutMillis = timeoutMillis;
    }

    /** The HEART_BEAT body: this client with one producer group and no consumers. */
    public byte[] heartbeatBody() {
        JsonWriter json = new JsonWriter(IntKeyStyle.UNQUOTED);
        json.beginObject().field("clientID", clientId)
                .name("consumerDataSet").beginArray().endArray()
                .field("heartbeatFingerprint", 0)
                .name("producerDataSet").beginArray()
                .beginObject().field("groupName", producerGroup).endObject()
                .endArray()
                .field("withoutSub", false)
                .endObject();
        return json.toBytes();
    }

    /** Sends one heartbeat to every current master; completes when all have answered or failed. */
    public CompletableFuture<Void> beat() {
        return beat(masterAddresses.get());
    }

    /**
     * Heartbeats masters not heart-beaten before, so a broker learns of the producer as soon as a route names it
     * rather than at the next periodic beat.
     */
    public CompletableFuture<Void> greetNewMasters() {
        List<String> fresh = new ArrayList<>();
        for (String address : masterAddresses.get()) {
            if (greeted.add(address)) {
                fresh.add(address);
            }
        }
        return fresh.isEmpty() ? CompletableFuture.completedFuture(null) : beat(fresh);
    }

    private CompletableFuture<Void> beat(Collection<String> addresses) {
        byte[] body = heartbeatBody();
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (String address : addresses) {
            greeted.add(address);
            RemotingCommand request = RemotingCommand.request(RequestCode.HEART_BEAT).setBody(body);
            calls.add(remoting.invokeAsync(address, request, timeoutMillis).handle((response, error) -> {
                if (error != null) {
                    LOG.warn("heartbeat to broker {} failed: {}", address, error.toString());
                } else if (response.code() != ResponseCode.SUCCESS) {
                    LOG.warn("broker {} rejected heartbeat: code {} {}", address, response.code(), response.remark());
                }
                return null;
            }));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new));
    }

    /** Tells every current master that this producer is leaving; completes when all have answered or failed. */
    public CompletableFuture<Void> unregister() {
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (String address : masterAddresses.get()) {
            RemotingCommand request = RemotingCommand.request(RequestCode.UNREGISTER_CLIENT)
                    .putField("clientID", clientId)
                    .putField("producerGroup", producerGroup);
            calls.add(remoting.invokeAsync(address, request, timeoutMillis).handle((response, error) -> {
                if (error != null) {
                    LOG.debug("unregister from broker {} failed: {}", address, error.toString());
                }
                return null;
            }));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new));
    }
}
