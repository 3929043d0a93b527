package org.tidemq.broker.admin;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.BrokerClient;
import org.tidemq.broker.BrokerController;
import org.tidemq.broker.TestBrokers;

/**
 * A broker started for each test on 127.0.0.1 with its store in a temp dir, and a client connected to it; both are
 * stopped after the test. Subclasses' own {@code @BeforeEach} methods run after the broker is up.
 */
abstract class RunningBrokerTest {
    @TempDir
    Path dir;
    BrokerController broker;
    BrokerClient client;

    /** Extra broker.properties entries for this test class. */
    Map<String, String> brokerProperties() {
        return Map.of();
    }

    @BeforeEach
    final void startBroker() throws Exception {
        broker = new BrokerController(TestBrokers.config(dir, brokerProperties()));
        broker.start();
        client = new BrokerClient(broker.brokerAddr());
    }

    @AfterEach
    final void stopBroker() {
        client.close();
        broker.shutdown();
    }
}
