package org.tidemq.client.route;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The producer's topic → {@link PublishRoute} table. A topic is looked up on first use; a topic without a route gets
 * one derived from the auto-create template topic (facts §9.3). {@link #refreshAll()} re-reads every known topic;
 * a failed refresh keeps the previous route.
 *
 * <p>Thread-safe. Concurrent first lookups of one topic may each ask the name server; the last answer wins.
 */
public final class TopicRouteCache {
    private static final Logger LOG = LoggerFactory.getLogger(TopicRouteCache.class);

    private final NameServerClient nameServers;
    private final String templateTopic;
    private final int defaultQueueNums;
    private final ConcurrentMap<String, PublishRoute> routes = new ConcurrentHashMap<>();

    /**
     * @param templateTopic    auto-create template topic, normally {@code TBW102}
     * @param defaultQueueNums queues per broker for topics created from the template (producer default 4)
     */
    public TopicRouteCache(NameServerClient nameServers, String templateTopic, int defaultQueueNums) {
        this.nameServers = nameServers;
        this.templateTopic = templateTopic;
        this.defaultQueueNums = defaultQueueNums;
    }

    /** The cached route, or a lookup; fails when neither the topic nor the template has a publishable route. */
    public CompletableFuture<PublishRoute> route(String topic) {
        PublishRoute cached = routes.get(topic);
        if (cached != null && !cached.isEmpty()) {
            return CompletableFuture.completedFuture(cached);
        }
        return lookup(topic).thenApply(route -> {
            if (route.isEmpty()) {
                throw new TopicRouteNotFoundException(topic, "no writable queue on any broker with a master");
            }
            routes.put(topic, route);
            return route;
        });
    }

    /** Re-reads every cached topic; returns when all lookups have settled. */
    public CompletableFuture<Void> refreshAll() {
        CompletableFuture<?>[] refreshes = routes.keySet().stream()
                .map(topic -> nameServers.fetchRoute(topic)
                        .thenAccept(data -> {
                            PublishRoute fresh = PublishRoute.of(topic, data);
                            if (!fresh.isEmpty()) {
                                routes.put(topic, fresh);
                            }
                        })
                        .exceptionally(error -> {
                            Throwable cause = unwrap(error);
                            if (!(cause instanceof TopicRouteNotFoundException)) {
                                LOG.debug("route refresh of {} failed: {}", topic, cause.toString());
                            }
                            return null;
                        }))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(refreshes);
    }

    /** Master addresses of every broker in a cached route, sorted. */
    public Set<String> masterAddresses() {
        Set<String> masters = new TreeSet<>();
        for (PublishRoute route : routes.values()) {
            masters.addAll(route.masterAddrs().values());
        }
        return masters;
    }

    /** The currently cached routes. */
    public Collection<PublishRoute> cachedRoutes() {
        return routes.values();
    }

    private CompletableFuture<PublishRoute> lookup(String topic) {
        return nameServers.fetchRoute(topic)
                .thenApply(data -> PublishRoute.of(topic, data))
                .exceptionallyCompose(error -> {
                    if (unwrap(error) instanceof TopicRouteNotFoundException) {
                        return nameServers.fetchRoute(templateTopic)
                                .thenApply(template -> PublishRoute.fromTemplate(topic, template, defaultQueueNums))
                                .exceptionallyCompose(templateError -> CompletableFuture.failedFuture(
                                        unwrap(templateError) instanceof TopicRouteNotFoundException
                                                ? new TopicRouteNotFoundException(topic, "and template topic "
                                                + templateTopic + " has no route either (autoCreateTopicEnable off?)")
                                                : templateError));
                    }
                    return CompletableFuture.failedFuture(error);
                });
    }

    static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
