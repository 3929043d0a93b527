package org.tidemq.broker;

import java.util.concurrent.ExecutorService;
import java.util.function.LongSupplier;
import org.tidemq.broker.config.BrokerConfig;
import org.tidemq.broker.runtime.QueueTimedExecutor;

/**
 * The broker's request thread pools, one per kind of work so a burst of one never starves another: sends, pulls,
 * client management (heartbeats, offsets, lookups) and admin requests. Sized from {@code FlowControlConfig}.
 */
final class BrokerProcessors {
    private static final int CLIENT_THREADS = 4;
    private static final int CLIENT_QUEUE_CAPACITY = 50_000;
    private static final int ADMIN_THREADS = 1;
    private static final int ADMIN_QUEUE_CAPACITY = 10_000;

    private final QueueTimedExecutor sendExecutor;
    private final QueueTimedExecutor pullExecutor;
    private final QueueTimedExecutor clientExecutor;
    private final QueueTimedExecutor adminExecutor;

    BrokerProcessors(BrokerConfig config, LongSupplier clockMillis) {
        var flow = config.flow();
        sendExecutor = new QueueTimedExecutor("SendMessageThread", flow.sendMessageThreadPoolNums(),
                flow.sendThreadPoolQueueCapacity(), clockMillis);
        pullExecutor = new QueueTimedExecutor("PullMessageThread", flow.pullMessageThreadPoolNums(),
                flow.pullThreadPoolQueueCapacity(), clockMillis);
        clientExecutor = new QueueTimedExecutor("ClientManageThread", CLIENT_THREADS, CLIENT_QUEUE_CAPACITY,
                clockMillis);
        adminExecutor = new QueueTimedExecutor("AdminBrokerThread", ADMIN_THREADS, ADMIN_QUEUE_CAPACITY,
                clockMillis);
    }

    QueueTimedExecutor sendExecutor() {
        return sendExecutor;
    }

    int pullQueueSize() {
        return pullExecutor.queueSize();
    }

    ExecutorService adminExecutor() {
        return adminExecutor;
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
        adminExecutor.shutdownNow();
    }
}
