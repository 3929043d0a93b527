package org.tidemq.tools.replication;

import org.HdrHistogram.Histogram;
import org.tidemq.client.admin.HaStatus;
import org.tidemq.tools.latency.LatencySummary;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Replication lag as time, measured from outside through each master's GET_BROKER_HA_STATUS: every sample notes the
 * master's CommitLog end offset as a <em>mark</em> for each of its slave connections; a mark is resolved by the
 * first later sample in which that slave's acknowledged offset covers it, and its lag is the time between the two
 * samples. So a figure is "how long until the slave had what the master had", with the sampling interval as its
 * resolution: a mark resolved by the very next sample counts as one interval (an upper bound), and a master offset
 * that the slave already covers in the same sample counts as zero.
 *
 * <p>Works against TideMQ and Apache RocketMQ masters alike (both answer code 907). A sample only adds a mark when
 * the master's offset moved since the slave's previous mark, so an idle cluster records nothing. At most
 * {@link #MAX_PENDING_MARKS} marks wait per slave; older ones are dropped and counted, never silently lost.
 *
 * <p>Thread-safety: {@link #sampleOnce()} and {@link #summary()} may be called from different threads.
 */
public final class ReplicationLagSampler {
    static final int MAX_PENDING_MARKS = 100_000;
    private static final int SIGNIFICANT_DIGITS = 3;

    private final List<String> masterAddresses;
    private final Function<String, HaStatus> haStatus;
    private final LongSupplier nanoClock;
    private final Map<String, ArrayDeque<Mark>> pendingBySlave = new HashMap<>();
    private final Map<String, Long> lastMarkBySlave = new HashMap<>();
    private final Histogram lagMicros = new Histogram(SIGNIFICANT_DIGITS);
    private long unansweredSamples;
    private long droppedMarks;

    /**
     * @param masterAddresses the masters to sample (each answers for its slave connections)
     * @param haStatus        asks a broker for its HA status ({@code AdminClient::haStatus})
     * @param nanoClock       monotonic time
     */
    public ReplicationLagSampler(List<String> masterAddresses, Function<String, HaStatus> haStatus,
                                 LongSupplier nanoClock) {
        this.masterAddresses = List.copyOf(masterAddresses);
        this.haStatus = haStatus;
        this.nanoClock = nanoClock;
    }

    /** Asks every master once; a master that does not answer is counted, not fatal. */
    public synchronized void sampleOnce() {
        for (String master : masterAddresses) {
            HaStatus status;
            try {
                status = haStatus.apply(master);
            } catch (RuntimeException unanswered) {
                unansweredSamples++;
                continue;
            }
            long now = nanoClock.getAsLong();
            if (!status.master()) {
                continue;
            }
            for (HaStatus.SlaveConnection slave : status.slaves()) {
                observe(master + "->" + slave.addr(), status.masterCommitLogMaxOffset(), slave.slaveAckOffset(), now);
            }
        }
    }

    private void observe(String slaveKey, long masterOffset, long ackOffset, long nowNanos) {
        ArrayDeque<Mark> pending = pendingBySlave.computeIfAbsent(slaveKey, key -> new ArrayDeque<>());
        while (!pending.isEmpty() && pending.peekFirst().offset() <= ackOffset) {
            lagMicros.recordValue(Math.max(0, (nowNanos - pending.pollFirst().nanos()) / 1000));
        }
        long lastMark = lastMarkBySlave.getOrDefault(slaveKey, Long.MIN_VALUE);
        if (masterOffset > lastMark && lastMark != Long.MIN_VALUE && masterOffset <= ackOffset) {
            lagMicros.recordValue(0); // the master moved and the slave already had it: within one interval
        } else if (masterOffset > lastMark && masterOffset > ackOffset) {
            if (pending.size() == MAX_PENDING_MARKS) {
                pending.pollFirst();
                droppedMarks++;
            }
            pending.addLast(new Mark(masterOffset, nowNanos));
        }
        lastMarkBySlave.put(slaveKey, Math.max(lastMark, masterOffset));
    }

    /** The lags resolved so far, and what is still waiting. */
    public synchronized LagSummary summary() {
        long now = nanoClock.getAsLong();
        long pending = 0;
        long oldestPendingMicros = 0;
        for (ArrayDeque<Mark> marks : pendingBySlave.values()) {
            pending += marks.size();
            if (!marks.isEmpty()) {
                oldestPendingMicros = Math.max(oldestPendingMicros, (now - marks.peekFirst().nanos()) / 1000);
            }
        }
        return new LagSummary(pendingBySlave.size(), LatencySummary.of(lagMicros), pending,
                oldestPendingMicros / 1000.0, unansweredSamples, droppedMarks);
    }

    private record Mark(long offset, long nanos) {
    }

    /**
     * @param slaves             slave connections seen
     * @param lag                resolved marks' lag, milliseconds
     * @param pendingMarks       marks no acknowledgement has covered yet
     * @param oldestPendingMs    age of the oldest of those
     * @param unansweredSamples  HA status requests that failed
     * @param droppedMarks       marks dropped because too many were waiting
     */
    public record LagSummary(int slaves, LatencySummary lag, long pendingMarks, double oldestPendingMs,
                             long unansweredSamples, long droppedMarks) {
    }
}
