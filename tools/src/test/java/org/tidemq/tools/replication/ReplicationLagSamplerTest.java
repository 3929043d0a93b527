package org.tidemq.tools.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tidemq.client.admin.HaStatus;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

class ReplicationLagSamplerTest {
    private static final long MS = 1_000_000L;

    private final AtomicLong nanos = new AtomicLong();
    private final Map<String, HaStatus> answers = new HashMap<>();
    private final ReplicationLagSampler sampler = new ReplicationLagSampler(List.of("m1:10911"), this::answer,
            nanos::get);

    private HaStatus answer(String master) {
        HaStatus status = answers.get(master);
        if (status == null) {
            throw new IllegalStateException("no answer from " + master);
        }
        return status;
    }

    private void master(long masterOffset, long slaveAck) {
        answers.put("m1:10911", new HaStatus(true, masterOffset, 1, List.of(
                new HaStatus.SlaveConnection("s1:10921", slaveAck, masterOffset - slaveAck, true, 0, 0)), null));
    }

    private void sampleAt(long millis, long masterOffset, long slaveAck) {
        nanos.set(millis * MS);
        master(masterOffset, slaveAck);
        sampler.sampleOnce();
    }

    @Test
    void lagIsTheTimeUntilTheSlaveAcknowledgedWhatTheMasterHadWhenSampled() {
        sampleAt(0, 1000, 1000);      // first sight, slave caught up: nothing to measure yet
        sampleAt(10, 2000, 1000);     // mark 2000 @10
        sampleAt(20, 3000, 1500);     // mark 3000 @20
        sampleAt(50, 3000, 2500);     // 2000 covered: 40 ms
        sampleAt(60, 4000, 4000);     // 3000 covered: 40 ms; 4000 already covered: 0
        ReplicationLagSampler.LagSummary summary = sampler.summary();
        assertEquals(3, summary.lag().count());
        assertEquals(40.0, summary.lag().maxMs(), 0.1);
        assertEquals(40.0, summary.lag().p50Ms(), 0.1);
        assertEquals(0, summary.pendingMarks());
        assertEquals(1, summary.slaves());
    }

    @Test
    void anIdleClusterRecordsNothingAndAStuckSlaveShowsAsPending() {
        sampleAt(0, 5000, 5000);
        sampleAt(10, 5000, 5000);
        assertEquals(0, sampler.summary().lag().count());
        sampleAt(20, 9000, 5000);
        sampleAt(30, 9500, 5000);
        nanos.set(1020 * MS);
        ReplicationLagSampler.LagSummary stuck = sampler.summary();
        assertEquals(0, stuck.lag().count());
        assertEquals(2, stuck.pendingMarks());
        assertEquals(1000.0, stuck.oldestPendingMs(), 0.1);
        assertTrue(LagFormat.line(stuck).contains("2 pending, oldest 1000 ms"), LagFormat.line(stuck));
    }

    @Test
    void aMasterThatDoesNotAnswerIsCounted() {
        sampler.sampleOnce();
        sampler.sampleOnce();
        assertEquals(2, sampler.summary().unansweredSamples());
        assertTrue(LagFormat.line(sampler.summary()).endsWith("2 unanswered)"), LagFormat.line(sampler.summary()));
    }
}
