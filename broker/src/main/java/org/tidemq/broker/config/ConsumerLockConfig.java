package org.tidemq.broker.config;

/**
 * Queue locks of orderly consumers (LOCK_BATCH_MQ).
 *
 * @param rebalanceLockMaxLiveTimeMs how long a queue lock lasts after its holder's last lock request (RocketMQ: JVM
 *                                   system property {@value #LOCK_MAX_LIVE_TIME_PROPERTY}, default 60 s; RocketMQ
 *                                   has no broker.properties key for it)
 */
public record ConsumerLockConfig(long rebalanceLockMaxLiveTimeMs) {
    public static final String LOCK_MAX_LIVE_TIME_PROPERTY = "rocketmq.broker.rebalance.lockMaxLiveTime";
    public static final long DEFAULT_LOCK_MAX_LIVE_TIME_MS = 60_000;

    public ConsumerLockConfig {
        Checks.positive(LOCK_MAX_LIVE_TIME_PROPERTY, rebalanceLockMaxLiveTimeMs);
    }

    public static ConsumerLockConfig defaults() {
        return new ConsumerLockConfig(DEFAULT_LOCK_MAX_LIVE_TIME_MS);
    }
}
