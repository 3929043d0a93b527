package org.tidemq.client.producer.fault;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Remembers which brokers recently failed or answered slowly, so that queue selection can steer around them for a
 * while. A send's latency maps to a quarantine period via a step table modelled on RocketMQ's default
 * ({@code sendLatencyFaultEnable}): latencies up to 100 ms cost nothing; 550 ms → 2 s; 1.8 s → 5 s; 3 s → 6 s;
 * 5 s → 10 s; 15 s → 30 s. A failed send (I/O error, or a broker answer that asks for a retry elsewhere) counts as
 * {@value #FAILURE_LATENCY_MILLIS} ms.
 *
 * <p>Time comes from the injected clock, so tests control quarantine expiry. Thread-safe.
 */
public final class LatencyFaultTracker {
    /** The latency a failure is charged as. */
    public static final long FAILURE_LATENCY_MILLIS = 10_000;
    private static final long[] LATENCY_STEPS_MILLIS = {50, 100, 550, 1_800, 3_000, 5_000, 15_000};
    private static final long[] QUARANTINE_MILLIS = {0, 0, 2_000, 5_000, 6_000, 10_000, 30_000};

    private final LongSupplier nowMillis;
    private final Map<String, Long> availableFromMillis = new ConcurrentHashMap<>();

    public LatencyFaultTracker(LongSupplier nowMillis) {
        this.nowMillis = nowMillis;
    }

    /** Records the outcome of a send to {@code brokerName} that took {@code latencyMillis}. */
    public void record(String brokerName, long latencyMillis, boolean failed) {
        long quarantine = quarantineFor(failed ? FAILURE_LATENCY_MILLIS : latencyMillis);
        if (quarantine == 0) {
            availableFromMillis.remove(brokerName);
        } else {
            availableFromMillis.put(brokerName, nowMillis.getAsLong() + quarantine);
        }
    }

    /** True unless the broker is serving a quarantine. */
    public boolean isAvailable(String brokerName) {
        Long availableFrom = availableFromMillis.get(brokerName);
        return availableFrom == null || nowMillis.getAsLong() >= availableFrom;
    }

    /** How long a send of this latency keeps its broker out of rotation. */
    public static long quarantineFor(long latencyMillis) {
        for (int step = LATENCY_STEPS_MILLIS.length - 1; step >= 0; step--) {
            if (latencyMillis >= LATENCY_STEPS_MILLIS[step]) {
                return QUARANTINE_MILLIS[step];
            }
        }
        return 0;
    }
}
