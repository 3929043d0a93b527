package org.tidemq.namesrv.route;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.protocol.TopicRouteData;

import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serialized GET_ROUTEINFO_BY_TOPIC bodies per topic and key style, so the hot route lookup is a map hit instead of
 * building and encoding a route under the registry's lock.
 *
 * <p>An entry is valid while the registry's {@link RouteRegistry#generation()} equals the generation the route was
 * read at; any route change makes every entry stale, and stale entries are rebuilt on their next lookup. Unknown
 * topics are cached too (clients ask for them repeatedly); to bound memory against lookups of endless distinct
 * names, a map that grows past {@link #MAX_ENTRIES} is cleared. Thread-safe and lock-free on a hit; concurrent misses
 * of one topic may build it twice, harmlessly.
 *
 * <p>Bodies are kept in direct memory, read-only and unreleasable (the garbage collector frees them once no entry
 * or in-flight response refers to them), so a response sends the cached bytes as they are: no copy to the heap, no
 * copy into a direct buffer for the socket. The returned buffer is shared: attach a {@link ByteBuf#duplicate()} to
 * each response, since writing a buffer moves its reader index.
 */
public final class RouteBodyCache {
    static final int MAX_ENTRIES = 100_000;

    private record Entry(long generation, ByteBuf body) {
    }

    private final RouteRegistry registry;
    private final Map<IntKeyStyle, ConcurrentHashMap<String, Entry>> byStyle = new EnumMap<>(IntKeyStyle.class);

    public RouteBodyCache(RouteRegistry registry) {
        this.registry = registry;
        for (IntKeyStyle style : IntKeyStyle.values()) {
            byStyle.put(style, new ConcurrentHashMap<>());
        }
    }

    /** The encoded route of {@code topic} (shared, read-only), or {@code null} when the topic has no route. */
    public ByteBuf encodedRoute(String topic, IntKeyStyle style) {
        ConcurrentHashMap<String, Entry> cache = byStyle.get(style);
        Entry entry = cache.get(topic);
        if (entry != null && entry.generation == registry.generation()) {
            return entry.body;
        }
        RouteRegistry.RouteSnapshot snapshot = registry.routeSnapshot(topic);
        TopicRouteData route = snapshot.route();
        ByteBuf body = route == null ? null : sharedDirect(route.encode(style));
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(topic, new Entry(snapshot.generation(), body));
        return body;
    }

    private static ByteBuf sharedDirect(byte[] bytes) {
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct.asReadOnlyBuffer()));
    }
}
