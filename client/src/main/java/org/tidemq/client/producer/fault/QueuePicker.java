package org.tidemq.client.producer.fault;

import org.tidemq.client.MessageQueue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Round-robin queue selection over a topic's writable queues that skips brokers the {@link LatencyFaultTracker}
 * has quarantined and, on a retry, the broker that just failed. When every broker is excluded it still returns a
 * queue (a different broker than the failed one if there is any), because sending somewhere beats not sending.
 *
 * <p>Thread-safe; each topic has its own rotation, starting at a random position.
 */
public final class QueuePicker {
    private final LatencyFaultTracker faults;
    private final Map<String, AtomicInteger> rotations = new ConcurrentHashMap<>();

    public QueuePicker(LatencyFaultTracker faults) {
        this.faults = faults;
    }

    /**
     * @param queues      the topic's writable queues; not empty
     * @param avoidBroker the broker that failed the previous attempt, or {@code null}
     */
    public MessageQueue pick(List<MessageQueue> queues, String avoidBroker) {
        if (queues.isEmpty()) {
            throw new IllegalArgumentException("no queue to pick from");
        }
        AtomicInteger rotation = rotations.computeIfAbsent(queues.get(0).topic(),
                topic -> new AtomicInteger(ThreadLocalRandom.current().nextInt(1 << 16)));
        int start = rotation.getAndIncrement();
        int size = queues.size();
        for (int i = 0; i < size; i++) {
            MessageQueue queue = queues.get(Math.floorMod(start + i, size));
            if (!queue.brokerName().equals(avoidBroker) && faults.isAvailable(queue.brokerName())) {
                return queue;
            }
        }
        for (int i = 0; i < size; i++) {
            MessageQueue queue = queues.get(Math.floorMod(start + i, size));
            if (!queue.brokerName().equals(avoidBroker)) {
                return queue;
            }
        }
        return queues.get(Math.floorMod(start, size));
    }
}
