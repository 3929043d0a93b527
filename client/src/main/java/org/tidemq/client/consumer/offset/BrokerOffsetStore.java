package org.tidemq.client.consumer.offset;

import org.tidemq.client.MessageQueue;
import org.tidemq.client.consumer.ConsumerException;
import org.tidemq.common.remoting.RemotingClient;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Offsets of a clustering group, kept by the master broker of each queue (facts §4.3): QUERY_CONSUMER_OFFSET to
 * read (22 QUERY_NOT_FOUND means never committed → −1), UPDATE_CONSUMER_OFFSET to persist. Persisting waits for the
 * broker's answer so that a commit that returns really reached the broker.
 *
 * <p>Thread-safe (see {@link OffsetStore}).
 */
public final class BrokerOffsetStore implements OffsetStore {
    private final RemotingClient remoting;
    private final String group;
    private final Function<String, String> masterAddress;
    private final long timeoutMillis;
    private final OffsetTable offsets = new OffsetTable();

    /**
     * @param masterAddress broker name → master {@code ip:port}, or {@code null} when unknown (then reads and
     *                      persists of that broker's queues fail)
     */
    public BrokerOffsetStore(RemotingClient remoting, String group, Function<String, String> masterAddress,
                             long timeoutMillis) {
        this.remoting = remoting;
        this.group = group;
        this.masterAddress = masterAddress;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void load() {
        // Offsets live on the brokers and are read per queue on demand.
    }

    @Override
    public long read(MessageQueue queue, ReadFrom from) {
        if (from != ReadFrom.STORE) {
            Long cached = offsets.get(queue);
            if (cached != null || from == ReadFrom.MEMORY) {
                return cached == null ? -1 : cached;
            }
        }
        try {
            long stored = query(queue).get(timeoutMillis + 1000, TimeUnit.MILLISECONDS);
            if (stored >= 0) {
                offsets.put(queue, stored);
            }
            return stored;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsumerException("interrupted while reading the offset of " + queue, e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof ConsumerException consumerException) {
                throw consumerException;
            }
            throw new ConsumerException("reading the offset of " + queue + " for group " + group + " failed: "
                    + cause, cause);
        }
    }

    /** QUERY_CONSUMER_OFFSET on the queue's master: the committed offset, or −1 when the broker has none. */
    public CompletableFuture<Long> query(MessageQueue queue) {
        String address = masterAddress.apply(queue.brokerName());
        if (address == null) {
            return CompletableFuture.failedFuture(new ConsumerException("no master address known for broker "
                    + queue.brokerName() + " to read the offset of " + queue, ConsumerException.NO_RESPONSE));
        }
        RemotingCommand request = RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET)
                .putField("consumerGroup", group)
                .putField("topic", queue.topic())
                .putField("queueId", queue.queueId())
                .putField("bname", queue.brokerName());
        return remoting.invokeAsync(address, request, timeoutMillis).thenApply(response -> {
            response.releaseBody();
            if (response.code() == ResponseCode.QUERY_NOT_FOUND) {
                return -1L;
            }
            Long offset = response.longField("offset");
            if (response.code() != ResponseCode.SUCCESS || offset == null) {
                throw new CompletionException(new ConsumerException("broker " + address
                        + " answered QUERY_CONSUMER_OFFSET of " + queue + " for group " + group + " with code "
                        + response.code() + " (" + ResponseCode.nameOf(response.code()) + ") " + response.remark(),
                        response.code()));
            }
            return offset;
        });
    }

    @Override
    public void update(MessageQueue queue, long offset, boolean increaseOnly) {
        offsets.update(queue, offset, increaseOnly);
    }

    /**
     * Commits one queue after another per broker (brokers in parallel), as the official client does: Apache
     * RocketMQ 5.2.0's broker creates a group's offset table for a topic without synchronisation, so two first
     * commits of one topic and group arriving together can lose one of the queues' offsets. A failed commit does
     * not stop the others; the returned future fails with the first failure once all have been tried.
     */
    @Override
    public CompletableFuture<Void> persistAll(Set<MessageQueue> queues) {
        Map<String, List<Map.Entry<MessageQueue, Long>>> byBroker = new TreeMap<>();
        offsets.of(queues).forEach((queue, offset) -> byBroker.computeIfAbsent(queue.brokerName(),
                name -> new ArrayList<>()).add(Map.entry(queue, offset)));
        List<CompletableFuture<Void>> brokers = new ArrayList<>();
        byBroker.values().forEach(commits -> brokers.add(commitInTurn(commits)));
        return CompletableFuture.allOf(brokers.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> commitInTurn(List<Map.Entry<MessageQueue, Long>> commits) {
        CompletableFuture<Throwable> firstFailure = CompletableFuture.completedFuture(null);
        for (Map.Entry<MessageQueue, Long> next : commits) {
            firstFailure = firstFailure.thenCompose(earlier -> commit(next.getKey(), next.getValue())
                    .handle((ignored, failure) -> earlier != null ? earlier : failure));
        }
        return firstFailure.thenCompose(failure -> failure == null ? CompletableFuture.<Void>completedFuture(null)
                : CompletableFuture.<Void>failedFuture(unwrap(failure)));
    }

    /** UPDATE_CONSUMER_OFFSET of one queue on its master, waiting for the broker's answer. */
    public CompletableFuture<Void> commit(MessageQueue queue, long offset) {
        String address = masterAddress.apply(queue.brokerName());
        if (address == null) {
            return CompletableFuture.failedFuture(new ConsumerException("no master address known for broker "
                    + queue.brokerName() + " to commit the offset of " + queue, ConsumerException.NO_RESPONSE));
        }
        RemotingCommand request = RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET)
                .putField("consumerGroup", group)
                .putField("topic", queue.topic())
                .putField("queueId", queue.queueId())
                .putField("commitOffset", offset)
                .putField("bname", queue.brokerName());
        return remoting.invokeAsync(address, request, timeoutMillis).thenAccept(response -> {
            response.releaseBody();
            if (response.code() != ResponseCode.SUCCESS) {
                throw new CompletionException(new ConsumerException("broker " + address
                        + " refused UPDATE_CONSUMER_OFFSET of " + queue + " for group " + group + ": code "
                        + response.code() + " (" + ResponseCode.nameOf(response.code()) + ") " + response.remark(),
                        response.code()));
            }
        });
    }

    @Override
    public void remove(MessageQueue queue) {
        offsets.remove(queue);
    }

    @Override
    public Map<MessageQueue, Long> snapshot() {
        return offsets.snapshot();
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
