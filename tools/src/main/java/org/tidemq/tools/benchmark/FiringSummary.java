package org.tidemq.tools.benchmark;

/**
 * How the scheduled messages of a {@code timerProducer} run fired.
 *
 * @param timers         how they were scheduled
 * @param accepted       messages the broker acknowledged
 * @param early          messages delivered before they were due
 * @param maxEarlyMillis how early the earliest of those was
 * @param onTime         messages delivered at or after their due time, with lateness as latency
 */
public record FiringSummary(TimerSpec timers, long accepted, long early, long maxEarlyMillis,
                            LoadStats.Totals onTime) {

    /** Every delivered message of the run, early or not. */
    public long fired() {
        return onTime.messages() + early;
    }
}
