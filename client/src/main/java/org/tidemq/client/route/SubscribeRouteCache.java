package org.tidemq.client.route;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The consumer's topic → {@link SubscribeRoute} table. Unlike the producer's {@link TopicRouteCache} there is no
 * template fallback: a topic without a route cannot be read. {@link #refreshAll()} re-reads every known topic; a
 * failed refresh keeps the previous route.
 *
 * <p>Thread-safe. Concurrent first lookups of one topic may each ask the name server; the last answer wins.
 */
public final class SubscribeRouteCache {
    private static final Logger LOG = LoggerFactory.getLogger(SubscribeRouteCache.class);

    private final NameServerClient nameServers;
    private final ConcurrentMap<String, SubscribeRoute> routes = new ConcurrentHashMap<>();

    public SubscribeRouteCache(NameServerClient nameServers) {
        this.nameServers = nameServers;
    }

    /**
     * The cached route, or a lookup. Fails with {@link TopicRouteNotFoundException} when the name server has no route
     * for the topic.
     */
    public CompletableFuture<SubscribeRoute> route(String topic) {
        SubscribeRoute cached = routes.get(topic);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        return refresh(topic);
    }

    /** Re-reads one topic's route from the name server and caches it. */
    public CompletableFuture<SubscribeRoute> refresh(String topic) {
        return nameServers.fetchRoute(topic).thenApply(data -> {
            SubscribeRoute route = SubscribeRoute.of(topic, data);
            routes.put(topic, route);
            return route;
        });
    }

    /** Re-reads every cached topic; completes (never exceptionally) when all lookups have settled. */
    public CompletableFuture<Void> refreshAll() {
        CompletableFuture<?>[] refreshes = routes.keySet().stream()
                .map(topic -> refresh(topic).handle((route, error) -> {
                    if (error != null) {
                        LOG.debug("route refresh of {} failed: {}", topic, unwrap(error).toString());
                    }
                    return null;
                }))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(refreshes);
    }

    /** The cached route of {@code topic}, without a lookup. */
    public Optional<SubscribeRoute> cached(String topic) {
        return Optional.ofNullable(routes.get(topic));
    }

    /** Forgets a topic (no longer subscribed). */
    public void forget(String topic) {
        routes.remove(topic);
    }

    /** Every broker address (masters and slaves) of every cached route, sorted. */
    public Set<String> allBrokerAddrs() {
        Set<String> all = new TreeSet<>();
        routes.values().forEach(route -> all.addAll(route.allBrokerAddrs()));
        return all;
    }

    /** The master address of {@code brokerName} in any cached route, or {@code null}. */
    public String masterAddr(String brokerName) {
        for (SubscribeRoute route : routes.values()) {
            String master = route.masterAddr(brokerName);
            if (master != null) {
                return master;
            }
        }
        return null;
    }

    /** The address to read {@code brokerName} from, preferring {@code brokerId}; {@code null} when unknown. */
    public String readAddr(String brokerName, long brokerId) {
        for (SubscribeRoute route : routes.values()) {
            String address = route.readAddr(brokerName, brokerId);
            if (address != null) {
                return address;
            }
        }
        return null;
    }

    public Collection<SubscribeRoute> cachedRoutes() {
        return routes.values();
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
