package org.tidemq.bench.compare;

/**
 * One measured run: one scenario, one implementation, one round.
 *
 * @param scenario        scenario name, e.g. {@code async-sync-send}
 * @param implementation  {@link #TIDEMQ}, {@link #APACHE} or {@link #TIDEMQ_OWN_CLIENT}
 * @param round           1-based round number
 * @param tps             messages per second as bin/benchmark reported them
 * @param p99Ms           send round-trip p99 in ms, or a negative value when the run has no send latency (consumers)
 * @param messages        messages sent or consumed
 * @param errors          failed sends or consumer errors
 * @param brokerCpuMicros CPU time (user + system) all brokers of the implementation used during the run
 * @param maxRssKib       peak of the summed VmRSS of all brokers during the run
 * @param prefilled       messages pre-filled before a consumer run, or a negative value for send runs
 * @param extras          timer firing and replication lag figures, {@link RunExtras#NONE} when not measured
 */
public record RunRecord(String scenario, String implementation, int round, double tps, double p99Ms, long messages,
                        long errors, long brokerCpuMicros, long maxRssKib, long prefilled, RunExtras extras) {
    public static final String TIDEMQ = "tidemq";
    public static final String APACHE = "apache";
    /** TideMQ's broker driven by TideMQ's own client (the other two use the official client). */
    public static final String TIDEMQ_OWN_CLIENT = "tidemq-own-client";

    public RunRecord {
        if (!TIDEMQ.equals(implementation) && !APACHE.equals(implementation)
                && !TIDEMQ_OWN_CLIENT.equals(implementation)) {
            throw new IllegalArgumentException("unknown implementation '" + implementation + "', expected "
                    + TIDEMQ + ", " + APACHE + " or " + TIDEMQ_OWN_CLIENT);
        }
        if (scenario == null || scenario.isBlank()) {
            throw new IllegalArgumentException("blank scenario");
        }
        if (extras == null) {
            extras = RunExtras.NONE;
        }
    }

    /** A run without timer or replication figures. */
    public RunRecord(String scenario, String implementation, int round, double tps, double p99Ms, long messages,
                     long errors, long brokerCpuMicros, long maxRssKib, long prefilled) {
        this(scenario, implementation, round, tps, p99Ms, messages, errors, brokerCpuMicros, maxRssKib, prefilled,
                RunExtras.NONE);
    }

    /** True when a consumer read everything that was pre-filled, so its TPS is only a lower bound. */
    public boolean caughtUp() {
        return prefilled >= 0 && messages >= prefilled;
    }
}
