package org.tidemq.broker.filter;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A compiled SQL92 selector. Immutable and thread-safe; each evaluating thread uses its own {@link #newContext()}.
 */
public final class SqlExpression {
    private final String text;
    private final SqlNode root;
    private final List<String> propertyNames;
    private final int slotCount;

    SqlExpression(String text, SqlNode root, List<String> propertyNames, int slotCount) {
        this.text = text;
        this.root = root;
        this.propertyNames = propertyNames;
        this.slotCount = slotCount;
    }

    /** The expression as written. */
    public String text() {
        return text;
    }

    /** The distinct property names the expression reads, in order of first use. */
    public List<String> propertyNames() {
        return propertyNames;
    }

    /** Fresh per-thread evaluation state; reuse it for many records. */
    SqlContext newContext() {
        return new SqlContext(propertyNames, slotCount);
    }

    /** Outcome of one evaluation; only {@link #TRUE} matches. */
    public enum Result {
        TRUE, FALSE,
        /** SQL's unknown, e.g. a comparison with an absent property. */
        UNKNOWN,
        /** What RocketMQ's evaluator throws on (a property that does not convert to a number), or a bad record. */
        ERROR
    }

    /**
     * Evaluates against the stored record between {@code record}'s position and limit. Never throws; allocates only
     * to convert a property to a decimal number.
     */
    Result evaluate(SqlContext context, ByteBuffer record, SqlValue scratch) {
        if (!context.bind(record)) {
            return Result.ERROR;
        }
        root.evaluate(context, scratch);
        return switch (scratch.kind()) {
            case BOOLEAN -> scratch.bool() ? Result.TRUE : Result.FALSE;
            case NULL -> Result.UNKNOWN;
            default -> Result.ERROR;
        };
    }

    /** The parsed tree with explicit parentheses, for logs and tests. */
    @Override
    public String toString() {
        return root.toString();
    }
}
