package org.tidemq.broker;

import java.util.concurrent.ExecutorService;
import java.util.function.LongSupplier;
import org.tidemq.broker.config.BrokerConfig;
import org.tidemq.broker.runtime.QueueTimedExecutor;

/**
 * The broker's request thread pools, one per kind of work so a burst of one never starves another: sends, pulls,
 * and client management (heartbeats, offsets, lookups). Sized from {@code FlowControlConfig}.
 */
final class BrokerProcessors {
    private static final int CLIENT_THREADS = 4;
    private static final int CLIENT_QUEUE_CAPACITY = 50_000;

    private final QueueTimedExecutor sendExecutor;
    private final QueueTimedExecutor pullExecutor;
    private final QueueTimedExecutor clientExecutor;

    BrokerProcessors(BrokerConfig config, LongSupplier clockMillis) {
        var flow = config.flow();
        sendExecutor = new QueueTimedExecutor("SendMessageThread", flow.sendMessageThreadPoolNums(),
                flow.sendThreadPoolQueueCapacity(), clockMillis);
        pullExecutor = new QueueTimedExecutor("PullMessageThread", flow.pullMessageThreadPoolNums(),
                flow.pullThreadPoolQueueCapacity(), clockMillis);
        clientExecutor = new QueueTimedExecutor("ClientManageThread", CLIENT_THREADS, CLIENT_QUEUE_CAPACITY,
                clockMillis);
    }

    QueueTimedExecutor sendExecutor() {
        return sendExecutor;
    }

    ExecutorService pullExecutor() {
        return pullExecutor;
    }

    ExecutorService clientExecutor() {
        return clientExecutor;
    }

    void shutdown() {
        sendExecutor.shutdownNow();
        pullExecutor.shutdownNow();
        clientExecutor.shutdownNow();
    }
}
