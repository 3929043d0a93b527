package org.tidemq.client.consumer.push.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.client.MessageQueue;
import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonReader;
import org.tidemq.common.json.JsonWriter;
import org.tidemq.common.remoting.RemotingClient;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The broker-side queue locks an orderly consumer holds (facts §4.6): LOCK_BATCH_MQ (41) per broker for the queues
 * it reads, renewed every 20 s by the owner calling {@link #lock} again, and UNLOCK_BATCH_MQ (42) when it lets a queue
 * go. The broker grants a 60 s lease; a lock counts as held here only while its last grant is younger than
 * {@code staleAfterMillis} (30 s), so a consumer that cannot renew stops consuming well before another may start.
 *
 * <p>Thread-safe. Times come from the injected clock.
 */
public final class QueueLocks {
    private static final Logger LOG = LoggerFactory.getLogger(QueueLocks.class);
    public static final long DEFAULT_STALE_AFTER_MILLIS = 30_000;

    private final RemotingClient remoting;
    private final String group;
    private final String clientId;
    private final Function<String, String> masterAddress;
    private final LongSupplier clock;
    private final long staleAfterMillis;
    private final long timeoutMillis;
    private final Map<MessageQueue, Long> grantedAt = new ConcurrentHashMap<>();

    /**
     * @param masterAddress broker name → master address, or {@code null} when unknown
     */
    public QueueLocks(RemotingClient remoting, String group, String clientId, Function<String, String> masterAddress,
                      LongSupplier clock, long staleAfterMillis, long timeoutMillis) {
        this.remoting = remoting;
        this.group = group;
        this.clientId = clientId;
        this.masterAddress = masterAddress;
        this.clock = clock;
        this.staleAfterMillis = staleAfterMillis;
        this.timeoutMillis = timeoutMillis;
    }

    /** True while {@code queue}'s last grant is younger than the stale limit. */
    public boolean isHeld(MessageQueue queue) {
        Long at = grantedAt.get(queue);
        return at != null && clock.getAsLong() - at < staleAfterMillis;
    }

    /** Millis of the last grant, or -1. */
    public long lastGrantMillis(MessageQueue queue) {
        return grantedAt.getOrDefault(queue, -1L);
    }

    /**
     * Locks (or renews) {@code queues}, one request per broker; completes with the queues the brokers granted.
     * Queues a broker refused, or whose broker failed to answer, keep their previous grant time and so go stale
     * on their own; refused ones are dropped at once.
     */
    public CompletableFuture<Set<MessageQueue>> lock(Collection<MessageQueue> queues) {
        List<CompletableFuture<Set<MessageQueue>>> calls = new ArrayList<>();
        byBroker(queues).forEach((brokerName, brokerQueues) -> {
            String address = masterAddress.apply(brokerName);
            if (address == null) {
                LOG.debug("no master of {} to lock {}", brokerName, brokerQueues);
                return;
            }
            long requestedAt = clock.getAsLong();
            RemotingCommand request = RemotingCommand.request(RequestCode.LOCK_BATCH_MQ)
                    .setBody(body(brokerQueues));
            calls.add(remoting.invokeAsync(address, request, timeoutMillis).handle((response, error) -> {
                if (error != null) {
                    LOG.warn("locking {} at {} failed: {}", brokerQueues, address, error.toString());
                    return Set.<MessageQueue>of();
                }
                try {
                    if (response.code() != ResponseCode.SUCCESS) {
                        LOG.warn("broker {} refused LOCK_BATCH_MQ: code {} {}", address, response.code(),
                                response.remark());
                        return Set.<MessageQueue>of();
                    }
                    Set<MessageQueue> granted;
                    try {
                        granted = parseGranted(response.bodyBytes());
                    } catch (RuntimeException e) {
                        LOG.warn("broker {} sent an unreadable LOCK_BATCH_MQ answer: {}", address, e.toString());
                        return Set.<MessageQueue>of();
                    }
                    for (MessageQueue queue : brokerQueues) {
                        if (granted.contains(queue)) {
                            grantedAt.put(queue, requestedAt);
                        } else {
                            grantedAt.remove(queue);
                        }
                    }
                    return granted;
                } finally {
                    response.releaseBody();
                }
            }));
        });
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            Set<MessageQueue> all = new HashSet<>();
            calls.forEach(call -> all.addAll(call.join()));
            return all;
        });
    }

    /** Releases {@code queues} here and at their brokers; completes when all brokers answered or failed. */
    public CompletableFuture<Void> unlock(Collection<MessageQueue> queues) {
        queues.forEach(grantedAt::remove);
        List<CompletableFuture<?>> calls = new ArrayList<>();
        byBroker(queues).forEach((brokerName, brokerQueues) -> {
            String address = masterAddress.apply(brokerName);
            if (address == null) {
                return;
            }
            RemotingCommand request = RemotingCommand.request(RequestCode.UNLOCK_BATCH_MQ)
                    .setBody(body(brokerQueues));
            calls.add(remoting.invokeAsync(address, request, timeoutMillis).handle((response, error) -> {
                if (error != null) {
                    LOG.debug("unlocking {} at {} failed: {}", brokerQueues, address, error.toString());
                } else {
                    response.releaseBody();
                }
                return null;
            }));
        });
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new));
    }

    private static Map<String, List<MessageQueue>> byBroker(Collection<MessageQueue> queues) {
        Map<String, List<MessageQueue>> grouped = new LinkedHashMap<>();
        for (MessageQueue queue : queues) {
            grouped.computeIfAbsent(queue.brokerName(), name -> new ArrayList<>()).add(queue);
        }
        return grouped;
    }

    /** LockBatchRequestBody / UnlockBatchRequestBody. */
    byte[] body(Collection<MessageQueue> queues) {
        JsonWriter json = new JsonWriter(IntKeyStyle.UNQUOTED);
        json.beginObject().field("clientId", clientId).field("consumerGroup", group).name("mqSet").beginArray();
        for (MessageQueue queue : queues) {
            MessageQueueJson.write(json, queue);
        }
        json.endArray().field("onlyThisBroker", false).endObject();
        return json.toBytes();
    }

    private static Set<MessageQueue> parseGranted(byte[] body) {
        Set<MessageQueue> granted = new HashSet<>();
        if (body == null || body.length == 0) {
            return granted;
        }
        JsonObject json = JsonReader.parseObject(body);
        List<Object> array = json.array("lockOKMQSet");
        if (array != null) {
            for (Object item : array) {
                granted.add(MessageQueueJson.read(JsonObject.toObject(item, "lockOKMQSet item")));
            }
        }
        return granted;
    }
}
