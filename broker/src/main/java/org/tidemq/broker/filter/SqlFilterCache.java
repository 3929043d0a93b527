package org.tidemq.broker.filter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiled SQL92 subscriptions by (consumer group, topic), so an expression is parsed once per subscription and not
 * per pull: a cached entry is reused while the subscription's text is unchanged, and replaced when the group
 * subscribes with a new expression. Failures are cached too, with their message. The table is bounded: past
 * {@link #MAX_ENTRIES} it is cleared and refilled on demand (recompiling is cheap). Thread-safe.
 */
public final class SqlFilterCache {
    static final int MAX_ENTRIES = 8192;

    /** A compiled expression, or why it does not compile. */
    public record Compiled(SqlExpression expression, String error) {
        public boolean ok() {
            return expression != null;
        }
    }

    private record Key(String group, String topic) {
    }

    private record Entry(String text, Compiled compiled) {
    }

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    /** The compiled form of {@code expression} for {@code group}'s subscription to {@code topic}. */
    public Compiled compile(String group, String topic, String expression) {
        Key key = new Key(group, topic);
        Entry cached = entries.get(key);
        if (cached != null && cached.text().equals(expression)) {
            return cached.compiled();
        }
        Compiled compiled = compileNow(expression);
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, new Entry(expression, compiled));
        return compiled;
    }

    /** Compiles without caching (subscription checks). */
    public static Compiled compileNow(String expression) {
        try {
            return new Compiled(SqlParser.compile(expression), null);
        } catch (SqlSyntaxException e) {
            return new Compiled(null, "Invalid SQL92 expression '" + expression + "': " + e.getMessage());
        }
    }

    int size() {
        return entries.size();
    }
}
