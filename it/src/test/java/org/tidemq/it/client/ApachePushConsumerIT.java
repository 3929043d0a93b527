package org.tidemq.it.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.client.producer.Producer;
import org.tidemq.it.support.ApacheRocketMqCluster;

import java.nio.file.Path;
import java.time.Duration;

/** {@link PushConsumerScenarios} against Apache RocketMQ 5.2.0's own name server and broker. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApachePushConsumerIT extends PushConsumerScenarios {
    private ApacheRocketMqCluster cluster;
    private Producer producer;

    @BeforeAll
    void startCluster(@TempDir Path dir) throws Exception {
        cluster = ApacheRocketMqCluster.start(dir);
        producer = Producer.builder().namesrvAddr(cluster.namesrvAddr()).group("push_it_producer")
                .sendTimeout(Duration.ofSeconds(5)).build();
        producer.start();
    }

    @AfterAll
    void stopCluster() {
        if (producer != null) {
            producer.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    String namesrvAddr() {
        return cluster.namesrvAddr();
    }

    @Override
    String brokerAddr() {
        return cluster.brokerAddr();
    }

    @Override
    Producer producer() {
        return producer;
    }
}
