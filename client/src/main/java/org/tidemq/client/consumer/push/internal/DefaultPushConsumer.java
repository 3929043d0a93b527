package org.tidemq.client.consumer.push.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.client.MessageQueue;
import org.tidemq.client.impl.ClientLifecycle;
import org.tidemq.client.consumer.ConsumeFromWhere;
import org.tidemq.client.consumer.MessageModel;
import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.client.consumer.internal.ConsumeType;
import org.tidemq.client.consumer.internal.ConsumerGroupData;
import org.tidemq.client.consumer.internal.ConsumerHeartbeat;
import org.tidemq.client.consumer.internal.PullApi;
import org.tidemq.client.consumer.internal.PullResult;
import org.tidemq.client.consumer.internal.PullSpec;
import org.tidemq.client.consumer.internal.QueueOffsets;
import org.tidemq.client.consumer.internal.Subscription;
import org.tidemq.client.consumer.internal.SubscriptionCheck;
import org.tidemq.client.consumer.offset.BrokerOffsetStore;
import org.tidemq.client.consumer.offset.LocalFileOffsetStore;
import org.tidemq.client.consumer.offset.OffsetStore;
import org.tidemq.client.consumer.push.ConcurrentListener;
import org.tidemq.client.consumer.push.OrderlyListener;
import org.tidemq.client.consumer.push.PushConsumer;
import org.tidemq.client.consumer.push.PushConsumerConfig;
import org.tidemq.client.consumer.rebalance.AllocationStrategy;
import org.tidemq.client.consumer.rebalance.AssignmentListener;
import org.tidemq.client.consumer.rebalance.ConsumerListClient;
import org.tidemq.client.consumer.rebalance.Rebalancer;
import org.tidemq.client.consumer.rebalance.TopicQueues;
import org.tidemq.client.route.NameServerClient;
import org.tidemq.client.route.SubscribeRoute;
import org.tidemq.client.route.SubscribeRouteCache;
import org.tidemq.common.remoting.RemotingClient;
import org.tidemq.common.remoting.netty.NettyClientConfig;
import org.tidemq.common.remoting.netty.NettyRemotingClient;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The {@link PushConsumer} implementation. Wiring: {@link Rebalancer} decides the queues; per queue a
 * {@link ProcessQueue} holds pulled messages and a pull loop ({@link #pullNow}) keeps it fed through {@link PullApi}
 * with long polling; a {@link ConsumeService} runs the listener; acknowledged offsets go to the {@link OffsetStore}
 * (broker for clustering, local file for broadcasting), persisted every {@code persistOffsetInterval} and on close.
 * {@link BrokerRequests} answers what brokers send over the client's connections.
 *
 * <p>Threads: network callbacks never block; blocking work (start-offset lookups) runs in order on a serial chain
 * over the scheduler ({@link #control}); listeners run on the consume pool.
 */
public final class DefaultPushConsumer implements PushConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultPushConsumer.class);
    static final String CLIENT_VERSION = "V5_2_0";
    /** Extra wait beyond a request timeout for blocking calls, so the transport's own timeout decides. */
    private static final long GRACE_MILLIS = 2000;
    private static final long HEARTBEAT_INITIAL_DELAY_MILLIS = 1000;
    private static final long UNLOCK_WAIT_MILLIS = 1000;


    private final PushConsumerConfig config;
    private final ConcurrentListener concurrentListener;
    private final OrderlyListener orderlyListener;
    private final RemotingClient remoting;
    private final boolean ownsRemoting;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final ThreadPoolExecutor consumePool;
    private final LongSupplier clock;
    private final String clientId;
    private final SubscribeRouteCache routes;
    private final PullApi pullApi;
    private final QueueOffsets queueOffsets;
    private final OffsetStore offsetStore;
    private final ConsumerHeartbeat heartbeat;
    private final Rebalancer rebalancer;
    private final QueueLocks locks;
    private final ConsumeService consumeService;
    private final Map<String, Subscription> subscriptions;
    private final Map<MessageQueue, ProcessQueue> processQueues = new ConcurrentHashMap<>();
    private final ClientLifecycle lifecycle;
    private final Object controlLock = new Object();
    private CompletableFuture<Void> controlChain = CompletableFuture.completedFuture(null);
    private volatile long startedMillis;

    /**
     * @param remotingClient  a transport owned by the caller (processors are registered on it; it must not be
     *                        started yet), or {@code null} to create and own a Netty one
     * @param scheduler       executor for timers and control work owned by the caller, or {@code null} to own one
     * @param clientId        client id as brokers see it ({@code ip@instance})
     */
    public DefaultPushConsumer(PushConsumerConfig config, ConcurrentListener concurrentListener,
                               OrderlyListener orderlyListener, AllocationStrategy allocation,
                               RemotingClient remotingClient, ScheduledExecutorService scheduler, LongSupplier clock,
                               String clientId) {
        if ((concurrentListener == null) == (orderlyListener == null)) {
            throw new IllegalArgumentException("set exactly one of a concurrent or an orderly listener");
        }
        // Validate the expressions before any thread or connection exists.
        this.subscriptions = subscriptions(config, clock.getAsLong());
        this.config = config;
        this.lifecycle = new ClientLifecycle("push consumer " + config.group());
        this.concurrentListener = concurrentListener;
        this.orderlyListener = orderlyListener;
        this.clock = clock;
        this.clientId = clientId;
        this.ownsRemoting = remotingClient == null;
        this.remoting = ownsRemoting ? new NettyRemotingClient(NettyClientConfig.defaults()) : remotingClient;
        this.ownsScheduler = scheduler == null;
        this.scheduler = ownsScheduler ? Executors.newScheduledThreadPool(2, named("tidemq-push-" + config.group()))
                : scheduler;
        this.consumePool = new ThreadPoolExecutor(config.consumeThreads(), config.consumeThreads(), 60,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), named("tidemq-consume-" + config.group()));
        long timeout = config.requestTimeout().toMillis();
        this.routes = new SubscribeRouteCache(new NameServerClient(remoting, config.namesrvAddrs(), timeout));
        this.pullApi = new PullApi(remoting);
        this.queueOffsets = new QueueOffsets(remoting, timeout);
        this.offsetStore = config.messageModel() == MessageModel.CLUSTERING
                ? new BrokerOffsetStore(remoting, config.group(), routes::masterAddr, timeout)
                : new LocalFileOffsetStore(LocalFileOffsetStore.fileFor(config.offsetStoreDir(), clientId,
                config.group()));
        this.heartbeat = new ConsumerHeartbeat(remoting, clientId, this::groupData, routes::allBrokerAddrs, timeout);
        this.rebalancer = new Rebalancer(config.group(), clientId, config.messageModel(), allocation,
                subscriptions::keySet, this::topicQueues, new ConsumerListClient(remoting, timeout),
                new Assignment());
        boolean orderly = orderlyListener != null;
        this.locks = orderly && config.messageModel() == MessageModel.CLUSTERING
                ? new QueueLocks(remoting, config.group(), clientId, routes::masterAddr, clock,
                QueueLocks.DEFAULT_STALE_AFTER_MILLIS, timeout)
                : null;
        SendBack sendBack = new SendBack(remoting, config.group(), config.maxReconsumeTimes(), routes::masterAddr,
                clock, timeout);
        this.consumeService = orderly
                ? new OrderlyConsumeService(orderlyListener, config.consumeBatchSize(), consumePool, this.scheduler,
                locks, this::acknowledged, clock, config.suspendLockedQueueFor().toMillis())
                : new ConcurrentConsumeService(concurrentListener, config.consumeBatchSize(), config.messageModel(),
                consumePool, this.scheduler, sendBack, this::acknowledged, clock,
                config.pullErrorBackoff().toMillis());
    }

    private static ThreadFactory named(String name) {
        AtomicInteger index = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + index.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The user's subscriptions plus, in clustering, {@code %RETRY%<group>} (facts §9.4). */
    private static Map<String, Subscription> subscriptions(PushConsumerConfig config, long version) {
        Map<String, Subscription> result = new LinkedHashMap<>();
        config.subscriptions().forEach((topic, selector) ->
                result.put(topic, Subscription.parse(topic, selector.expression(), selector.type(), version)));
        if (config.messageModel() == MessageModel.CLUSTERING) {
            String retry = SendBack.retryTopic(config.group());
            result.put(retry, Subscription.parse(retry, Subscription.SUBSCRIBE_ALL, version));
        }
        return Map.copyOf(result);
    }

    private Collection<ConsumerGroupData> groupData() {
        return List.of(new ConsumerGroupData(config.group(), ConsumeType.CONSUME_PASSIVELY, config.messageModel(),
                config.consumeFrom(), List.copyOf(subscriptions.values())));
    }

    private CompletableFuture<TopicQueues> topicQueues(String topic) {
        return routes.route(topic).thenApply(route -> {
            List<String> masters = new ArrayList<>();
            for (String brokerName : route.brokerAddrs().keySet()) {
                String address = route.masterAddr(brokerName);
                if (address != null) {
                    masters.add(address);
                }
            }
            return new TopicQueues(route.queues(), masters.isEmpty() ? route.allBrokerAddrs() : masters);
        });
    }

    @Override
    public void start() {
        lifecycle.start();
        try {
            startRunning();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private void startRunning() {
        startedMillis = clock.getAsLong();
        new BrokerRequests(this).register(remoting, scheduler);
        if (ownsRemoting) {
            remoting.start();
        }
        offsetStore.load();
        long waitMillis = config.requestTimeout().toMillis() + GRACE_MILLIS;
        for (String topic : subscriptions.keySet()) {
            try {
                routes.route(topic).get(waitMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting consumer " + config.group(), e);
            } catch (ExecutionException | TimeoutException e) {
                // The retry topic appears once a broker saw our heartbeat; user topics may be created later.
                LOG.info("no route for {} yet ({}); will retry", topic, e.getCause() != null ? e.getCause() : e);
            }
        }
        verifySubscriptions();
        heartbeat.beat().orTimeout(waitMillis, TimeUnit.MILLISECONDS).exceptionally(error -> null).join();
        rebalancer.start(scheduler, config.rebalanceInterval().toMillis());
        every(config.heartbeatInterval().toMillis(), HEARTBEAT_INITIAL_DELAY_MILLIS, "heartbeat", heartbeat::beat);
        every(config.routeRefreshInterval().toMillis(), config.routeRefreshInterval().toMillis(),
                "route refresh", routes::refreshAll);
        every(config.persistOffsetInterval().toMillis(), config.persistOffsetInterval().toMillis(),
                "offset persist", this::persistOffsets);
        if (locks != null) {
            every(config.lockRenewInterval().toMillis(), config.lockRenewInterval().toMillis(), "lock renewal",
                    this::renewLocks);
        }
    }

    /** Lets a broker of each SQL92 subscription's topic refuse it now rather than fail every pull later. */
    private void verifySubscriptions() {
        for (Subscription subscription : subscriptions.values()) {
            routes.cached(subscription.topic()).flatMap(route -> route.allBrokerAddrs().stream().findFirst())
                    .ifPresent(address -> SubscriptionCheck.verify(remoting, address, heartbeat.clientId(),
                            config.group(), subscription, config.requestTimeout().toMillis()));
        }
    }

    private void every(long periodMillis, long initialDelayMillis, String what,
                       Supplier<CompletableFuture<?>> task) {
        lifecycle.every(scheduler, what + " of consumer " + config.group(), Math.min(initialDelayMillis, periodMillis),
                periodMillis, task);
    }

    /** Writes the offsets of the queues this consumer reads to the offset store's durable side. */
    CompletableFuture<Void> persistOffsets() {
        Set<MessageQueue> active = new HashSet<>();
        processQueues.forEach((queue, pq) -> {
            if (!pq.isDropped()) {
                active.add(queue);
            }
        });
        return active.isEmpty() ? CompletableFuture.completedFuture(null) : offsetStore.persistAll(active);
    }

    CompletableFuture<Set<MessageQueue>> renewLocks() {
        List<MessageQueue> held = new ArrayList<>();
        processQueues.forEach((queue, pq) -> {
            if (!pq.isDropped()) {
                held.add(queue);
            }
        });
        return held.isEmpty() ? CompletableFuture.completedFuture(Set.of()) : locks.lock(held);
    }

    /** Runs {@code task} after every control task submitted before it, on the scheduler. */
    private void control(Runnable task) {
        synchronized (controlLock) {
            controlChain = controlChain.thenRunAsync(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("consumer {} control task failed", config.group(), e);
                }
            }, scheduler).exceptionally(error -> null);
        }
    }

    /** Receives the rebalancer's decisions and applies them in order on the control chain. */
    private final class Assignment implements AssignmentListener {
        @Override
        public void queuesAdded(String topic, Set<MessageQueue> queues) {
            control(() -> queues.forEach(DefaultPushConsumer.this::startQueue));
        }

        @Override
        public void queuesRemoved(String topic, Set<MessageQueue> queues) {
            control(() -> queues.forEach(DefaultPushConsumer.this::stopQueue));
        }
    }

    private void startQueue(MessageQueue queue) {
        if (!isRunning()) {
            return;
        }
        ProcessQueue existing = processQueues.get(queue);
        if (existing != null && !existing.isDropped()) {
            return;
        }
        ProcessQueue pq = new ProcessQueue(queue, config.maxCachedMessagesPerQueue(), config.maxCachedBytesPerQueue());
        processQueues.put(queue, pq);
        if (locks != null) {
            lockThenStart(pq);
        } else {
            beginPulling(pq);
        }
    }

    /** Orderly clustering: a queue's start offset is only read once its lock is held (the old owner committed). */
    private void lockThenStart(ProcessQueue pq) {
        if (pq.isDropped() || !isRunning()) {
            return;
        }
        locks.lock(List.of(pq.queue())).whenComplete((granted, error) -> {
            if (granted != null && granted.contains(pq.queue())) {
                control(() -> beginPulling(pq));
            } else {
                schedule(() -> lockThenStart(pq), config.pullErrorBackoff().toMillis());
            }
        });
    }

    private void beginPulling(ProcessQueue pq) {
        if (pq.isDropped() || !isRunning()) {
            return;
        }
        long offset;
        try {
            offset = startOffset(pq.queue());
        } catch (RuntimeException e) {
            LOG.warn("start offset of {} unknown ({}); retrying", pq.queue(), e.toString());
            schedule(() -> control(() -> beginPulling(pq)), config.pullErrorBackoff().toMillis());
            return;
        }
        pq.nextPullOffset(offset);
        pq.advanceTo(offset);
        LOG.debug("consumer {} starts {} at offset {}", config.group(), pq.queue(), offset);
        pullNow(pq);
    }

    /** The committed offset, else where {@code consumeFrom} says (facts §4.3). Blocking. */
    long startOffset(MessageQueue queue) {
        OffsetStore.ReadFrom from = config.messageModel() == MessageModel.CLUSTERING ? OffsetStore.ReadFrom.STORE
                : OffsetStore.ReadFrom.MEMORY_THEN_STORE;
        long stored = offsetStore.read(queue, from);
        if (stored >= 0) {
            return stored;
        }
        boolean retryTopic = queue.topic().startsWith(SendBack.RETRY_PREFIX);
        ConsumeFromWhere where = config.consumeFrom();
        if (where == ConsumeFromWhere.FIRST_OFFSET || (where == ConsumeFromWhere.LAST_OFFSET && retryTopic)) {
            return 0;
        }
        String master = routes.masterAddr(queue.brokerName());
        if (master == null) {
            throw new IllegalStateException("no master address for broker " + queue.brokerName());
        }
        long wait = config.requestTimeout().toMillis() + GRACE_MILLIS;
        CompletableFuture<Long> lookup = where == ConsumeFromWhere.TIMESTAMP && !retryTopic
                ? queueOffsets.offsetForTimestamp(master, queue, config.consumeFromTimestampMillis())
                : queueOffsets.maxOffset(master, queue);
        try {
            return lookup.get(wait, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("offset lookup of " + queue + " failed: " + e, e);
        }
    }

    private void stopQueue(MessageQueue queue) {
        ProcessQueue pq = processQueues.remove(queue);
        if (pq == null) {
            return;
        }
        pq.drop();
        offsetStore.persistAll(Set.of(queue)).whenComplete((ignored, error) -> {
            if (error != null) {
                LOG.warn("persisting offset of released queue {} failed: {}", queue, error.toString());
            }
            offsetStore.remove(queue);
        });
        if (locks != null) {
            releaseLock(pq);
        }
        LOG.info("consumer {} released {}", config.group(), queue);
    }

    /**
     * Unlocks at the broker once no listener call on the queue runs. A batch still running keeps the lock; the unlock
     * is tried again until that batch has ended (the dropped queue starts no new one), because leaving the broker's
     * 60 s lease to expire would keep the queue's new owner waiting that long.
     */
    private void releaseLock(ProcessQueue pq) {
        try {
            if (pq.consumeLock().tryLock(UNLOCK_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                try {
                    locks.unlock(List.of(pq.queue()));
                } finally {
                    pq.consumeLock().unlock();
                }
            } else if (isRunning()) {
                scheduler.schedule(() -> releaseLock(pq), UNLOCK_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void schedule(Runnable task, long delayMillis) {
        if (!isRunning()) {
            return;
        }
        try {
            scheduler.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("consumer {} closing; task dropped", config.group());
        }
    }

    private void pullSoon(ProcessQueue pq) {
        if (!isRunning()) {
            return;
        }
        try {
            scheduler.execute(() -> pullNow(pq));
        } catch (RejectedExecutionException e) {
            LOG.debug("consumer {} closing; pull of {} dropped", config.group(), pq.queue());
        }
    }

    private void pullLater(ProcessQueue pq) {
        schedule(() -> pullNow(pq), config.pullErrorBackoff().toMillis());
    }

    /** Sends the next pull of {@code pq} unless the queue is gone, over its thresholds, or (orderly) unlocked. */
    void pullNow(ProcessQueue pq) {
        if (!isRunning() || pq.isDropped() || pq.nextPullOffset() < 0) {
            return;
        }
        if (pq.pauseIfOverThreshold()) {
            // acknowledged() resumes it once the listener drained it.
            return;
        }
        MessageQueue queue = pq.queue();
        if (locks != null && !locks.isHeld(queue)) {
            locks.lock(List.of(queue)).whenComplete((granted, error) -> {
                if (granted != null && granted.contains(queue)) {
                    pullSoon(pq);
                } else {
                    pullLater(pq);
                }
            });
            return;
        }
        SubscribeRoute route = routes.cached(queue.topic()).orElse(null);
        String address = route == null ? null : route.readAddr(queue.brokerName(), pq.suggestedBrokerId());
        if (address == null) {
            LOG.debug("no broker address for {}; pulling later", queue);
            pullLater(pq);
            return;
        }
        boolean fromMaster = address.equals(route.masterAddr(queue.brokerName()));
        long commitOffset = 0;
        if (fromMaster && config.messageModel() == MessageModel.CLUSTERING) {
            commitOffset = Math.max(0, offsetStore.read(queue, OffsetStore.ReadFrom.MEMORY));
        }
        Subscription subscription = subscriptions.get(queue.topic());
        long longPoll = config.longPollTimeout().toMillis();
        PullSpec spec = new PullSpec(config.group(), queue, null, null, subscription.subVersion(),
                pq.nextPullOffset(), config.pullBatchSize(), commitOffset, true, longPoll,
                config.requestTimeout().toMillis());
        pq.markPulled(clock.getAsLong());
        CompletableFuture<PullResult> pull;
        try {
            pull = pullApi.pull(address, spec);
        } catch (RuntimeException e) {
            pull = CompletableFuture.failedFuture(e);
        }
        pull.whenComplete((result, error) -> onPulled(pq, subscription, result, error));
    }

    private void onPulled(ProcessQueue pq, Subscription subscription, PullResult result, Throwable error) {
        if (pq.isDropped() || !isRunning()) {
            return;
        }
        if (error != null) {
            LOG.warn("pull of {} at offset {} failed: {}", pq.queue(), pq.nextPullOffset(), error.toString());
            pullLater(pq);
            return;
        }
        pq.suggestedBrokerId(result.suggestedBrokerId());
        long next = result.nextBeginOffset();
        switch (result.status()) {
            case FOUND -> {
                boolean retryTopic = pq.queue().topic().startsWith(SendBack.RETRY_PREFIX);
                List<ReceivedMessage> wanted = new ArrayList<>(result.messages().size());
                for (ReceivedMessage message : result.messages()) {
                    if (subscription.matches(message.tags())) {
                        wanted.add(retryTopic ? asOriginal(message) : message);
                    }
                }
                pq.nextPullOffset(next);
                pq.add(wanted);
                pq.advanceTo(next);
                if (wanted.isEmpty()) {
                    commitIfIdle(pq);
                } else {
                    consumeService.submit(pq, wanted);
                }
            }
            case NO_NEW_MSG, NO_MATCHED_MSG -> {
                pq.nextPullOffset(next);
                pq.advanceTo(next);
                commitIfIdle(pq);
            }
            case OFFSET_ILLEGAL -> {
                LOG.warn("offset {} of {} is illegal (queue holds {}..{}); continuing at {}", pq.nextPullOffset(),
                        pq.queue(), result.minOffset(), result.maxOffset(), next);
                pq.clear(next);
                pq.nextPullOffset(next);
                offsetStore.update(pq.queue(), next, false);
                offsetStore.persistAll(Set.of(pq.queue()));
            }
            default -> throw new IllegalStateException("unknown pull status " + result.status());
        }
        pullSoon(pq);
    }

    /** A redelivery read from the retry topic, shown under the topic it was sent to (facts §4.4). */
    private static ReceivedMessage asOriginal(ReceivedMessage message) {
        String original = message.property(SendBack.PROPERTY_RETRY_TOPIC);
        return original == null ? message : message.withTopic(original);
    }

    /** A queue holding nothing is done up to where pulling got: skipped (filtered) offsets count as consumed. */
    private void commitIfIdle(ProcessQueue pq) {
        if (pq.cachedCount() == 0) {
            long offset = pq.committableOffset();
            if (offset >= 0) {
                offsetStore.update(pq.queue(), offset, true);
            }
        }
    }

    private void acknowledged(ProcessQueue pq, long offset) {
        if (offset >= 0 && !pq.isDropped()) {
            offsetStore.update(pq.queue(), offset, true);
        }
        if (pq.resumeIfDrained()) {
            pullSoon(pq);
        }
    }

    private boolean isRunning() {
        return lifecycle.isRunning();
    }

    // ---- answers to broker requests (see BrokerRequests) ----

    void rebalanceNow() {
        rebalancer.requestRebalance();
    }

    /** RESET_CONSUMER_CLIENT_OFFSET: adopt {@code offsets} for the queues this consumer reads and re-pull them. */
    void resetOffsets(String topic, Map<MessageQueue, Long> offsets) {
        control(() -> offsets.forEach((queue, offset) -> {
            if (!queue.topic().equals(topic)) {
                return;
            }
            offsetStore.update(queue, offset, false);
            ProcessQueue old = processQueues.get(queue);
            if (old == null) {
                return;
            }
            old.drop();
            ProcessQueue fresh = new ProcessQueue(queue, config.maxCachedMessagesPerQueue(),
                    config.maxCachedBytesPerQueue());
            fresh.nextPullOffset(offset);
            fresh.advanceTo(offset);
            processQueues.put(queue, fresh);
            offsetStore.persistAll(Set.of(queue));
            LOG.info("consumer {} reset {} to offset {}", config.group(), queue, offset);
            pullNow(fresh);
        }));
    }

    /** The ConsumerRunningInfo body for GET_CONSUMER_RUNNING_INFO. */
    byte[] runningInfo() {
        Map<String, String> properties = new HashMap<>();
        properties.put("PROP_NAMESERVER_ADDR", String.join(";", config.namesrvAddrs()));
        properties.put("PROP_THREADPOOL_CORE_SIZE", String.valueOf(config.consumeThreads()));
        properties.put("PROP_CONSUMEORDERLY", String.valueOf(orderlyListener != null));
        properties.put("PROP_CONSUME_TYPE", ConsumeType.CONSUME_PASSIVELY.name());
        properties.put("PROP_CLIENT_VERSION", CLIENT_VERSION);
        properties.put("PROP_CONSUMER_START_TIMESTAMP", String.valueOf(startedMillis));
        properties.put("consumerGroup", config.group());
        properties.put("messageModel", config.messageModel().name());
        properties.put("consumeFromWhere", config.consumeFrom().wireName());
        properties.put("pullBatchSize", String.valueOf(config.pullBatchSize()));
        properties.put("consumeMessageBatchMaxSize", String.valueOf(config.consumeBatchSize()));
        properties.put("pullThresholdForQueue", String.valueOf(config.maxCachedMessagesPerQueue()));
        properties.put("maxReconsumeTimes", String.valueOf(config.maxReconsumeTimes()));
        Map<MessageQueue, RunningInfoJson.QueueInfo> queues = new HashMap<>();
        processQueues.forEach((queue, pq) -> queues.put(queue, new RunningInfoJson.QueueInfo(
                offsetStore.read(queue, OffsetStore.ReadFrom.MEMORY), pq,
                locks != null && locks.isHeld(queue), locks == null ? 0 : Math.max(0, locks.lastGrantMillis(queue)))));
        return RunningInfoJson.encode(properties, subscriptions.values(), queues);
    }

    String group() {
        return config.group();
    }

    /** CONSUME_MESSAGE_DIRECTLY: the listener runs once on {@code message}; redeliveries show their original topic. */
    DirectConsumeResult consumeDirectly(ReceivedMessage message) {
        ReceivedMessage shown = message.topic().startsWith(SendBack.RETRY_PREFIX) ? asOriginal(message) : message;
        return consumeService.consumeDirectly(shown, new MessageQueue(shown.topic(), shown.brokerName(),
                shown.queueId()));
    }

    // ---- PushConsumer ----

    @Override
    public PushConsumerConfig config() {
        return config;
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public Map<String, Set<MessageQueue>> assignment() {
        return rebalancer.assignment();
    }

    @Override
    public long consumeOffset(MessageQueue queue) {
        ProcessQueue pq = processQueues.get(Objects.requireNonNull(queue, "queue"));
        return pq == null ? -1 : pq.committableOffset();
    }

    @Override
    public void close() {
        ClientLifecycle.State previous = lifecycle.close();
        if (previous == ClientLifecycle.State.CLOSED) {
            return;
        }
        rebalancer.stop();
        if (previous == ClientLifecycle.State.RUNNING) {
            // Queued and running listener calls finish and acknowledge, so a clean close commits all it consumed.
            consumePool.shutdown();
            try {
                if (!consumePool.awaitTermination(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("consumer {}: listener calls still running after {}; their messages will be "
                            + "redelivered", config.group(), config.shutdownTimeout());
                    consumePool.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                consumePool.shutdownNow();
            }
            long wait = config.requestTimeout().toMillis() + GRACE_MILLIS;
            awaitQuietly(persistOffsets(), wait, "offset persist");
            Set<MessageQueue> owned = new HashSet<>(processQueues.keySet());
            processQueues.values().forEach(ProcessQueue::drop);
            if (locks != null && !owned.isEmpty()) {
                awaitQuietly(locks.unlock(owned), wait, "unlock");
            }
            awaitQuietly(heartbeat.unregister(config.group()), wait, "unregister");
        } else {
            consumePool.shutdownNow();
        }
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
        if (ownsRemoting) {
            remoting.shutdown();
        }
    }

    private void awaitQuietly(CompletableFuture<?> future, long waitMillis, String what) {
        try {
            future.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("consumer {}: {} on close did not finish: {}", config.group(), what, e.toString());
        }
    }
}
