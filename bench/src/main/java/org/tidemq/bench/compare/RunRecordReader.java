package org.tidemq.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the run list bin/bench-compare writes: one tab-separated line per run,
 * {@code scenario implementation round summaryJsonPath brokerCpuMicros maxRssKib prefilled}, where the JSON file is
 * bin/benchmark's {@code --json} summary (fields tps, sent or consumed, latencyKind, latencyMs.p99, errors.total,
 * and when present firing {accepted, fired, latenessMs.p50/p99} and replicationLag.lagMs.p99).
 */
public final class RunRecordReader {
    private static final int FIELDS = 7;
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * @throws IllegalArgumentException naming the file and line of the first malformed record or summary
     */
    public List<RunRecord> read(Path runList) throws IOException {
        List<RunRecord> records = new ArrayList<>();
        List<String> lines = Files.readAllLines(runList);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                records.add(parse(line));
            } catch (IllegalArgumentException | IOException bad) {
                throw new IllegalArgumentException(runList + " line " + (i + 1) + ": " + bad.getMessage(), bad);
            }
        }
        return records;
    }

    RunRecord parse(String line) throws IOException {
        String[] fields = line.split("\t", -1);
        if (fields.length != FIELDS) {
            throw new IllegalArgumentException("expected " + FIELDS + " tab-separated fields but found "
                    + fields.length);
        }
        JsonNode summary = mapper.readTree(Path.of(fields[3]).toFile());
        return fromSummary(fields[0], fields[1], Integer.parseInt(fields[2]), summary, Long.parseLong(fields[4]),
                Long.parseLong(fields[5]), Long.parseLong(fields[6]));
    }

    private static RunExtras extras(JsonNode summary) {
        JsonNode firing = summary.get("firing");
        JsonNode lag = summary.path("replicationLag").path("lagMs");
        double lagP99 = lag.path("count").asLong(0) > 0 ? lag.path("p99").asDouble(-1) : -1;
        if (firing == null) {
            return new RunExtras(-1, -1, -1, -1, lagP99);
        }
        JsonNode lateness = firing.path("latenessMs");
        return new RunExtras(lateness.path("p50").asDouble(-1), lateness.path("p99").asDouble(-1),
                firing.path("fired").asLong(-1), firing.path("accepted").asLong(-1), lagP99);
    }

    static RunRecord fromSummary(String scenario, String implementation, int round, JsonNode summary,
                                 long brokerCpuMicros, long maxRssKib, long prefilled) {
        JsonNode messages = summary.has("sent") ? summary.get("sent") : summary.get("consumed");
        if (messages == null || !summary.has("tps") || !summary.path("errors").has("total")) {
            throw new IllegalArgumentException("not a bin/benchmark --json summary (needs tps, sent or consumed, "
                    + "errors.total)");
        }
        boolean sendLatency = "sendRoundTrip".equals(summary.path("latencyKind").asText());
        double p99 = sendLatency ? summary.path("latencyMs").path("p99").asDouble(-1) : -1;
        return new RunRecord(scenario, implementation, round, summary.get("tps").asDouble(), p99, messages.asLong(),
                summary.get("errors").get("total").asLong(), brokerCpuMicros, maxRssKib, prefilled, extras(summary));
    }
}
