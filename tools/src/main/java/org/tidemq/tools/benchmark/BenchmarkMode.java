package org.tidemq.tools.benchmark;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a run does: the first word of the command line. */
public enum BenchmarkMode {
    PRODUCER("producer", true),
    BATCH_PRODUCER("batchProducer", true),
    /** Each message sent as a half message whose local transaction commits. */
    TRANSACTION_PRODUCER("transactionProducer", true),
    /** Timed (or delay-level) messages, consumed in the same run to measure how late they fire. */
    TIMER_PRODUCER("timerProducer", true),
    CONSUMER("consumer", false);

    private final String commandName;
    private final boolean sends;

    BenchmarkMode(String commandName, boolean sends) {
        this.commandName = commandName;
        this.sends = sends;
    }

    /** The name on the command line and in the JSON summary. */
    public String commandName() {
        return commandName;
    }

    /** Whether the run sends messages (else it consumes them). */
    public boolean sends() {
        return sends;
    }

    /** The mode named {@code name} (case-insensitive). */
    public static BenchmarkMode of(String name) {
        for (BenchmarkMode mode : values()) {
            if (mode.commandName.equalsIgnoreCase(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + name + "', expected one of " + Arrays.stream(values())
                .map(BenchmarkMode::commandName).collect(Collectors.joining(", ")));
    }
}
