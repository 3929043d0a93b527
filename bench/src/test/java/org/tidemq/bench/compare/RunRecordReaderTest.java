package org.tidemq.bench.compare;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunRecordReaderTest {
    private static final String PRODUCER_SUMMARY = "{\"mode\":\"producer\",\"client\":\"rocketmq\",\"sent\":12345,"
            + "\"tps\":4115.0,\"latencyKind\":\"sendRoundTrip\",\"latencyMs\":{\"count\":12345,\"p50\":0.5,"
            + "\"p99\":2.75,\"max\":9.1},\"errors\":{\"total\":3,\"byKind\":{\"TIMEOUT\":3}}}";
    private static final String CONSUMER_SUMMARY = "{\"mode\":\"consumer\",\"consumed\":5000,\"tps\":1000.5,"
            + "\"latencyKind\":\"bornToConsumed\",\"latencyMs\":{\"p99\":1500.0},\"errors\":{\"total\":0}}";

    @TempDir
    Path dir;

    @Test
    void readsScriptFieldsAndTheBenchmarkSummaryEachLinePointsAt() throws IOException {
        Path producer = Files.writeString(dir.resolve("p.json"), PRODUCER_SUMMARY);
        Path consumer = Files.writeString(dir.resolve("c.json"), CONSUMER_SUMMARY);
        Path runList = Files.writeString(dir.resolve("runs.tsv"),
                "async-sync-send\ttidemq\t2\t" + producer + "\t1500000\t307200\t-1\n\n"
                        + "consume-catchup\tapache\t1\t" + consumer + "\t40000\t1024\t5000\n");

        List<RunRecord> records = new RunRecordReader().read(runList);

        assertEquals(new RunRecord("async-sync-send", "tidemq", 2, 4115.0, 2.75, 12345, 3, 1_500_000, 307_200, -1),
                records.get(0));
        RunRecord consume = records.get(1);
        assertEquals(5000, consume.messages());
        assertEquals(-1, consume.p99Ms(), "age of pre-filled messages is no latency figure");
        assertTrue(consume.caughtUp());
        assertFalse(records.get(0).caughtUp());
    }

    @Test
    void timerFiringAndReplicationLagAreReadWhenTheSummaryHasThem() throws IOException {
        Path timers = Files.writeString(dir.resolve("t.json"), "{\"mode\":\"timerProducer\",\"sent\":1000,"
                + "\"tps\":500.0,\"latencyKind\":\"sendRoundTrip\",\"latencyMs\":{\"p99\":1.5},"
                + "\"errors\":{\"total\":0},\"firing\":{\"accepted\":1000,\"fired\":998,"
                + "\"latenessMs\":{\"p50\":4.5,\"p99\":30.25}},"
                + "\"replicationLag\":{\"lagMs\":{\"count\":40,\"p99\":12.5}}}");
        Path idleLag = Files.writeString(dir.resolve("i.json"), PRODUCER_SUMMARY.replace("}}}",
                "}},\"replicationLag\":{\"lagMs\":{\"count\":0,\"p99\":0.0}}}"));
        Path runList = Files.writeString(dir.resolve("runs.tsv"), "timer-send\ttidemq\t1\t" + timers
                + "\t1\t1\t-1\nidle\tapache\t1\t" + idleLag + "\t1\t1\t-1\n");

        List<RunRecord> records = new RunRecordReader().read(runList);

        assertEquals(new RunExtras(4.5, 30.25, 998, 1000, 12.5), records.get(0).extras());
        assertEquals(RunExtras.NONE, records.get(1).extras(), "no lag samples is no lag figure");
        assertEquals(RunExtras.NONE, new RunRecordReader().read(Files.writeString(dir.resolve("p.tsv"),
                "a\ttidemq\t1\t" + Files.writeString(dir.resolve("p.json"), PRODUCER_SUMMARY) + "\t1\t1\t-1\n"))
                .get(0).extras());
    }

    @Test
    void malformedLineOrSummaryIsRejectedNamingTheLine() throws IOException {
        Path notSummary = Files.writeString(dir.resolve("x.json"), "{\"hello\":1}");
        Path shortLine = Files.writeString(dir.resolve("short.tsv"), "a\ttidemq\t1\n");
        Path badSummary = Files.writeString(dir.resolve("bad.tsv"), "a\ttidemq\t1\t" + notSummary + "\t1\t1\t-1\n");
        Path badImpl = Files.writeString(dir.resolve("impl.tsv"), "a\tkafka\t1\t" + notSummary + "\t1\t1\t-1\n");
        RunRecordReader reader = new RunRecordReader();

        assertEquals(shortLine + " line 1: expected 7 tab-separated fields but found 3",
                assertThrows(IllegalArgumentException.class, () -> reader.read(shortLine)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> reader.read(badSummary)).getMessage()
                .contains("not a bin/benchmark --json summary"));
        Path goodJson = Files.writeString(dir.resolve("g.json"), PRODUCER_SUMMARY);
        Files.writeString(badImpl, "a\tkafka\t1\t" + goodJson + "\t1\t1\t-1\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> reader.read(badImpl)).getMessage()
                .contains("unknown implementation 'kafka'"));
    }
}
