package org.tidemq.client.producer.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.client.MessageQueue;
import org.tidemq.client.impl.ClientId;
import org.tidemq.client.impl.ClientLifecycle;
import org.tidemq.client.impl.HeartbeatService;
import org.tidemq.client.producer.Message;
import org.tidemq.client.producer.Producer;
import org.tidemq.client.producer.ProducerConfig;
import org.tidemq.client.producer.QueueSelector;
import org.tidemq.client.producer.SendException;
import org.tidemq.client.producer.SendResult;
import org.tidemq.client.producer.SendStatus;
import org.tidemq.client.producer.fault.LatencyFaultTracker;
import org.tidemq.client.producer.fault.QueuePicker;
import org.tidemq.client.route.NameServerClient;
import org.tidemq.client.route.PublishRoute;
import org.tidemq.client.route.TopicRouteCache;
import org.tidemq.common.message.UniqueMessageIdGenerator;
import org.tidemq.common.remoting.RemotingClient;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.netty.NettyClientConfig;
import org.tidemq.common.remoting.netty.NettyRemotingClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The {@link Producer} implementation: route lookup through {@link TopicRouteCache}, queue choice through
 * {@link QueuePicker}, retries per {@link RetryPolicy}, heartbeats through {@link HeartbeatService}. Route refresh and
 * heartbeats run on one scheduled executor.
 */
public final class DefaultProducer implements Producer {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultProducer.class);
    /** Extra wait of a blocking call beyond the send timeout, so the transport's own timeout decides. */
    private static final long SYNC_WAIT_GRACE_MILLIS = 2000;
    private static final long HEARTBEAT_INITIAL_DELAY_MILLIS = 1000;


    private final ProducerConfig config;
    private final RemotingClient remoting;
    private final boolean ownsRemoting;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final LongSupplier clock;
    private final UniqueMessageIdGenerator ids;
    private final RetryPolicy retryPolicy;
    private final LatencyFaultTracker faults;
    private final QueuePicker picker;
    private final TopicRouteCache routes;
    private final HeartbeatService heartbeat;
    private final ClientLifecycle lifecycle;

    /**
     * @param remotingClient a started transport owned by the caller, or {@code null} to create (and own) a Netty one
     * @param scheduler      executor for background tasks owned by the caller, or {@code null} to own a thread
     */
    public DefaultProducer(ProducerConfig config, RemotingClient remotingClient, ScheduledExecutorService scheduler,
                           LongSupplier clock, UniqueMessageIdGenerator ids) {
        this.config = config;
        this.lifecycle = new ClientLifecycle("producer " + config.group());
        this.ownsRemoting = remotingClient == null;
        this.remoting = ownsRemoting ? new NettyRemotingClient(NettyClientConfig.defaults()) : remotingClient;
        this.ownsScheduler = scheduler == null;
        this.scheduler = ownsScheduler ? Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tidemq-producer-" + config.group());
            thread.setDaemon(true);
            return thread;
        }) : scheduler;
        this.clock = clock;
        this.ids = ids;
        this.retryPolicy = new RetryPolicy(config.retries());
        this.faults = new LatencyFaultTracker(clock);
        this.picker = new QueuePicker(faults);
        this.routes = new TopicRouteCache(new NameServerClient(remoting, config.namesrvAddrs(),
                config.sendTimeoutMillis()), config.createTopicKey(), config.defaultTopicQueueNums());
        this.heartbeat = new HeartbeatService(remoting, ClientId.create(), config.group(), routes::masterAddresses,
                config.sendTimeoutMillis());
    }

    @Override
    public void start() {
        lifecycle.start();
        if (ownsRemoting) {
            remoting.start();
        }
        long refreshMillis = config.routeRefreshInterval().toMillis();
        long heartbeatMillis = config.heartbeatInterval().toMillis();
        lifecycle.every(scheduler, "route refresh", refreshMillis, refreshMillis, routes::refreshAll);
        lifecycle.every(scheduler, "heartbeat", Math.min(HEARTBEAT_INITIAL_DELAY_MILLIS, heartbeatMillis),
                heartbeatMillis, heartbeat::beat);
    }

    @Override
    public SendResult send(Message message) {
        return await(sendAsync(message));
    }

    @Override
    public CompletableFuture<SendResult> sendAsync(Message message) {
        ensureRunning();
        return dispatch(OutgoingMessage.single(message, config, ids), null, null, retryPolicy.maxAttempts());
    }

    @Override
    public SendResult send(List<Message> batch) {
        return await(sendAsync(batch));
    }

    @Override
    public CompletableFuture<SendResult> sendAsync(List<Message> batch) {
        ensureRunning();
        return dispatch(OutgoingMessage.batch(batch, ids), null, null, retryPolicy.maxAttempts());
    }

    @Override
    public SendResult send(Message message, QueueSelector selector) {
        return await(sendAsync(message, selector));
    }

    @Override
    public CompletableFuture<SendResult> sendAsync(Message message, QueueSelector selector) {
        ensureRunning();
        Objects.requireNonNull(selector, "selector");
        return dispatch(OutgoingMessage.single(message, config, ids), selector, message, 1);
    }

    /**
     * Sends {@code message} as a transaction's prepared (half) message, with the usual retries; the broker keeps it
     * invisible until END_TRANSACTION. Used by {@link DefaultTransactionProducer}.
     */
    CompletableFuture<SendResult> sendPreparedAsync(Message message) {
        ensureRunning();
        return dispatch(OutgoingMessage.prepared(message, config, ids), null, null, retryPolicy.maxAttempts());
    }

    /** Waits for a send's outcome as the blocking sends do. */
    <T> T awaitOutcome(CompletableFuture<T> future) {
        return await(future);
    }

    @Override
    public void sendOneway(Message message) {
        ensureRunning();
        OutgoingMessage out = OutgoingMessage.single(message, config, ids);
        CompletableFuture<Void> written = route(out.topic()).thenCompose(route -> {
            MessageQueue queue = picker.pick(route.queues(), null);
            RemotingCommand request = out.toRequest(queue, config, clock.getAsLong(), true);
            return remoting.invokeOneway(route.masterAddr(queue.brokerName()), request, config.sendTimeoutMillis());
        });
        await(written);
    }

    @Override
    public List<MessageQueue> writableQueues(String topic) {
        ensureRunning();
        return await(route(topic)).queues();
    }

    @Override
    public ProducerConfig config() {
        return config;
    }

    private CompletableFuture<PublishRoute> route(String topic) {
        return routes.route(topic).whenComplete((route, error) -> {
            if (error == null) {
                heartbeat.greetNewMasters();
            }
        }).exceptionallyCompose(error -> {
            Throwable cause = unwrap(error);
            return CompletableFuture.failedFuture(new SendException("no route to publish topic " + topic + ": "
                    + cause.getMessage(), cause));
        });
    }

    /**
     * Sends {@code out} with up to {@code maxAttempts} attempts within the send timeout.
     *
     * @param selector {@code null} for round-robin with fault avoidance, else the caller's choice (with
     *                 {@code original}, the message it selects for)
     */
    private CompletableFuture<SendResult> dispatch(OutgoingMessage out, QueueSelector selector, Message original,
                                                   int maxAttempts) {
        long deadline = clock.getAsLong() + config.sendTimeoutMillis();
        CompletableFuture<SendResult> result;
        try {
            result = route(out.topic()).thenCompose(route ->
                    attempt(new Attempt(out, route, selector, original, maxAttempts, deadline), 1, null, null));
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
        return result.whenComplete((sent, error) -> out.release());
    }

    /** What stays the same across the attempts of one send. */
    private record Attempt(OutgoingMessage out, PublishRoute route, QueueSelector selector, Message original,
                           int maxAttempts, long deadline) {
    }

    private CompletableFuture<SendResult> attempt(Attempt send, int attempt, String avoidBroker,
                                                  Throwable lastFailure) {
        long remaining = send.deadline - clock.getAsLong();
        if (remaining <= 0) {
            return CompletableFuture.failedFuture(new SendException("sending to topic " + send.out.topic()
                    + " timed out after " + config.sendTimeoutMillis() + " ms and " + (attempt - 1) + " attempt(s)",
                    lastFailure));
        }
        MessageQueue queue;
        try {
            queue = send.selector == null ? picker.pick(send.route.queues(), avoidBroker)
                    : selected(send.selector, send.route, send.original);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new SendException("queue selection for topic " + send.out.topic()
                    + " failed: " + e.getMessage(), e));
        }
        String brokerName = queue.brokerName();
        String address = send.route.masterAddr(brokerName);
        long started = clock.getAsLong();
        RemotingCommand request = send.out.toRequest(queue, config, started, false);
        return remoting.invokeAsync(address, request, remaining).handle((response, error) -> {
            long latency = clock.getAsLong() - started;
            if (error != null) {
                Throwable cause = unwrap(error);
                faults.record(brokerName, latency, true);
                if (attempt < send.maxAttempts) {
                    LOG.debug("send to {} ({}) failed, retrying elsewhere: {}", brokerName, address, cause.toString());
                    return attempt(send, attempt + 1, brokerName, cause);
                }
                return CompletableFuture.<SendResult>failedFuture(new SendException("send to broker " + brokerName
                        + " (" + address + ") failed after " + attempt + " attempt(s): " + cause.getMessage(), cause));
            }
            SendStatus status = SendStatus.ofResponseCode(response.code());
            if (status != null) {
                faults.record(brokerName, latency, false);
                try {
                    return CompletableFuture.completedFuture(
                            SendResponses.toResult(response, status, queue, send.out.uniqueIds()));
                } catch (SendException e) {
                    return CompletableFuture.<SendResult>failedFuture(e);
                }
            }
            SendException refused = new SendException(brokerName, response.code(), response.remark(), attempt);
            if (retryPolicy.isRetryable(response.code())) {
                faults.record(brokerName, latency, true);
                if (attempt < send.maxAttempts) {
                    LOG.debug("retrying elsewhere: {}", refused.getMessage());
                    return attempt(send, attempt + 1, brokerName, refused);
                }
            }
            return CompletableFuture.<SendResult>failedFuture(refused);
        }).thenCompose(next -> next);
    }

    private static MessageQueue selected(QueueSelector selector, PublishRoute route, Message original) {
        MessageQueue queue = selector.select(route.queues(), original);
        if (queue == null || !route.queues().contains(queue)) {
            throw new IllegalArgumentException("selector returned " + queue + ", which is not a writable queue of "
                    + route.topic());
        }
        return queue;
    }

    private <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(config.sendTimeoutMillis() + SYNC_WAIT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SendException("interrupted while waiting for the broker", e);
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e.getCause());
            if (cause instanceof SendException sendException) {
                throw sendException;
            }
            throw new SendException(cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new SendException("no outcome within " + (config.sendTimeoutMillis() + SYNC_WAIT_GRACE_MILLIS)
                    + " ms", e);
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private void ensureRunning() {
        lifecycle.ensureRunning();
    }

    @Override
    public void close() {
        ClientLifecycle.State previous = lifecycle.close();
        if (previous == ClientLifecycle.State.CLOSED) {
            return;
        }
        if (previous == ClientLifecycle.State.RUNNING) {
            try {
                heartbeat.unregister().get(config.sendTimeoutMillis() + SYNC_WAIT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.debug("unregister of producer {} did not finish: {}", config.group(), e.toString());
            }
        }
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
        if (ownsRemoting) {
            remoting.shutdown();
        }
    }
}
