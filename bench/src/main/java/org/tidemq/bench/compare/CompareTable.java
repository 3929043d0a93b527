package org.tidemq.bench.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The side-by-side table: one row per scenario (in the order the runs were recorded), TideMQ and Apache figures and
 * the ratio TideMQ/Apache. Runs of TideMQ with its own client get an extra row, compared with the Apache row of the
 * same scenario. A missing or non-positive figure prints as "-", and so does a ratio involving one.
 */
public final class CompareTable {
    private static final String[] HEADER = {"scenario", "TideMQ TPS", "Apache TPS", "TPS T/A", "TideMQ p99 ms",
            "Apache p99 ms", "p99 T/A", "RSS MiB T / A", "RSS T/A", "CPU us/msg T / A", "CPU T/A", "errors T / A"};

    private CompareTable() {
    }

    /** Formats the table; a {@code *} after a consumer TPS means it read everything pre-filled (a lower bound). */
    public static String format(List<RunRecord> runs) {
        Map<String, Map<String, List<RunRecord>>> byScenario = runs.stream().collect(Collectors.groupingBy(
                RunRecord::scenario, LinkedHashMap::new, Collectors.groupingBy(RunRecord::implementation)));
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        byScenario.forEach((scenario, byImplementation) -> {
            ScenarioFigures apache = figures(byImplementation, RunRecord.APACHE);
            ScenarioFigures tidemq = figures(byImplementation, RunRecord.TIDEMQ);
            if (tidemq != null || apache != null) {
                rows.add(row(scenario, tidemq, apache));
            }
            ScenarioFigures ownClient = figures(byImplementation, RunRecord.TIDEMQ_OWN_CLIENT);
            if (ownClient != null) {
                rows.add(row(scenario + " [TideMQ client]", ownClient, apache));
            }
        });
        return render(rows) + notes(byScenario);
    }

    /**
     * One line per scenario with timer or replication figures: means over rounds of the firing lateness p50/p99 and
     * the replication lag p99, fired/accepted summed, per implementation.
     */
    private static String notes(Map<String, Map<String, List<RunRecord>>> byScenario) {
        StringBuilder notes = new StringBuilder();
        byScenario.forEach((scenario, byImplementation) -> {
            List<String> firing = new ArrayList<>();
            List<String> lag = new ArrayList<>();
            for (String implementation : List.of(RunRecord.TIDEMQ, RunRecord.APACHE, RunRecord.TIDEMQ_OWN_CLIENT)) {
                List<RunRecord> runs = byImplementation.getOrDefault(implementation, List.of());
                List<RunExtras> withFiring = runs.stream().map(RunRecord::extras).filter(RunExtras::hasFiring)
                        .toList();
                if (!withFiring.isEmpty()) {
                    firing.add(String.format(Locale.ROOT, "%s %s / %s (fired %d of %d)", label(implementation),
                            number(mean(withFiring, RunExtras::latenessP50Ms), "%.1f"),
                            number(mean(withFiring, RunExtras::latenessP99Ms), "%.1f"),
                            withFiring.stream().mapToLong(RunExtras::fired).sum(),
                            withFiring.stream().mapToLong(RunExtras::accepted).sum()));
                }
                List<RunExtras> withLag = runs.stream().map(RunRecord::extras).filter(RunExtras::hasLag).toList();
                if (!withLag.isEmpty()) {
                    lag.add(label(implementation) + " " + String.format(Locale.ROOT, "%.1f",
                            mean(withLag, RunExtras::lagP99Ms)));
                }
            }
            if (!firing.isEmpty()) {
                notes.append(scenario).append(": firing lateness p50 / p99 ms: ").append(String.join(", ", firing))
                        .append('\n');
            }
            if (!lag.isEmpty()) {
                notes.append(scenario).append(": replication lag p99 ms: ").append(String.join(", ", lag))
                        .append('\n');
            }
        });
        return notes.toString();
    }

    private static String label(String implementation) {
        return switch (implementation) {
            case RunRecord.TIDEMQ -> "TideMQ";
            case RunRecord.APACHE -> "Apache";
            default -> "TideMQ [own client]";
        };
    }

    private static double mean(List<RunExtras> extras, ToDoubleFunction<RunExtras> getter) {
        return extras.stream().mapToDouble(getter).average().orElse(-1);
    }

    static String ratio(double tidemq, double apache) {
        return tidemq > 0 && apache > 0 ? String.format(Locale.ROOT, "%.2f", tidemq / apache) : "-";
    }

    private static ScenarioFigures figures(Map<String, List<RunRecord>> byImplementation, String implementation) {
        List<RunRecord> runs = byImplementation.get(implementation);
        return runs == null ? null : ScenarioFigures.of(runs);
    }

    private static String[] row(String scenario, ScenarioFigures tidemq, ScenarioFigures apache) {
        return new String[] {
            scenario,
            tps(tidemq), tps(apache), ratio(value(tidemq, ScenarioFigures::meanTps), value(apache, ScenarioFigures::meanTps)),
            number(value(tidemq, ScenarioFigures::meanP99Ms), "%.2f"), number(value(apache, ScenarioFigures::meanP99Ms), "%.2f"),
            ratio(value(tidemq, ScenarioFigures::meanP99Ms), value(apache, ScenarioFigures::meanP99Ms)),
            number(value(tidemq, ScenarioFigures::maxRssMib), "%.0f") + " / "
                    + number(value(apache, ScenarioFigures::maxRssMib), "%.0f"),
            ratio(value(tidemq, ScenarioFigures::maxRssMib), value(apache, ScenarioFigures::maxRssMib)),
            number(value(tidemq, ScenarioFigures::cpuMicrosPerMessage), "%.1f") + " / "
                    + number(value(apache, ScenarioFigures::cpuMicrosPerMessage), "%.1f"),
            ratio(value(tidemq, ScenarioFigures::cpuMicrosPerMessage), value(apache, ScenarioFigures::cpuMicrosPerMessage)),
            (tidemq == null ? "-" : Long.toString(tidemq.errors())) + " / "
                    + (apache == null ? "-" : Long.toString(apache.errors()))
        };
    }

    private static String tps(ScenarioFigures figures) {
        if (figures == null) {
            return "-";
        }
        return number(figures.meanTps(), "%.0f") + (figures.anyCaughtUp() ? "*" : "");
    }

    private static double value(ScenarioFigures figures, ToDoubleFunction<ScenarioFigures> getter) {
        return figures == null ? -1 : getter.applyAsDouble(figures);
    }

    private static String number(double value, String format) {
        return value > 0 ? String.format(Locale.ROOT, format, value) : "-";
    }

    private static String render(List<String[]> rows) {
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            appendRow(out, rows.get(r), widths);
            if (r == 0) {
                String[] rule = new String[widths.length];
                for (int i = 0; i < widths.length; i++) {
                    rule[i] = "-".repeat(widths[i]);
                }
                appendRow(out, rule, widths);
            }
        }
        return out.toString();
    }

    private static void appendRow(StringBuilder out, String[] cells, int[] widths) {
        out.append("| ");
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i];
            String pad = " ".repeat(widths[i] - cell.length());
            out.append(i == 0 ? cell + pad : pad + cell).append(" | ");
        }
        out.setLength(out.length() - 1);
        out.append('\n');
    }
}
