package org.tidemq.client.consumer.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.client.consumer.PullConsumerConfig;
import org.tidemq.client.route.SubscribeRouteCache;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The background pull loop of the pull consumer: keeps one long-polling PULL_MESSAGE in flight per queue whose cache
 * has room, follows each answer's next offset and suggested broker (facts §9.7, §9.8), and backs off after failures.
 * A queue whose cache is full waits for {@link #kick} from the poller.
 *
 * <p>Thread-safe; pull answers are handled on the {@link PullApi}'s decode executor.
 */
final class Prefetcher {
    private static final Logger LOG = LoggerFactory.getLogger(Prefetcher.class);

    private final String group;
    private final PullApi pullApi;
    private final SubscribeRouteCache routes;
    private final Function<String, Subscription> subscriptionOf;
    private final ScheduledExecutorService scheduler;
    private final PullConsumerConfig config;
    private final Runnable onArrival;

    /**
     * @param subscriptionOf topic → the subscription to pull with
     * @param onArrival      called after messages were added to a cursor
     */
    Prefetcher(String group, PullApi pullApi, SubscribeRouteCache routes, Function<String, Subscription> subscriptionOf,
               ScheduledExecutorService scheduler, PullConsumerConfig config, Runnable onArrival) {
        this.group = group;
        this.pullApi = pullApi;
        this.routes = routes;
        this.subscriptionOf = subscriptionOf;
        this.scheduler = scheduler;
        this.config = config;
        this.onArrival = onArrival;
    }

    /** Sends the cursor's next pull unless one is in flight, its cache is full or its start is unresolved. */
    void kick(QueueCursor cursor) {
        QueueCursor.PullTicket ticket = cursor.beginPull();
        if (ticket == null) {
            return;
        }
        String topic = cursor.queue().topic();
        String address = routes.readAddr(cursor.queue().brokerName(), ticket.suggestedBrokerId());
        if (address == null) {
            routes.refresh(topic);
            retryLater(cursor, ticket, "no address known for broker " + cursor.queue().brokerName());
            return;
        }
        Subscription subscription = subscriptionOf.apply(topic);
        PullSpec spec = new PullSpec(group, cursor.queue(), subscription.expression(), subscription.expressionType(),
                subscription.subVersion(), ticket.offset(), config.pullBatchSize(), 0, true,
                config.longPollTimeout().toMillis(), config.requestTimeout().toMillis());
        pullApi.pull(address, spec).whenComplete((result, error) -> {
            try {
                handle(cursor, ticket, address, result, error);
            } catch (RuntimeException e) {
                LOG.warn("handling a pull answer of {} failed", cursor.queue(), e);
                retryLater(cursor, ticket, e.toString());
            }
        });
    }

    private void handle(QueueCursor cursor, QueueCursor.PullTicket ticket, String address, PullResult result,
                        Throwable error) {
        if (error != null) {
            retryLater(cursor, ticket, "pull from " + address + " failed: " + Blocking.unwrap(error));
            return;
        }
        switch (result.status()) {
            case FOUND, NO_NEW_MSG, NO_MATCHED_MSG -> {
                if (!cursor.completePull(ticket, result.nextBeginOffset(), result.suggestedBrokerId(),
                        result.messages())) {
                    return;
                }
                if (!result.messages().isEmpty()) {
                    onArrival.run();
                }
            }
            case OFFSET_ILLEGAL -> {
                if (!cursor.offsetMoved(ticket, result.nextBeginOffset())) {
                    return;
                }
                LOG.warn("offset {} of {} is no longer stored (queue holds {}..{}); continuing at {}",
                        ticket.offset(), cursor.queue(), result.minOffset(), result.maxOffset(),
                        result.nextBeginOffset());
            }
        }
        kick(cursor);
    }

    private void retryLater(QueueCursor cursor, QueueCursor.PullTicket ticket, String reason) {
        if (!cursor.failPull(ticket)) {
            return;
        }
        LOG.warn("{}; retrying {} in {}", reason, cursor.queue(), config.pullErrorBackoff());
        if (!scheduler.isShutdown()) {
            scheduler.schedule(() -> kick(cursor), config.pullErrorBackoff().toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
