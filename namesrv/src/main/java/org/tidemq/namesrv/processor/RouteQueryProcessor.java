package org.tidemq.namesrv.processor;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.protocol.TopicRouteData;
import org.tidemq.common.protocol.header.GetRouteInfoRequestHeader;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RemotingVersion;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.namesrv.config.NamesrvConfig;
import org.tidemq.namesrv.kv.KvConfigStore;
import org.tidemq.namesrv.route.RouteBodyCache;
import org.tidemq.namesrv.route.RouteRegistry;

import java.util.function.Supplier;

/**
 * GET_ROUTEINFO_BY_TOPIC, the hot path of every producer and consumer. Routes come from {@link RouteBodyCache}
 * already serialized, and the response sends the cached bytes without copying them. Integer map keys are quoted for
 * requests of version ≥ 4.9.4 or with {@code acceptStandardJsonOnly}, bare (fastjson style) otherwise.
 *
 * <p>Never blocks (a cache hit is two map reads; a miss takes the registry's read lock for an in-memory copy), so it
 * may run inline on the I/O threads.
 */
public final class RouteQueryProcessor extends NamesrvRequestProcessor {
    static final String APPLY_TOPIC_HINT = "\nSee https://rocketmq.apache.org/docs/bestPractice/06FAQ for further details.";

    private final RouteRegistry registry;
    private final RouteBodyCache cache;
    private final KvConfigStore kvConfig;
    private final Supplier<NamesrvConfig> config;

    public RouteQueryProcessor(RouteRegistry registry, RouteBodyCache cache, KvConfigStore kvConfig,
                               Supplier<NamesrvConfig> config) {
        this.registry = registry;
        this.cache = cache;
        this.kvConfig = kvConfig;
        this.config = config;
    }

    @Override
    public int[] requestCodes() {
        return new int[] {RequestCode.GET_ROUTEINFO_BY_TOPIC};
    }

    @Override
    protected RemotingCommand handle(RequestContext context, RemotingCommand request) {
        if (request.code() != RequestCode.GET_ROUTEINFO_BY_TOPIC) {
            return notSupported(request);
        }
        GetRouteInfoRequestHeader header = GetRouteInfoRequestHeader.parse(request);
        IntKeyStyle style = request.version() >= RemotingVersion.V4_9_4 || header.acceptStandardJsonOnly()
                ? IntKeyStyle.QUOTED : IntKeyStyle.UNQUOTED;
        ByteBuf body;
        if (config.get().orderMessageEnable()) {
            // The order config lives in the KV store, outside the route cache's invalidation: build afresh.
            TopicRouteData route = registry.route(header.topic());
            body = route == null ? null : Unpooled.wrappedBuffer(route.withOrderTopicConf(
                    kvConfig.get(KvConfigStore.ORDER_TOPIC_CONFIG, header.topic())).encode(style));
        } else {
            ByteBuf shared = cache.encodedRoute(header.topic(), style);
            body = shared == null ? null : shared.duplicate();
        }
        if (body == null) {
            return error(request, ResponseCode.TOPIC_NOT_EXIST,
                    "No topic route info in name server for the topic: " + header.topic() + APPLY_TOPIC_HINT);
        }
        return success(request).setBody(body);
    }
}
