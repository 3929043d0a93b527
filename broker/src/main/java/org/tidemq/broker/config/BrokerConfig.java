package org.tidemq.broker.config;

import java.util.Objects;
import org.tidemq.store.config.StoreConfig;

/**
 * Everything a broker is configured with, one validated record per concern. Built by {@link BrokerConfigMapper}
 * from RocketMQ {@code broker.properties} keys; immutable.
 */
public record BrokerConfig(BrokerIdentityConfig identity, BrokerNetworkConfig network, TopicGroupConfig topics,
                           FlowControlConfig flow, NamesrvRegistrationConfig registration,
                           ReplicationConfig replication, TransactionConfig transactions,
                           MessageFeatureConfig messages, StoreConfig store, ConsumerLockConfig locks) {

    /** Points below the configured ratio a slave uses, so slaves redirect lagging consumers sooner. */
    public static final int SLAVE_ACCESS_RATIO_REDUCTION = 10;

    public BrokerConfig {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(replication, "replication");
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(locks, "locks");
    }

    /** This configuration with another identity (a runtime change of {@code brokerPermission}). */
    public BrokerConfig withIdentity(BrokerIdentityConfig newIdentity) {
        return new BrokerConfig(newIdentity, network, topics, flow, registration, replication, transactions, messages,
                store, locks);
    }

    /** This configuration with other flow-control values (a runtime change). */
    public BrokerConfig withFlow(FlowControlConfig newFlow) {
        return new BrokerConfig(identity, network, topics, newFlow, registration, replication, transactions, messages,
                store, locks);
    }

    /** {@code accessMessageInMemoryMaxRatio} as used: 10 points less on a slave, as RocketMQ's startup adjusts it. */
    public int effectiveAccessMessageInMemoryMaxRatio() {
        int configured = flow.accessMessageInMemoryMaxRatio();
        return identity.isMaster() ? configured : configured - SLAVE_ACCESS_RATIO_REDUCTION;
    }
}
