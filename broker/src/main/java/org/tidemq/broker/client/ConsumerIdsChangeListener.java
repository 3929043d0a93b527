package org.tidemq.broker.client;

/** Told when a consumer group's members changed; called on the thread that changed it. */
@FunctionalInterface
public interface ConsumerIdsChangeListener {
    void onChange(ConsumerGroupInfo group);
}
