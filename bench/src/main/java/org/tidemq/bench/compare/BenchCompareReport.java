package org.tidemq.bench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code BenchCompareReport RUN_LIST}: prints bin/bench-compare's table (see {@link RunRecordReader}). */
public final class BenchCompareReport {
    private BenchCompareReport() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: BenchCompareReport RUN_LIST");
            System.exit(2);
        }
        Path runList = Path.of(args[0]);
        if (!Files.isReadable(runList)) {
            System.err.println("run list " + runList + " does not exist or is not readable");
            System.exit(2);
        }
        try {
            System.out.print(CompareTable.format(new RunRecordReader().read(runList)));
        } catch (IllegalArgumentException | IOException bad) {
            System.err.println("cannot build the table: " + bad.getMessage());
            System.exit(1);
        }
    }
}
