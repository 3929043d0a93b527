package org.tidemq.store.index;

/** How RocketMQ names and hashes index keys (facts sheet §7.3). */
public final class IndexKeys {

    private static final String TOPIC_KEY_SEPARATOR = "#";

    private IndexKeys() {
    }

    /** The stored key for a message key or UNIQ_KEY of {@code topic}. */
    public static String indexKey(String topic, String key) {
        return topic + TOPIC_KEY_SEPARATOR + key;
    }

    /** |String.hashCode()|; the one value whose absolute value overflows ({@code Integer.MIN_VALUE}) maps to 0. */
    public static int hash(String indexKey) {
        int abs = Math.abs(indexKey.hashCode());
        return abs < 0 ? 0 : abs;
    }
}
