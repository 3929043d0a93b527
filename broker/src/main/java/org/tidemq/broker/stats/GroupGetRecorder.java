package org.tidemq.broker.stats;

/**
 * Told about every pull that returned messages. Called on pull threads, concurrently: implementations must be
 * thread-safe and cheap (no I/O, no locks held long).
 */
@FunctionalInterface
public interface GroupGetRecorder {
    GroupGetRecorder NONE = (group, topic, messages, bytes) -> { };

    void recordGet(String group, String topic, int messages, long bytes);
}
