package org.tidemq.store.crash;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.store.DefaultMessageStore;
import org.tidemq.store.config.FlushDiskType;
import org.tidemq.store.config.StoreConfig;

/**
 * Kills a writing store with SIGKILL at random moments and checks what a restart recovers (see
 * {@link StoreVerifier}); in power-cut rounds everything the last reported force() did not cover is destroyed first
 * ({@link PowerCut}). SYNC_FLUSH must keep every acknowledged message through both. ASYNC_FLUSH is the negative
 * control: after power cuts it must lose acknowledged messages, which shows the checker can fail.
 */
class CrashRecoveryTest {

    private static final int SYNC_ROUNDS = 20;
    private static final int ASYNC_ROUNDS = 4;
    private static final int MIN_ACKS_BEFORE_KILL = 20;
    private static final int MAX_ACKS_BEFORE_KILL = 1_500;
    private static final long IDS_PER_ROUND = 1_000_000_000L;
    /** Exit status of a process ended by SIGKILL. */
    private static final int KILLED = 128 + 9;

    @TempDir
    Path dir;

    private final long seed = System.nanoTime();
    private final Random random = new Random(seed);

    @Test
    void syncFlushKeepsEveryAcknowledgedMessageThroughKillsAndPowerCuts() throws Exception {
        Outcome outcome = runRounds(FlushDiskType.SYNC_FLUSH, SYNC_ROUNDS, round -> round % 2 == 1);

        assertEquals(Set.of(), outcome.lostIds, "acknowledged SYNC_FLUSH messages lost (seed " + seed + ")");
        assertEquals(SYNC_ROUNDS / 2, outcome.powerCuts);
        assertTrue(outcome.acks >= SYNC_ROUNDS * MIN_ACKS_BEFORE_KILL, "acks: " + outcome.acks);
        assertTrue(outcome.commitLogSegments > 1, "the CommitLog rolled over: " + outcome.commitLogSegments);
    }

    @Test
    void asyncFlushLosesAcknowledgedMessagesOnPowerCutsNegativeControl() throws Exception {
        Outcome outcome = runRounds(FlushDiskType.ASYNC_FLUSH, ASYNC_ROUNDS, round -> true);

        assertTrue(outcome.lostIds.size() > 0, "ASYNC_FLUSH acknowledges before forcing, so a power cut right after"
                + " acknowledgements must lose some; " + outcome.acks + " acks, none lost (seed " + seed + ")");
        assertTrue(outcome.lostIds.size() < outcome.acks, "what completed forces covered survives: all "
                + outcome.acks + " acks lost (seed " + seed + ")");
    }

    private interface PowerCutRounds {
        boolean cutPower(int round);
    }

    private record Outcome(int acks, Set<Long> lostIds, int powerCuts, long commitLogSegments) {
    }

    private Outcome runRounds(FlushDiskType flushDiskType, int rounds, PowerCutRounds powerCutRounds)
            throws Exception {
        Path root = dir.resolve("store-" + flushDiskType);
        Path stderr = dir.resolve("child-stderr.log");
        Path logConfig = writeChildLogConfig();
        StoreConfig config = CrashStores.config(root, flushDiskType);
        List<Ack> acked = new ArrayList<>();
        Set<Long> lostIds = new HashSet<>();
        long durableEnd = 0;
        int powerCuts = 0;
        for (int round = 0; round < rounds; round++) {
            String context = flushDiskType + " round " + round + ", seed " + seed;
            int acksBeforeKill = MIN_ACKS_BEFORE_KILL + random.nextInt(MAX_ACKS_BEFORE_KILL - MIN_ACKS_BEFORE_KILL);
            List<Ack> roundAcks;
            long cut = -1;
            try (WriterProcess child = WriterProcess.start(root, flushDiskType, round * IDS_PER_ROUND, logConfig,
                    stderr)) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(2))
                        .until(() -> child.ackCount() >= acksBeforeKill || !child.isAlive());
                assertTrue(child.isAlive(), context + ": the writer died by itself:\n" + WriterProcess.tail(stderr));
                assertEquals(KILLED, child.kill(), context);
                assertEquals(List.of(), child.failures(), context);
                assertTrue(child.isReady(), context);
                roundAcks = child.acks();
                if (powerCutRounds.cutPower(round)) {
                    cut = Math.max(child.lastFlushedOffset(), durableEnd);
                    PowerCut.apply(config.storePathCommitLog(), cut);
                    powerCuts++;
                }
            }
            acked.addAll(roundAcks);
            Set<Long> lostBefore = Set.copyOf(lostIds);
            try (DefaultMessageStore store = DefaultMessageStore.open(config, Clock.systemUTC(),
                    CrashStores.EMPTY_DISK, flushed -> {
                    })) {
                assertTrue(store.wasAbnormalShutdown(), context);
                StoreVerifier.Report report = StoreVerifier.verify(store, acked, lostIds);
                assertTrue(report.consistent(), context + ": " + report.problemCount() + " problem(s), first: "
                        + report.problems());
                assertTrue(report.commitLogRecords() >= acked.size() - lostIds.size(), context + ": " + report);
                durableEnd = store.getMaxPhyOffset();
            }
            for (Ack ack : roundAcks) {
                if (lostIds.contains(ack.id()) && !lostBefore.contains(ack.id()) && cut >= 0) {
                    assertTrue(ack.phyOffset() + ack.size() > cut, context + ": " + ack
                            + " was covered by a completed force at " + cut + " and still got lost");
                }
            }
        }
        return new Outcome(acked.size(), lostIds, powerCuts, countFiles(config.storePathCommitLog()));
    }

    private Path writeChildLogConfig() throws IOException {
        return Files.writeString(dir.resolve("child-logback.xml"), """
                <configuration>
                  <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
                    <target>System.err</target>
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="WARN"><appender-ref ref="STDERR"/></root>
                </configuration>
                """);
    }

    private static long countFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.collect(Collectors.counting());
        }
    }
}
