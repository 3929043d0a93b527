package org.tidemq.client.route;

import org.junit.jupiter.api.Test;
import org.tidemq.client.FakeRemotingClient;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicRouteCacheTest {
    private static final String TEMPLATE = """
            {"brokerDatas":[{"brokerAddrs":{0:"10.0.0.1:10911"},"brokerName":"broker-a","cluster":"c"}],
             "queueDatas":[{"brokerName":"broker-a","perm":7,"readQueueNums":8,"writeQueueNums":8}]}""";
    private static final String REAL = """
            {"brokerDatas":[{"brokerAddrs":{0:"10.0.0.1:10911"},"brokerName":"broker-a","cluster":"c"},
                            {"brokerAddrs":{0:"10.0.0.2:10911"},"brokerName":"broker-b","cluster":"c"}],
             "queueDatas":[{"brokerName":"broker-a","perm":6,"readQueueNums":2,"writeQueueNums":2},
                           {"brokerName":"broker-b","perm":6,"readQueueNums":2,"writeQueueNums":2}]}""";

    @Test
    void templateRouteIsReplacedOnceTheTopicIsRegisteredAndKeptWhileLookupsFail() {
        AtomicReference<String> topicRoute = new AtomicReference<>();
        FakeRemotingClient remoting = new FakeRemotingClient().on(RequestCode.GET_ROUTEINFO_BY_TOPIC, (address, r) -> {
            String body = r.field("topic").equals("TBW102") ? TEMPLATE : topicRoute.get();
            if (body == null) {
                return FakeRemotingClient.answer(ResponseCode.TOPIC_NOT_EXIST, "no route", Map.of(), null);
            }
            if (body.equals("io")) {
                return FakeRemotingClient.ioFailure(address);
            }
            return FakeRemotingClient.answer(0, null, Map.of(), body.getBytes(StandardCharsets.UTF_8));
        });
        TopicRouteCache cache = new TopicRouteCache(new NameServerClient(remoting, List.of("ns:9876"), 1000),
                "TBW102", 4);

        PublishRoute initial = cache.route("New").join();
        assertTrue(initial.fromTemplate());
        assertEquals(4, initial.queues().size());
        assertEquals(Set.of("10.0.0.1:10911"), cache.masterAddresses());

        cache.refreshAll().join();
        assertTrue(cache.route("New").join().fromTemplate(), "still unregistered: keep the template route");

        topicRoute.set(REAL);
        cache.refreshAll().join();
        PublishRoute registered = cache.route("New").join();
        assertFalse(registered.fromTemplate());
        assertEquals(4, registered.queues().size());
        assertEquals(Set.of("10.0.0.1:10911", "10.0.0.2:10911"), cache.masterAddresses());

        topicRoute.set("io");
        cache.refreshAll().join();
        assertEquals(registered, cache.route("New").join(), "a failed refresh keeps the last route");
    }

    @Test
    void nameServerFailoverTriesEachServerOnce() {
        FakeRemotingClient remoting = new FakeRemotingClient().on(RequestCode.GET_ROUTEINFO_BY_TOPIC,
                (address, r) -> address.equals("good:9876")
                        ? FakeRemotingClient.answer(0, null, Map.of(), REAL.getBytes(StandardCharsets.UTF_8))
                        : FakeRemotingClient.ioFailure(address));
        NameServerClient client = new NameServerClient(remoting, List.of("bad:9876", "good:9876"), 1000);

        for (int i = 0; i < 3; i++) {
            assertEquals(2, client.fetchRoute("T").join().queueDatas().size());
        }
        long toBad = remoting.sent().stream().filter(s -> s.address().equals("bad:9876")).count();
        assertTrue(toBad <= 1, "sticks to the working name server after a failure, asked bad " + toBad + " times");

        NameServerClient allBad = new NameServerClient(new FakeRemotingClient().on(
                RequestCode.GET_ROUTEINFO_BY_TOPIC, (address, r) -> FakeRemotingClient.ioFailure(address)),
                List.of("a:1", "b:2"), 1000);
        assertTrue(allBad.fetchRoute("T").isCompletedExceptionally());
    }
}
