package org.tidemq.client.consumer.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.client.MessageQueue;
import org.tidemq.client.impl.ClientLifecycle;
import org.tidemq.client.consumer.ConsumerException;
import org.tidemq.client.consumer.MessageModel;
import org.tidemq.client.consumer.MessageSelector;
import org.tidemq.client.consumer.PullConsumer;
import org.tidemq.client.consumer.PullConsumerConfig;
import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.client.consumer.offset.BrokerOffsetStore;
import org.tidemq.client.consumer.offset.LocalFileOffsetStore;
import org.tidemq.client.consumer.offset.OffsetStore;
import org.tidemq.client.consumer.rebalance.AverageAllocation;
import org.tidemq.client.consumer.rebalance.ConsumerListClient;
import org.tidemq.client.impl.ClientId;
import org.tidemq.client.route.NameServerClient;
import org.tidemq.client.route.SubscribeRoute;
import org.tidemq.client.route.SubscribeRouteCache;
import org.tidemq.common.remoting.RemotingClient;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.netty.NettyClientConfig;
import org.tidemq.common.remoting.netty.NettyRemotingClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The {@link PullConsumer} implementation: queue cursors fed by a {@link Prefetcher}, positions resolved by a
 * {@link StartOffsetResolver}, offsets in a {@link BrokerOffsetStore} (clustering) or {@link LocalFileOffsetStore}
 * (broadcasting), group membership through {@link ConsumerHeartbeat} and the average allocation. Route refresh,
 * heartbeats, rebalance and auto-commit run on one scheduled executor; pull answers on a second thread.
 */
public final class DefaultPullConsumer implements PullConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultPullConsumer.class);
    /** Extra wait of a blocking call beyond the request timeout, so the transport's own timeout decides. */
    private static final long SYNC_WAIT_GRACE_MILLIS = 2000;
    private static final long FIRST_HEARTBEAT_DELAY_MILLIS = 1000;


    private enum Mode { NONE, SUBSCRIBE, ASSIGN }

    private final PullConsumerConfig config;
    private final String clientId;
    private final RemotingClient remoting;
    private final boolean ownsRemoting;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final ExecutorService pullExecutor;
    private final SubscribeRouteCache routes;
    private final OffsetStore offsetStore;
    private final QueueOffsets queueOffsets;
    private final StartOffsetResolver startOffsets;
    private final ConsumerHeartbeat heartbeat;
    private final QueueShare share;
    private final Prefetcher prefetcher;
    private final ConcurrentMap<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final ConcurrentMap<MessageQueue, QueueCursor> cursors = new ConcurrentHashMap<>();
    private final ClientLifecycle lifecycle;
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.NONE);
    private final Handout handout;
    private final Object assignmentLock = new Object();

    /**
     * @param remotingClient a started transport owned by the caller, or {@code null} to create (and own) a Netty one
     * @param scheduler      executor for background tasks owned by the caller, or {@code null} to own a thread
     */
    public DefaultPullConsumer(PullConsumerConfig config, RemotingClient remotingClient,
                               ScheduledExecutorService scheduler) {
        this.config = config;
        this.lifecycle = new ClientLifecycle("consumer " + config.group());
        this.clientId = config.clientId(ClientId.localIp());
        this.ownsRemoting = remotingClient == null;
        this.remoting = ownsRemoting ? new NettyRemotingClient(NettyClientConfig.defaults()) : remotingClient;
        this.ownsScheduler = scheduler == null;
        this.scheduler = ownsScheduler ? Executors.newSingleThreadScheduledExecutor(
                daemon("tidemq-pull-consumer-" + config.group())) : scheduler;
        this.pullExecutor = Executors.newSingleThreadExecutor(daemon("tidemq-pull-" + config.group()));
        long timeoutMillis = config.requestTimeout().toMillis();
        this.routes = new SubscribeRouteCache(new NameServerClient(remoting, config.namesrvAddrs(), timeoutMillis));
        this.offsetStore = config.messageModel() == MessageModel.CLUSTERING
                ? new BrokerOffsetStore(remoting, config.group(), routes::masterAddr, timeoutMillis)
                : new LocalFileOffsetStore(LocalFileOffsetStore.fileFor(config.offsetStoreDir(), clientId,
                config.group()));
        this.queueOffsets = new QueueOffsets(remoting, timeoutMillis);
        this.startOffsets = new StartOffsetResolver(offsetStore, queueOffsets, routes::masterAddr,
                config.consumeFromWhere(), config.consumeTimestampMillis(), this.scheduler);
        this.heartbeat = new ConsumerHeartbeat(remoting, clientId, this::groupData, routes::allBrokerAddrs,
                timeoutMillis);
        this.share = new QueueShare(routes, new ConsumerListClient(remoting, timeoutMillis), new AverageAllocation(),
                config.group(), clientId, config.messageModel(), timeoutMillis + SYNC_WAIT_GRACE_MILLIS);
        this.handout = new Handout(config.maxPollMessages());
        this.prefetcher = new Prefetcher(config.group(), new PullApi(remoting, pullExecutor), routes,
                this::subscriptionOf, this.scheduler, config, handout::signal);
        if (ownsRemoting) {
            remoting.registerProcessor(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, (context, request) -> {
                if (mode.get() == Mode.SUBSCRIBE && lifecycle.isRunning()) {
                    this.scheduler.execute(this::rebalanceQuietly);
                }
                return CompletableFuture.completedFuture(null);
            }, pullExecutor);
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void start() {
        lifecycle.start();
        if (ownsRemoting) {
            remoting.start();
        }
        offsetStore.load();
        long heartbeatMillis = config.heartbeatInterval().toMillis();
        every("route refresh", config.routeRefreshInterval(), routes::refreshAll);
        lifecycle.every(scheduler, "heartbeat", Math.min(FIRST_HEARTBEAT_DELAY_MILLIS, heartbeatMillis),
                heartbeatMillis, heartbeat::beat);
        every("rebalance", config.rebalanceInterval(), () -> {
            if (mode.get() == Mode.SUBSCRIBE) {
                rebalanceQuietly();
            }
            return CompletableFuture.completedFuture(null);
        });
        if (config.autoCommit()) {
            every("auto-commit", config.autoCommitInterval(), this::commitAsync);
        }
    }

    private void every(String what, Duration interval, Supplier<? extends CompletableFuture<?>> task) {
        long millis = interval.toMillis();
        lifecycle.every(scheduler, what + " of group " + config.group(), millis, millis, task);
    }

    // ---------------------------------------------------------------- assignment

    @Override
    public void subscribe(String topic, String expression) {
        subscribe(topic, MessageSelector.byTag(expression));
    }

    @Override
    public void subscribe(String topic, MessageSelector selector) {
        ensureRunning();
        Subscription subscription = Subscription.parse(topic, selector.expression(), selector.type(),
                System.currentTimeMillis());
        if (!mode.compareAndSet(Mode.NONE, Mode.SUBSCRIBE) && mode.get() != Mode.SUBSCRIBE) {
            throw new IllegalStateException("consumer " + config.group() + " has manually assigned queues; "
                    + "subscribe and assign cannot be mixed");
        }
        SubscribeRoute route = await(routes.route(topic), "route lookup of " + topic);
        route.allBrokerAddrs().stream().findFirst().ifPresent(address -> SubscriptionCheck.verify(remoting, address,
                heartbeat.clientId(), config.group(), subscription, config.requestTimeout().toMillis()));
        Subscription previous = subscriptions.put(topic, subscription);
        if (previous != null && !previous.expression().equals(subscription.expression())) {
            // Prefetched messages were filtered with the old expression: re-read from the current positions.
            cursors.values().stream().filter(cursor -> cursor.queue().topic().equals(topic)).forEach(cursor -> {
                long position = cursor.position();
                if (position >= 0) {
                    cursor.seek(position);
                    prefetcher.kick(cursor);
                }
            });
        }
        awaitQuietly(heartbeat.beat(), "heartbeat");
        rebalance();
    }

    @Override
    public void unsubscribe(String topic) {
        ensureRunning();
        if (subscriptions.remove(topic) == null) {
            return;
        }
        synchronized (assignmentLock) {
            Set<MessageQueue> target = new HashSet<>(cursors.keySet());
            target.removeIf(queue -> queue.topic().equals(topic));
            updateAssignment(target);
        }
        routes.forget(topic);
        awaitQuietly(heartbeat.beat(), "heartbeat");
    }

    @Override
    public void assign(Collection<MessageQueue> queues) {
        ensureRunning();
        if (!mode.compareAndSet(Mode.NONE, Mode.ASSIGN) && mode.get() != Mode.ASSIGN) {
            throw new IllegalStateException("consumer " + config.group() + " subscribed to topics; "
                    + "subscribe and assign cannot be mixed");
        }
        Set<String> topics = new HashSet<>();
        queues.forEach(queue -> topics.add(queue.topic()));
        for (String topic : topics) {
            await(routes.route(topic), "route lookup of " + topic);
            subscriptions.putIfAbsent(topic, Subscription.parse(topic, Subscription.SUBSCRIBE_ALL,
                    System.currentTimeMillis()));
        }
        synchronized (assignmentLock) {
            updateAssignment(new HashSet<>(queues));
        }
        subscriptions.keySet().retainAll(topics);
        awaitQuietly(heartbeat.beat(), "heartbeat");
    }

    @Override
    public Set<MessageQueue> assignment() {
        return Set.copyOf(cursors.keySet());
    }

    /** Re-divides the subscribed topics' queues among the group (or takes all when broadcasting). */
    void rebalance() {
        synchronized (assignmentLock) {
            if (!lifecycle.isRunning()) {
                return;
            }
            Set<MessageQueue> target = new HashSet<>();
            for (Subscription subscription : subscriptions.values()) {
                String topic = subscription.topic();
                try {
                    target.addAll(share.of(topic));
                } catch (RuntimeException e) {
                    LOG.warn("rebalance of topic {} for group {} failed, keeping its queues: {}", topic,
                            config.group(), e.getMessage());
                    cursors.keySet().stream().filter(queue -> queue.topic().equals(topic)).forEach(target::add);
                }
            }
            updateAssignment(target);
        }
    }

    private void rebalanceQuietly() {
        try {
            rebalance();
        } catch (RuntimeException e) {
            LOG.warn("rebalance of group {} failed", config.group(), e);
        }
    }

    /** Drops cursors outside {@code target} (committing them first with auto-commit) and opens the new ones. */
    private void updateAssignment(Set<MessageQueue> target) {
        Set<MessageQueue> removed = new HashSet<>(cursors.keySet());
        removed.removeAll(target);
        if (!removed.isEmpty()) {
            Map<MessageQueue, QueueCursor> dropped = new HashMap<>();
            removed.forEach(queue -> dropped.put(queue, cursors.remove(queue)));
            if (config.autoCommit()) {
                stageOffsets(dropped.values());
                offsetStore.persistAll(dropped.keySet()).whenComplete((ignored, error) -> {
                    if (error != null) {
                        LOG.warn("committing offsets of released queues failed: {}", unwrap(error).toString());
                    }
                });
            }
            dropped.values().forEach(QueueCursor::drop);
            removed.forEach(offsetStore::remove);
            LOG.info("group {} consumer {} released {}", config.group(), clientId, removed);
        }
        List<QueueCursor> added = new ArrayList<>();
        for (MessageQueue queue : target) {
            if (!cursors.containsKey(queue)) {
                QueueCursor cursor = new QueueCursor(queue, config.maxCachedMessagesPerQueue(),
                        config.maxCachedBytesPerQueue());
                cursors.put(queue, cursor);
                added.add(cursor);
            }
        }
        added.forEach(this::resolveStart);
        if (!added.isEmpty()) {
            LOG.info("group {} consumer {} took {}", config.group(), clientId,
                    added.stream().map(QueueCursor::queue).toList());
        }
    }

    /**
     * Finds where a new queue starts and begins prefetching it; retried after {@code pullErrorBackoff} while the
     * brokers cannot answer. A seek in the meantime wins.
     */
    private void resolveStart(QueueCursor cursor) {
        long epoch = cursor.epoch();
        startOffsets.resolve(cursor.queue()).whenComplete((offset, error) -> {
            if (cursor.isDropped() || !lifecycle.isRunning()) {
                return;
            }
            if (error != null) {
                LOG.warn("cannot find where to start reading {}: {}; retrying in {}", cursor.queue(),
                        unwrap(error).toString(), config.pullErrorBackoff());
                if (cursor.epoch() == epoch && !scheduler.isShutdown()) {
                    scheduler.schedule(() -> resolveStart(cursor), config.pullErrorBackoff().toMillis(),
                            TimeUnit.MILLISECONDS);
                }
                return;
            }
            if (cursor.initialize(offset, epoch)) {
                prefetcher.kick(cursor);
            }
        });
    }

    private Subscription subscriptionOf(String topic) {
        Subscription subscription = subscriptions.get(topic);
        return subscription != null ? subscription
                : Subscription.parse(topic, Subscription.SUBSCRIBE_ALL, 0);
    }

    private List<ConsumerGroupData> groupData() {
        return List.of(new ConsumerGroupData(config.group(), ConsumeType.CONSUME_ACTIVELY, config.messageModel(),
                config.consumeFromWhere(), List.copyOf(subscriptions.values())));
    }

    // ---------------------------------------------------------------- reading

    @Override
    public List<ReceivedMessage> poll(Duration timeout) {
        ensureRunning();
        List<ReceivedMessage> out = handout.take(cursors::values, timeout.toNanos(),
                () -> lifecycle.isRunning());
        // Cache space was freed: queues that stopped prefetching at their limit continue.
        cursors.values().forEach(prefetcher::kick);
        return out;
    }

    @Override
    public void seek(MessageQueue queue, long offset) {
        ensureRunning();
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative but was " + offset);
        }
        QueueCursor cursor = cursors.get(queue);
        if (cursor == null) {
            throw new IllegalArgumentException(queue + " is not assigned to this consumer; assigned: "
                    + cursors.keySet());
        }
        cursor.seek(offset);
        prefetcher.kick(cursor);
    }

    @Override
    public void seekToBeginning(Collection<MessageQueue> queues) {
        for (MessageQueue queue : queues) {
            seek(queue, await(queueOffsets.minOffset(masterOf(queue), queue), "min offset of " + queue));
        }
    }

    @Override
    public void seekToEnd(Collection<MessageQueue> queues) {
        for (MessageQueue queue : queues) {
            seek(queue, await(queueOffsets.maxOffset(masterOf(queue), queue), "max offset of " + queue));
        }
    }

    @Override
    public void seekToTimestamp(MessageQueue queue, long timestampMillis) {
        seek(queue, await(queueOffsets.offsetForTimestamp(masterOf(queue), queue, timestampMillis),
                "offset at " + timestampMillis + " of " + queue));
    }

    private String masterOf(MessageQueue queue) {
        String address = routes.masterAddr(queue.brokerName());
        if (address == null) {
            await(routes.refresh(queue.topic()), "route lookup of " + queue.topic());
            address = routes.masterAddr(queue.brokerName());
        }
        if (address == null) {
            throw new ConsumerException("no master broker known for " + queue, ConsumerException.NO_RESPONSE);
        }
        return address;
    }

    @Override
    public long position(MessageQueue queue) {
        QueueCursor cursor = cursors.get(queue);
        if (cursor == null) {
            throw new IllegalArgumentException(queue + " is not assigned to this consumer");
        }
        return cursor.position();
    }

    // ---------------------------------------------------------------- commits

    @Override
    public void commit() {
        await(commitAsync(), "commit of group " + config.group());
    }

    @Override
    public CompletableFuture<Void> commitAsync() {
        if (lifecycle.state() == ClientLifecycle.State.CREATED) {
            return CompletableFuture.failedFuture(new IllegalStateException("consumer is not started"));
        }
        List<QueueCursor> current = new ArrayList<>(cursors.values());
        Set<MessageQueue> staged = stageOffsets(current);
        return offsetStore.persistAll(staged).exceptionallyCompose(error -> {
            Throwable cause = unwrap(error);
            return CompletableFuture.failedFuture(cause instanceof ConsumerException ? cause
                    : new ConsumerException("commit of group " + config.group() + " failed: " + cause, cause));
        });
    }

    /** Copies the cursors' positions into the offset store's memory; returns the queues that have one. */
    private Set<MessageQueue> stageOffsets(Collection<QueueCursor> from) {
        Set<MessageQueue> staged = new HashSet<>();
        for (QueueCursor cursor : from) {
            long position = cursor.position();
            if (position >= 0) {
                offsetStore.update(cursor.queue(), position, false);
                staged.add(cursor.queue());
            }
        }
        return staged;
    }

    @Override
    public long committed(MessageQueue queue) {
        ensureRunning();
        if (routes.masterAddr(queue.brokerName()) == null) {
            await(routes.route(queue.topic()), "route lookup of " + queue.topic());
        }
        return offsetStore.read(queue, OffsetStore.ReadFrom.STORE);
    }

    @Override
    public List<MessageQueue> fetchQueues(String topic) {
        ensureRunning();
        return await(routes.refresh(topic), "route lookup of " + topic).queues();
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public PullConsumerConfig config() {
        return config;
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public void close() {
        ClientLifecycle.State previous = lifecycle.close();
        if (previous == ClientLifecycle.State.CLOSED) {
            return;
        }
        if (previous == ClientLifecycle.State.RUNNING) {
            if (config.autoCommit()) {
                try {
                    commit();
                } catch (RuntimeException e) {
                    LOG.warn("final commit of group {} failed: {}", config.group(), e.getMessage());
                }
            }
            cursors.values().forEach(QueueCursor::drop);
            if (mode.get() != Mode.NONE) {
                awaitQuietly(heartbeat.unregister(config.group()), "unregister");
            }
        }
        handout.signal();
        pullExecutor.shutdownNow();
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
        if (ownsRemoting) {
            remoting.shutdown();
        }
    }

    private void ensureRunning() {
        lifecycle.ensureRunning();
    }

    private <T> T await(CompletableFuture<T> future, String what) {
        return Blocking.await(future, config.requestTimeout().toMillis() + SYNC_WAIT_GRACE_MILLIS, what);
    }

    private void awaitQuietly(CompletableFuture<?> future, String what) {
        Blocking.awaitQuietly(future, config.requestTimeout().toMillis() + SYNC_WAIT_GRACE_MILLIS, what);
    }

    private static Throwable unwrap(Throwable error) {
        return Blocking.unwrap(error);
    }
}
