package org.tidemq.namesrv.route;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import org.junit.jupiter.api.Test;
import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.protocol.DataVersion;
import org.tidemq.common.protocol.TopicConfig;
import org.tidemq.common.protocol.TopicRouteData;

import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tidemq.namesrv.route.Registrations.broker;

class RouteBodyCacheTest {
    private final RouteRegistry registry = new RouteRegistry(() -> 0L, () -> RegistryPolicy.DEFAULT);
    private final RouteBodyCache cache = new RouteBodyCache(registry);

    @Test
    void servesTheSameBytesUntilARouteChanges() {
        registry.register(broker("c1", "broker-a", 0, "10.0.0.1:10911", new DataVersion(0, 1, 1),
                new TopicConfig("T", 4, 4, 6), new TopicConfig("U", 1, 1, 6)), null);
        ByteBuf first = cache.encodedRoute("T", IntKeyStyle.UNQUOTED);
        assertSame(first, cache.encodedRoute("T", IntKeyStyle.UNQUOTED));
        assertEquals(registry.route("T"), TopicRouteData.decode(bytes(first)));
        assertTrue(first.toString(StandardCharsets.UTF_8).contains("{0:\"10.0.0.1:10911\"}"));
        assertTrue(cache.encodedRoute("T", IntKeyStyle.QUOTED).toString(StandardCharsets.UTF_8)
                .contains("{\"0\":\"10.0.0.1:10911\"}"));

        registry.register(broker("c1", "broker-a", 1, "10.0.0.2:10911", new DataVersion(0, 1, 1)), null);
        ByteBuf afterSlave = cache.encodedRoute("T", IntKeyStyle.UNQUOTED);
        assertNotSame(first, afterSlave);
        assertEquals(2, TopicRouteData.decode(bytes(afterSlave)).brokerDatas().get(0).brokerAddrs().size());
    }

    @Test
    void unknownTopicIsCachedAsAbsentAndAppearsOnceRegistered() {
        assertNull(cache.encodedRoute("Later", IntKeyStyle.QUOTED));
        assertNull(cache.encodedRoute("Later", IntKeyStyle.QUOTED));
        registry.register(broker("c1", "broker-a", 0, "10.0.0.1:10911", new DataVersion(0, 1, 1),
                new TopicConfig("Later", 2, 2, 6), new TopicConfig("Other", 2, 2, 6)), null);
        assertEquals(2, TopicRouteData.decode(bytes(cache.encodedRoute("Later", IntKeyStyle.QUOTED)))
                .queueDatas().get(0).readQueueNums());
    }

    @Test
    void boundedAgainstEndlessDistinctLookups() {
        for (int i = 0; i < RouteBodyCache.MAX_ENTRIES + 10; i++) {
            assertNull(cache.encodedRoute("missing-" + i, IntKeyStyle.UNQUOTED));
        }
        registry.register(broker("c1", "broker-a", 0, "10.0.0.1:10911", new DataVersion(0, 1, 1),
                new TopicConfig("T", 4, 4, 6), new TopicConfig("U", 1, 1, 6)), null);
        assertEquals(4, TopicRouteData.decode(bytes(cache.encodedRoute("T", IntKeyStyle.UNQUOTED)))
                .queueDatas().get(0).readQueueNums());
    }

    @Test
    void sharedBodyIsDirectAndSurvivesResponsesReleasingIt() {
        registry.register(broker("c1", "broker-a", 0, "10.0.0.1:10911", new DataVersion(0, 1, 1),
                new TopicConfig("T", 4, 4, 6), new TopicConfig("U", 1, 1, 6)), null);
        ByteBuf shared = cache.encodedRoute("T", IntKeyStyle.QUOTED);
        byte[] expected = bytes(shared);
        assertTrue(shared.isDirect(), "sockets take direct buffers without a copy");
        ByteBuf sentOnce = shared.duplicate();
        sentOnce.skipBytes(sentOnce.readableBytes());
        sentOnce.release();
        sentOnce.release();
        assertEquals(expected.length, shared.readableBytes(), "a response's reads do not move the shared indices");
        assertEquals(new String(expected, StandardCharsets.UTF_8),
                cache.encodedRoute("T", IntKeyStyle.QUOTED).toString(StandardCharsets.UTF_8));
        assertThrows(ReadOnlyBufferException.class, () -> shared.duplicate().setByte(0, 'x'));
    }

    private static byte[] bytes(ByteBuf body) {
        return ByteBufUtil.getBytes(body, body.readerIndex(), body.readableBytes(), true);
    }
}
