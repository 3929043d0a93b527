package org.tidemq.broker;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** A broker on 127.0.0.1 with its store under a test's temp dir, plus a raw client; close both after the test. */
public final class RunningBroker implements AutoCloseable {
    public final BrokerController broker;
    public final BrokerClient client;

    /** A small key index, so that creating the first index file costs nothing. */
    public static final Map<String, String> SMALL_INDEX = Map.of("maxHashSlotNum", "1024", "maxIndexNum", "4096");

    /** @param properties broker.properties entries on top of {@link TestBrokers#config} and {@link #SMALL_INDEX} */
    public RunningBroker(Path dir, Map<String, String> properties, Clock clock, Path configFile) throws Exception {
        Map<String, String> all = new HashMap<>(SMALL_INDEX);
        all.putAll(properties);
        broker = new BrokerController(TestBrokers.config(dir, all), clock, configFile);
        broker.start();
        client = new BrokerClient(broker.brokerAddr());
    }

    public RunningBroker(Path dir) throws Exception {
        this(dir, Map.of(), Clock.systemUTC(), null);
    }

    @Override
    public void close() {
        client.close();
        broker.shutdown();
    }
}
