package org.tidemq.namesrv.route;

import org.junit.jupiter.api.Test;
import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.protocol.DataVersion;
import org.tidemq.common.protocol.TopicConfig;
import org.tidemq.common.protocol.TopicRouteData;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tidemq.namesrv.route.Registrations.broker;

class RouteBodyCacheTest {
    private final RouteRegistry registry = new RouteRegistry(() -> 0L, () -> RegistryPolicy.DEFAULT);
    private final RouteBodyCache cache = new RouteBodyCache(registry);

    @Test
    void servesTheSameBytesUntilARouteChanges() {
        registry.register(broker("c1", "broker-a", 0, "10.0.0.1:10911", new DataVersion(0, 1, 1),
                new TopicConfig("T", 4, 4, 6), new TopicConfig("U", 1, 1, 6)), null);
        byte[] first = cache.encodedRoute("T", IntKeyStyle.UNQUOTED);
        assertSame(first, cache.encodedRoute("T", IntKeyStyle.UNQUOTED));
        assertEquals(registry.route("T"), TopicRouteData.decode(first));
        assertTrue(new String(first, StandardCharsets.UTF_8).contains("{0:\"10.0.0.1:10911\"}"));
        assertTrue(new String(cache.encodedRoute("T", IntKeyStyle.QUOTED), StandardCharsets.UTF_8)
                .contains("{\"0\":\"10.0.0.1:10911\"}"));

        registry.register(broker("c1", "broker-a", 1, "10.0.0.2:10911", new DataVersion(0, 1, 1)), null);
        byte[] afterSlave = cache.encodedRoute("T", IntKeyStyle.UNQUOTED);
        assertNotSame(first, afterSlave);
        assertEquals(2, TopicRouteData.decode(afterSlave).brokerDatas().get(0).brokerAddrs().size());
    }

    @Test
    void unknownTopicIsCachedAsAbsentAndAppearsOnceRegistered() {
        assertNull(cache.encodedRoute("Later", IntKeyStyle.QUOTED));
        assertNull(cache.encodedRoute("Later", IntKeyStyle.QUOTED));
        registry.register(broker("c1", "broker-a", 0, "10.0.0.1:10911", new DataVersion(0, 1, 1),
                new TopicConfig("Later", 2, 2, 6), new TopicConfig("Other", 2, 2, 6)), null);
        assertEquals(2, TopicRouteData.decode(cache.encodedRoute("Later", IntKeyStyle.QUOTED)).queueDatas().get(0).readQueueNums());
    }

    @Test
    void boundedAgainstEndlessDistinctLookups() {
        for (int i = 0; i < RouteBodyCache.MAX_ENTRIES + 10; i++) {
            assertNull(cache.encodedRoute("missing-" + i, IntKeyStyle.UNQUOTED));
        }
        registry.register(broker("c1", "broker-a", 0, "10.0.0.1:10911", new DataVersion(0, 1, 1),
                new TopicConfig("T", 4, 4, 6), new TopicConfig("U", 1, 1, 6)), null);
        assertEquals(4, TopicRouteData.decode(cache.encodedRoute("T", IntKeyStyle.UNQUOTED)).queueDatas().get(0).readQueueNums());
    }
}
