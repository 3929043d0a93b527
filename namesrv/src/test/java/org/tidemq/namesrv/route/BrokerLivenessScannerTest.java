package org.tidemq.namesrv.route;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.tidemq.common.protocol.DataVersion;
import org.tidemq.common.protocol.TopicConfig;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tidemq.namesrv.route.Registrations.broker;

class BrokerLivenessScannerTest {
    private final AtomicLong now = new AtomicLong(0);
    private final RouteRegistry registry = new RouteRegistry(now::get, () -> RegistryPolicy.DEFAULT);

    @Test
    void scanDropsSilentBrokerAndClosesItsChannelOnly() {
        EmbeddedChannel silent = new EmbeddedChannel();
        EmbeddedChannel chatty = new EmbeddedChannel();
        registry.register(broker("c1", "broker-a", 0, "10.0.0.1:10911", new DataVersion(0, 1, 1),
                new TopicConfig("T", 4, 4, 6), new TopicConfig("U", 1, 1, 6)), silent);
        registry.register(broker("c1", "broker-b", 0, "10.0.0.2:10911", new DataVersion(0, 1, 1)), chatty);
        BrokerLivenessScanner scanner = new BrokerLivenessScanner(registry, now::get, 5_000);

        now.set(60_000);
        registry.touch("c1", "10.0.0.2:10911");
        assertEquals(List.of(), scanner.scanOnce());
        now.set(120_001);
        List<ExpiredBroker> expired = scanner.scanOnce();
        assertEquals(List.of(new BrokerAddress("c1", "10.0.0.1:10911")), expired.stream().map(ExpiredBroker::address).toList());
        assertFalse(silent.isOpen());
        assertTrue(chatty.isOpen());
        assertNull(registry.route("T"));
        assertEquals(Set.of(new BrokerAddress("c1", "10.0.0.2:10911")), registry.liveBrokers());
    }

    @Test
    void scheduledScansRunInTheBackground() {
        registry.register(broker("c1", "broker-a", 0, "10.0.0.1:10911", new DataVersion(0, 1, 1)), null);
        now.set(1_000_000);
        try (BrokerLivenessScanner scanner = new BrokerLivenessScanner(registry, now::get, 10)) {
            scanner.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> registry.liveBrokers().isEmpty());
        }
    }
}
