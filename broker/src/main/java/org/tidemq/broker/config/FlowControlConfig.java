package org.tidemq.broker.config;

/**
 * Request thread pools, queueing limits and pull behaviour.
 *
 * @param sendMessageThreadPoolNums           threads handling sends (default min(CPUs, 4))
 * @param pullMessageThreadPoolNums           threads handling pulls (default 16 + 2 × CPUs)
 * @param sendThreadPoolQueueCapacity         queued sends before SYSTEM_BUSY
 * @param pullThreadPoolQueueCapacity         queued pulls before SYSTEM_BUSY
 * @param waitTimeMillsInSendQueue            a send queued longer than this is rejected (flow control)
 * @param waitTimeMillsInPullQueue            a pull queued longer than this is rejected
 * @param longPollingEnable                   park PULL_NOT_FOUND pulls until data arrives or the hold expires
 * @param shortPollingTimeMills               hold time of a suspended pull without long polling
 * @param slaveReadEnable                     suggest slaves to consumers that lag too far behind
 * @param accessMessageInMemoryMaxRatio       lag (percent of RAM, in commit-log bytes) beyond which a consumer is
 *                                            "lagging"; as configured (slaves use 10 less, see
 *                                            {@link BrokerConfig#effectiveAccessMessageInMemoryMaxRatio()})
 * @param maxTransferCountOnMessageInMemory   most messages per pull served from page cache
 * @param maxTransferBytesOnMessageInMemory   most bytes per pull served from page cache
 */
public record FlowControlConfig(int sendMessageThreadPoolNums, int pullMessageThreadPoolNums,
                                int sendThreadPoolQueueCapacity, int pullThreadPoolQueueCapacity,
                                long waitTimeMillsInSendQueue, long waitTimeMillsInPullQueue,
                                boolean longPollingEnable, long shortPollingTimeMills, boolean slaveReadEnable,
                                int accessMessageInMemoryMaxRatio, int maxTransferCountOnMessageInMemory,
                                int maxTransferBytesOnMessageInMemory) {

    public FlowControlConfig {
        Checks.positive("sendMessageThreadPoolNums", sendMessageThreadPoolNums);
        Checks.positive("pullMessageThreadPoolNums", pullMessageThreadPoolNums);
        Checks.positive("sendThreadPoolQueueCapacity", sendThreadPoolQueueCapacity);
        Checks.positive("pullThreadPoolQueueCapacity", pullThreadPoolQueueCapacity);
        Checks.positive("waitTimeMillsInSendQueue", waitTimeMillsInSendQueue);
        Checks.positive("waitTimeMillsInPullQueue", waitTimeMillsInPullQueue);
        Checks.positive("shortPollingTimeMills", shortPollingTimeMills);
        // 11..100 so that a slave's ratio (10 less) stays a positive percentage.
        Checks.range("accessMessageInMemoryMaxRatio", accessMessageInMemoryMaxRatio, 11, 100);
        Checks.positive("maxTransferCountOnMessageInMemory", maxTransferCountOnMessageInMemory);
        Checks.positive("maxTransferBytesOnMessageInMemory", maxTransferBytesOnMessageInMemory);
    }

    /** RocketMQ's defaults for a machine with {@code cpus} processors. */
    public static FlowControlConfig defaults(int cpus) {
        return new FlowControlConfig(Math.min(cpus, 4), 16 + 2 * cpus, 10_000, 100_000, 200, 5_000, true, 1_000,
                false, 40, 32, 262_144);
    }
}
