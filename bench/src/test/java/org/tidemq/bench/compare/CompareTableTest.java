package org.tidemq.bench.compare;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompareTableTest {

    @Test
    void ratioIsTideMqOverApacheWithTwoDecimalsAndDashWhenAFigureIsMissing() {
        assertEquals("1.50", CompareTable.ratio(30_000, 20_000));
        assertEquals("0.33", CompareTable.ratio(1, 3));
        assertEquals("-", CompareTable.ratio(5, 0));
        assertEquals("-", CompareTable.ratio(-1, 4));
    }

    @Test
    void averagesRoundsAndPrintsOneRowPerScenarioInRecordedOrder() {
        List<RunRecord> runs = List.of(
                send("sync-flush", RunRecord.TIDEMQ, 1, 1000, 4.0, 10_000, 5_000_000, 200 * 1024),
                send("sync-flush", RunRecord.APACHE, 1, 500, 8.0, 5_000, 5_000_000, 400 * 1024),
                send("sync-flush", RunRecord.TIDEMQ, 2, 3000, 2.0, 30_000, 15_000_000, 300 * 1024),
                send("sync-flush", RunRecord.APACHE, 2, 1500, 4.0, 15_000, 15_000_000, 500 * 1024),
                send("batch", RunRecord.TIDEMQ, 1, 9000, 1.0, 90_000, 9_000_000, 100 * 1024),
                send("batch", RunRecord.APACHE, 1, 4500, 1.0, 45_000, 9_000_000, 100 * 1024));

        List<String> lines = CompareTable.format(runs).lines().toList();

        assertEquals(4, lines.size(), "header, rule, two scenarios");
        assertTrue(lines.get(0).startsWith("| scenario "), lines.get(0));
        assertTrue(lines.get(1).matches("\\|[-| ]+\\|"), lines.get(1));
        // sync-flush: mean TPS 2000 vs 1000, mean p99 3.00 vs 6.00, peak RSS 300 vs 500 MiB,
        // CPU 20 s / 40000 msgs = 500 us vs 20 s / 20000 msgs = 1000 us.
        assertEquals(List.of("sync-flush", "2000", "1000", "2.00", "3.00", "6.00", "0.50", "300 / 500", "0.60",
                "500.0 / 1000.0", "0.50", "0 / 0"), cells(lines.get(2)));
        assertEquals(List.of("batch", "9000", "4500", "2.00", "1.00", "1.00", "1.00", "100 / 100", "1.00",
                "100.0 / 200.0", "0.50", "0 / 0"), cells(lines.get(3)));
        assertEquals(lines.get(0).length(), lines.get(2).length(), "columns are aligned");
    }

    @Test
    void ownClientRowComparesWithApacheAndConsumerRowsMarkCaughtUpAndHaveNoP99() {
        List<RunRecord> runs = List.of(
                send("async-send", RunRecord.APACHE, 1, 1000, 2.0, 1000, 1_000_000, 1024),
                send("async-send", RunRecord.TIDEMQ, 1, 1200, 2.0, 1200, 1_000_000, 1024),
                send("async-send", RunRecord.TIDEMQ_OWN_CLIENT, 1, 1500, 1.0, 1500, 1_000_000, 1024),
                new RunRecord("catch-up", RunRecord.TIDEMQ, 1, 800, -1, 8000, 2, 800_000, 1024, 8000),
                new RunRecord("catch-up", RunRecord.APACHE, 1, 400, -1, 4000, 0, 800_000, 1024, 9000));

        List<String> lines = CompareTable.format(runs).lines().toList();

        assertEquals(List.of("async-send [TideMQ client]", "1500", "1000", "1.50", "1.00", "2.00", "0.50"),
                cells(lines.get(3)).subList(0, 7));
        List<String> catchUp = cells(lines.get(4));
        assertEquals(List.of("catch-up", "800*", "400", "2.00", "-", "-", "-"), catchUp.subList(0, 7));
        assertEquals("2 / 0", catchUp.get(11));
    }

    @Test
    void scenarioWithOnlyOneImplementationShowsDashesForTheOther() {
        List<String> lines = CompareTable.format(List.of(
                send("2m-2s-sync", RunRecord.TIDEMQ, 1, 700, 3.0, 700, 700_000, 2048))).lines().toList();

        assertEquals(List.of("2m-2s-sync", "700", "-", "-", "3.00", "-", "-", "2 / -", "-", "1000.0 / -", "-",
                "0 / -"), cells(lines.get(2)));
    }

    @Test
    void timerAndReplicationFiguresFollowTheTableAsOneLinePerScenario() {
        List<RunRecord> runs = List.of(
                new RunRecord("timer-send", RunRecord.TIDEMQ, 1, 900, 2.0, 900, 0, 1, 1024, -1,
                        new RunExtras(4.0, 20.0, 900, 900, -1)),
                new RunRecord("timer-send", RunRecord.TIDEMQ, 2, 900, 2.0, 800, 0, 1, 1024, -1,
                        new RunExtras(6.0, 40.0, 799, 800, -1)),
                new RunRecord("timer-send", RunRecord.APACHE, 1, 600, 3.0, 600, 0, 1, 1024, -1,
                        new RunExtras(500.0, 990.0, 600, 600, -1)),
                new RunRecord("2m-2s-async", RunRecord.TIDEMQ, 1, 900, 2.0, 900, 0, 1, 1024, -1,
                        new RunExtras(-1, -1, -1, -1, 8.0)),
                new RunRecord("2m-2s-async", RunRecord.APACHE, 1, 900, 2.0, 900, 0, 1, 1024, -1,
                        new RunExtras(-1, -1, -1, -1, 21.5)));

        List<String> lines = CompareTable.format(runs).lines().toList();

        assertEquals(6, lines.size(), String.join("\n", lines));
        assertEquals("timer-send: firing lateness p50 / p99 ms: TideMQ 5.0 / 30.0 (fired 1699 of 1700), "
                + "Apache 500.0 / 990.0 (fired 600 of 600)", lines.get(4));
        assertEquals("2m-2s-async: replication lag p99 ms: TideMQ 8.0, Apache 21.5", lines.get(5));
    }

    private static RunRecord send(String scenario, String implementation, int round, double tps, double p99,
                                  long messages, long cpuMicros, long rssKib) {
        return new RunRecord(scenario, implementation, round, tps, p99, messages, 0, cpuMicros, rssKib, -1);
    }

    private static List<String> cells(String line) {
        String inner = line.substring(2, line.length() - 2);
        return Arrays.stream(inner.split(" \\| ")).map(String::trim).toList();
    }
}
