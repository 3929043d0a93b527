package org.tidemq.client.consumer.rebalance;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.client.MessageQueue;
import org.tidemq.client.consumer.MessageModel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;

/**
 * Keeps one consumer's queue assignment in line with the group (facts §9.4): per subscribed topic it reads the
 * topic's queues, in {@link MessageModel#CLUSTERING} asks one broker of the topic for the group's consumer ids and
 * lets the {@link AllocationStrategy} pick this consumer's share ({@link MessageModel#BROADCASTING}: all queues),
 * then tells the {@link AssignmentListener} what was added and removed.
 *
 * <p>A failed lookup keeps the topic's current assignment (a transient name-server or broker error must not stop
 * consumption); so does a consumer list that does not yet contain this client (its heartbeat has not arrived).
 *
 * <p><b>Threads.</b> Thread-safe. Rebalances never overlap: a request made while one runs makes exactly one more run
 * after it. Runs happen on the injected scheduler: every {@code intervalMillis} after {@link #start}, and as soon as
 * possible after {@link #requestRebalance()} (NOTIFY_CONSUMER_IDS_CHANGED).
 */
public final class Rebalancer {
    private static final Logger LOG = LoggerFactory.getLogger(Rebalancer.class);
    private static final Comparator<MessageQueue> QUEUE_ORDER = Comparator.comparing(MessageQueue::topic)
            .thenComparing(MessageQueue::brokerName).thenComparingInt(MessageQueue::queueId);

    private final String group;
    private final String clientId;
    private final MessageModel model;
    private final AllocationStrategy strategy;
    private final Supplier<Set<String>> topics;
    private final TopicQueueSource queueSource;
    private final ConsumerIdSource consumerIds;
    private final AssignmentListener listener;
    private final IntUnaryOperator brokerPicker;
    private final Map<String, Set<MessageQueue>> assignment = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile ScheduledExecutorService scheduler;
    private volatile ScheduledFuture<?> periodic;
    private volatile boolean stopped;

    /**
     * @param topics       the currently subscribed topics (asked at every run)
     * @param brokerPicker given the number of candidate brokers, the index of the one to ask for consumer ids
     *                     (RocketMQ picks at random)
     */
    public Rebalancer(String group, String clientId, MessageModel model, AllocationStrategy strategy,
                      Supplier<Set<String>> topics, TopicQueueSource queueSource, ConsumerIdSource consumerIds,
                      AssignmentListener listener, IntUnaryOperator brokerPicker) {
        this.group = group;
        this.clientId = clientId;
        this.model = model;
        this.strategy = strategy;
        this.topics = topics;
        this.queueSource = queueSource;
        this.consumerIds = consumerIds;
        this.listener = listener;
        this.brokerPicker = brokerPicker;
    }

    /** As the full constructor, asking a random broker of the topic for consumer ids. */
    public Rebalancer(String group, String clientId, MessageModel model, AllocationStrategy strategy,
                      Supplier<Set<String>> topics, TopicQueueSource queueSource, ConsumerIdSource consumerIds,
                      AssignmentListener listener) {
        this(group, clientId, model, strategy, topics, queueSource, consumerIds, listener,
                bound -> ThreadLocalRandom.current().nextInt(bound));
    }

    /** Rebalances now and then every {@code intervalMillis} on {@code scheduler} (which the caller owns). */
    public void start(ScheduledExecutorService scheduler, long intervalMillis) {
        this.scheduler = scheduler;
        this.periodic = scheduler.scheduleWithFixedDelay(this::requestRebalance, 0, intervalMillis,
                TimeUnit.MILLISECONDS);
    }

    /** Asks for a rebalance as soon as possible; coalesces with one already waiting. */
    public void requestRebalance() {
        ScheduledExecutorService executor = scheduler;
        if (stopped || executor == null) {
            return;
        }
        if (!pending.getAndSet(true)) {
            try {
                executor.execute(this::runPending);
            } catch (RuntimeException e) {
                pending.set(false);
                LOG.debug("rebalance of {} not scheduled: {}", group, e.toString());
            }
        }
    }

    private void runPending() {
        if (!running.compareAndSet(false, true)) {
            // The running pass will see the flag when it finishes and run again.
            return;
        }
        pending.set(false);
        rebalanceOnce().whenComplete((ignored, error) -> {
            running.set(false);
            if (pending.get() && !stopped) {
                pending.set(false);
                requestRebalance();
            }
        });
    }

    /** Stops periodic runs; the current assignment is kept (the owner releases its queues itself). */
    public void stop() {
        stopped = true;
        ScheduledFuture<?> task = periodic;
        if (task != null) {
            task.cancel(false);
        }
    }

    /**
     * One pass over all subscribed topics; completes when every topic's listener calls are done. Callers other
     * than tests should use {@link #requestRebalance()} so passes never overlap.
     */
    public CompletableFuture<Void> rebalanceOnce() {
        Set<String> subscribed = Set.copyOf(topics.get());
        for (String topic : new ArrayList<>(assignment.keySet())) {
            if (!subscribed.contains(topic)) {
                Set<MessageQueue> removed = assignment.remove(topic);
                if (removed != null && !removed.isEmpty()) {
                    notifyRemoved(topic, removed);
                }
            }
        }
        List<CompletableFuture<Void>> passes = new ArrayList<>();
        for (String topic : subscribed) {
            passes.add(target(topic).handle((target, error) -> {
                if (error != null) {
                    LOG.warn("rebalance of group {} topic {} skipped: {}", group, topic, error.toString());
                } else if (target != null) {
                    apply(topic, target);
                }
                return null;
            }));
        }
        return CompletableFuture.allOf(passes.toArray(CompletableFuture[]::new));
    }

    /** This consumer's queues of {@code topic} now, or {@code null} when the assignment should stay as it is. */
    private CompletableFuture<Set<MessageQueue>> target(String topic) {
        return queueSource.queues(topic).thenCompose(topicQueues -> {
            List<MessageQueue> sortedQueues = new ArrayList<>(topicQueues.queues());
            sortedQueues.sort(QUEUE_ORDER);
            if (model == MessageModel.BROADCASTING) {
                return CompletableFuture.completedFuture(new LinkedHashSet<>(sortedQueues));
            }
            List<String> brokers = topicQueues.brokerAddresses();
            if (brokers.isEmpty()) {
                LOG.warn("topic {} has no broker to list consumers of group {}", topic, group);
                return CompletableFuture.completedFuture(null);
            }
            String broker = brokers.get(brokerPicker.applyAsInt(brokers.size()));
            return consumerIds.consumerIds(broker, group).thenApply(ids -> {
                List<String> sortedIds = new ArrayList<>(new HashSet<>(ids));
                sortedIds.sort(Comparator.naturalOrder());
                if (!sortedIds.contains(clientId)) {
                    LOG.info("broker {} does not list client {} in group {} yet; keeping the assignment of {}",
                            broker, clientId, group, topic);
                    return null;
                }
                return new LinkedHashSet<>(strategy.allocate(group, clientId, sortedQueues, sortedIds));
            });
        });
    }

    private void apply(String topic, Set<MessageQueue> target) {
        Set<MessageQueue> current = assignment.getOrDefault(topic, Set.of());
        Set<MessageQueue> removed = new LinkedHashSet<>(current);
        removed.removeAll(target);
        Set<MessageQueue> added = new LinkedHashSet<>(target);
        added.removeAll(current);
        assignment.put(topic, Set.copyOf(target));
        if (!removed.isEmpty()) {
            notifyRemoved(topic, removed);
        }
        if (!added.isEmpty()) {
            LOG.info("group {} client {} now reads {} (added {}, removed {})", group, clientId, topic, added, removed);
            try {
                listener.queuesAdded(topic, Set.copyOf(added));
            } catch (RuntimeException e) {
                LOG.warn("starting queues {} failed", added, e);
            }
        }
    }

    private void notifyRemoved(String topic, Set<MessageQueue> removed) {
        try {
            listener.queuesRemoved(topic, Set.copyOf(removed));
        } catch (RuntimeException e) {
            LOG.warn("stopping queues {} failed", removed, e);
        }
    }

    /** This consumer's current queues, per topic. */
    public Map<String, Set<MessageQueue>> assignment() {
        return Map.copyOf(new HashMap<>(assignment));
    }
}
