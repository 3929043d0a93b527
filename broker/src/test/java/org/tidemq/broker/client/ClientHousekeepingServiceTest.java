package org.tidemq.broker.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.tidemq.common.remoting.LanguageCode;

/** Silent clients are evicted and disconnected; clients that keep heart-beating stay (the negative control). */
class ClientHousekeepingServiceTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final List<String> changedGroups = new CopyOnWriteArrayList<>();
    private final ConsumerRegistry consumers = new ConsumerRegistry(group -> changedGroups.add(group.groupName()));
    private final ProducerRegistry producers = new ProducerRegistry();
    private final ClientHousekeepingService housekeeping = new ClientHousekeepingService(consumers, producers,
            now::get, 120_000);

    private ClientChannel heartbeat(String clientId, EmbeddedChannel channel) {
        ClientChannel client = new ClientChannel(clientId, channel, LanguageCode.JAVA, 453, now.get());
        consumers.register(client, new ConsumerData("CG", "CONSUME_PASSIVELY", "CLUSTERING",
                "CONSUME_FROM_LAST_OFFSET", List.of(SubscriptionData.ofTagExpression("T", "*", 1)), false));
        producers.register("PG", client);
        return client;
    }

    @Test
    void evictsOnlyClientsSilentLongerThanTheExpiry() {
        EmbeddedChannel silent = new EmbeddedChannel();
        EmbeddedChannel alive = new EmbeddedChannel();
        heartbeat("silent@1", silent);
        heartbeat("alive@2", alive);
        changedGroups.clear();

        now.addAndGet(60_000);
        heartbeat("alive@2", alive);
        housekeeping.scan();
        assertEquals(List.of("alive@2", "silent@1"), consumers.group("CG").clientIds(), "nobody expired yet");

        now.addAndGet(60_001);
        housekeeping.scan();

        assertEquals(List.of("alive@2"), consumers.group("CG").clientIds());
        assertEquals(List.of("alive@2"), producers.members("PG").stream().map(ClientChannel::clientId).toList());
        assertFalse(silent.isOpen(), "the silent client's connection is closed");
        assertTrue(alive.isOpen());
        assertEquals(List.of("CG"), changedGroups);

        now.addAndGet(120_001);
        housekeeping.scan();
        assertNull(consumers.group("CG"));
        assertTrue(producers.members("PG").isEmpty());
    }
}
