package org.tidemq.store.config;

/** Validation helpers whose messages name the RocketMQ key at fault. */
final class ConfigChecks {

    private ConfigChecks() {
    }

    static void positive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be > 0, got " + value);
        }
    }

    static void notNegative(String key, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(key + " must be >= 0, got " + value);
        }
    }

    static void percent(String key, int value) {
        if (value < 1 || value > 100) {
            throw new IllegalArgumentException(key + " must be a percentage in 1..100, got " + value);
        }
    }
}
