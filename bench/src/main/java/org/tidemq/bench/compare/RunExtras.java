package org.tidemq.bench.compare;

/**
 * Figures some runs have besides throughput: how late scheduled messages fired (timerProducer) and how far slaves
 * trailed their masters (clusters with slaves). Negative values mean "not measured in this run".
 *
 * @param latenessP50Ms firing lateness p50 of the run's timers
 * @param latenessP99Ms firing lateness p99
 * @param fired         timers delivered (early ones included)
 * @param accepted      timers the broker acknowledged
 * @param lagP99Ms      replication lag p99
 */
public record RunExtras(double latenessP50Ms, double latenessP99Ms, long fired, long accepted, double lagP99Ms) {
    public static final RunExtras NONE = new RunExtras(-1, -1, -1, -1, -1);

    public boolean hasFiring() {
        return accepted >= 0;
    }

    public boolean hasLag() {
        return lagP99Ms >= 0;
    }
}
