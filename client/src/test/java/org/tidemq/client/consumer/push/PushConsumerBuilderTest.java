package org.tidemq.client.consumer.push;

import org.junit.jupiter.api.Test;
import org.tidemq.client.consumer.ConsumeFromWhere;

import java.time.Duration;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PushConsumerBuilderTest {

    private static PushConsumerBuilder valid() {
        return PushConsumer.builder().namesrvAddr("127.0.0.1:9876").group("G").subscribe("T", "*")
                .concurrentListener(messages -> ConcurrentListener.Result.SUCCESS);
    }

    private static String problem(UnaryOperator<PushConsumerBuilder> change) {
        return assertThrows(IllegalArgumentException.class, () -> change.apply(valid()).build()).getMessage();
    }

    @Test
    void invalidSettingsAreRefusedByName() {
        assertTrue(problem(b -> b.group("bad group")).contains("consumer group"));
        assertTrue(problem(b -> b.consumeThreads(0)).contains("consumeThreads"));
        assertTrue(problem(b -> b.maxCachedMessagesPerQueue(0)).contains("maxCachedMessagesPerQueue"));
        assertTrue(problem(b -> b.pullErrorBackoff(Duration.ZERO)).contains("pullErrorBackoff"));
        assertTrue(problem(b -> b.subscribe("T", "A || ")).contains("empty tag"));
        assertTrue(problem(b -> b.orderlyListener((messages, queue) -> OrderlyListener.Result.SUCCESS))
                .contains("exactly one"));
        assertTrue(problem(b -> b.concurrentListener(null)).contains("exactly one"));
    }

    @Test
    void noSubscriptionIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> PushConsumer.builder()
                .namesrvAddr("127.0.0.1:9876").group("G")
                .concurrentListener(messages -> ConcurrentListener.Result.SUCCESS).build());
        assertTrue(error.getMessage().contains("subscribe"));
    }

    @Test
    void defaultsMatchRocketMq() {
        try (PushConsumer consumer = valid().build()) {
            PushConsumerConfig config = consumer.config();
            assertEquals(20, config.consumeThreads());
            assertEquals(32, config.pullBatchSize());
            assertEquals(1000, config.maxCachedMessagesPerQueue());
            assertEquals(100L * 1024 * 1024, config.maxCachedBytesPerQueue());
            assertEquals(16, config.maxReconsumeTimes());
            assertEquals(Duration.ofSeconds(20), config.rebalanceInterval());
            assertEquals(Duration.ofSeconds(5), config.persistOffsetInterval());
            assertEquals(ConsumeFromWhere.LAST_OFFSET, config.consumeFrom());
        }
    }

    @Test
    void timestampDefaultsToHalfAnHourBeforeBuild() {
        long now = 10_000_000L;
        try (PushConsumer consumer = valid().clock(() -> now).consumeFrom(ConsumeFromWhere.TIMESTAMP).build()) {
            assertEquals(now - 30 * 60 * 1000, consumer.config().consumeFromTimestampMillis());
        }
    }
}
