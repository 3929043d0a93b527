package org.tidemq.broker.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.BrokerClient;
import org.tidemq.broker.TestBrokers;
import org.tidemq.broker.config.BrokerConfig;
import org.tidemq.broker.runtime.AdvertisedAddress;
import org.tidemq.broker.runtime.QueueTimedExecutor;
import org.tidemq.broker.topic.TopicConfigManager;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.store.DefaultMessageStore;

/** A send that waited too long in the send queue is shed; one that did not is stored (the negative control). */
class SendFlowControlTest {
    @TempDir
    Path dir;

    @Test
    void sendQueuedLongerThanTheLimitIsAnsweredSystemBusyWithoutTouchingTheStore() throws Exception {
        BrokerConfig config = TestBrokers.config(dir, Map.of("waitTimeMillsInSendQueue", "200"));
        AtomicLong clock = new AtomicLong(10_000);
        QueueTimedExecutor executor = new QueueTimedExecutor("send-test", 1, 10, clock::get);
        try (DefaultMessageStore store = DefaultMessageStore.open(config.store())) {
            TopicConfigManager topics = TopicConfigManager.load(config.identity(), config.topics(),
                    config.store().storePathRootDir(), System::currentTimeMillis);
            AdvertisedAddress address = new AdvertisedAddress("127.0.0.1");
            address.bind(10911);
            SendMessageProcessor processor = new SendMessageProcessor(config, topics, store, address, () -> { },
                    executor::queueSize);
            RequestContext context = new RequestContext(new EmbeddedChannel());

            RemotingCommand late = submit(executor, processor, context, () -> clock.addAndGet(201));
            assertEquals(ResponseCode.SYSTEM_BUSY, late.code());
            assertTrue(late.remark().startsWith("[TIMEOUT_CLEAN_QUEUE]broker busy"), late.remark());
            assertTrue(late.remark().contains("period in queue: 201ms"), late.remark());
            assertEquals(0, store.getMaxPhyOffset());

            RemotingCommand onTime = submit(executor, processor, context, () -> clock.addAndGet(200));
            assertEquals(ResponseCode.SUCCESS, onTime.code(), onTime.remark());
            assertTrue(store.getMaxPhyOffset() > 0);
        } finally {
            executor.shutdownNow();
        }
    }

    /** Submits a send; {@code whileQueued} runs between submission and start (it advances the clock). */
    private static RemotingCommand submit(QueueTimedExecutor executor, SendMessageProcessor processor,
                                          RequestContext context, Runnable whileQueued) throws Exception {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        executor.execute(gate::join);
        CompletableFuture<RemotingCommand> response = new CompletableFuture<>();
        RemotingCommand request = BrokerClient.sendHeader("FlowTopic", 0, Map.of())
                .writeTo(RemotingCommand.request(RequestCode.SEND_MESSAGE_V2), true);
        request.setBody("x".getBytes());
        executor.execute(() -> {
            try {
                processor.process(context, request).whenComplete((r, e) -> {
                    if (e != null) {
                        response.completeExceptionally(e);
                    } else {
                        response.complete(r);
                    }
                });
            } catch (Exception e) {
                response.completeExceptionally(e);
            }
        });
        whileQueued.run();
        gate.complete(null);
        try {
            return response.get(5, TimeUnit.SECONDS);
        } finally {
            request.releaseBody();
        }
    }
}
