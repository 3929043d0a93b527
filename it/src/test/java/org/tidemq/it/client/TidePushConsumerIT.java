package org.tidemq.it.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.client.producer.Producer;
import org.tidemq.it.support.BrokerProcess;
import org.tidemq.it.support.NamesrvProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** {@link PushConsumerScenarios} against TideMQ's name server and broker, started through bin/. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TidePushConsumerIT extends PushConsumerScenarios {
    private NamesrvProcess namesrv;
    private BrokerProcess broker;
    private Producer producer;

    @BeforeAll
    void startServers(@TempDir Path dir) throws Exception {
        namesrv = NamesrvProcess.start(dir.resolve("namesrv"));
        broker = BrokerProcess.start(dir.resolve("broker"), "broker-push-it", namesrv.address(), Map.of());
        producer = Producer.builder().namesrvAddr(namesrv.address()).group("push_it_producer")
                .sendTimeout(Duration.ofSeconds(5)).build();
        producer.start();
    }

    @AfterAll
    void stopServers() {
        if (producer != null) {
            producer.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (namesrv != null) {
            namesrv.close();
        }
    }

    @Override
    String namesrvAddr() {
        return namesrv.address();
    }

    @Override
    String brokerAddr() {
        return broker.address();
    }

    @Override
    Producer producer() {
        return producer;
    }
}
