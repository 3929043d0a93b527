package org.tidemq.broker.filter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A node of a compiled SQL92 expression. Nodes are immutable and shared by every thread; per-evaluation state lives
 * in the {@link SqlContext} ({@link SqlValue} slots and the bound record). {@link #evaluate} never throws and never
 * allocates: failures are {@link SqlValue.Kind#ERROR} results.
 *
 * <p>Boolean nodes produce BOOLEAN, NULL (unknown, SQL three-valued logic) or ERROR.
 */
abstract class SqlNode {

    /** What the parser may combine this node with (RocketMQ's compile-time operand checks). */
    enum Category { BOOLEAN, PROPERTY, CONSTANT, ARITHMETIC }

    abstract void evaluate(SqlContext context, SqlValue out);

    abstract Category category();

    /** The constant's kind, for CONSTANT nodes. */
    SqlValue.Kind constantKind() {
        return null;
    }

    /** Whether RocketMQ treats this node as a boolean expression (TRUE/FALSE/NULL literals included). */
    final boolean isBoolean() {
        return category() == Category.BOOLEAN || category() == Category.CONSTANT
                && (constantKind() == SqlValue.Kind.BOOLEAN || constantKind() == SqlValue.Kind.NULL);
    }

    /** A literal. */
    static final class Constant extends SqlNode {
        private final SqlValue.Kind kind;
        private final boolean bool;
        private final long integral;
        private final double real;
        private final ByteBuffer text;
        private final String shown;

        private Constant(SqlValue.Kind kind, boolean bool, long integral, double real, String text, String shown) {
            this.kind = kind;
            this.bool = bool;
            this.integral = integral;
            this.real = real;
            this.text = text == null ? null : ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
            this.shown = shown;
        }

        static Constant ofNull() {
            return new Constant(SqlValue.Kind.NULL, false, 0, 0, null, "NULL");
        }

        static Constant ofBoolean(boolean value) {
            return new Constant(SqlValue.Kind.BOOLEAN, value, 0, 0, null, value ? "TRUE" : "FALSE");
        }

        static Constant ofInteger(long value) {
            boolean fitsInt = value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
            return new Constant(fitsInt ? SqlValue.Kind.INT : SqlValue.Kind.LONG, false, value, 0, null,
                    Long.toString(value));
        }

        static Constant ofDouble(double value) {
            return new Constant(SqlValue.Kind.DOUBLE, false, 0, value, null, Double.toString(value));
        }

        static Constant ofString(String value) {
            return new Constant(SqlValue.Kind.STRING, false, 0, 0, value, "'" + value.replace("'", "''") + "'");
        }

        boolean isNumber() {
            return kind == SqlValue.Kind.INT || kind == SqlValue.Kind.LONG || kind == SqlValue.Kind.DOUBLE;
        }

        /** Numeric value as a double, for the parse-time BETWEEN range check. */
        double numericValue() {
            return kind == SqlValue.Kind.DOUBLE ? real : integral;
        }

        @Override
        void evaluate(SqlContext context, SqlValue out) {
            switch (kind) {
                case NULL -> out.setNull();
                case BOOLEAN -> out.setBoolean(bool);
                case INT -> out.setInt((int) integral);
                case LONG -> out.setLong(integral);
                case DOUBLE -> out.setDouble(real);
                default -> out.setString(text, 0, text.limit());
            }
        }

        @Override
        Category category() {
            return Category.CONSTANT;
        }

        @Override
        SqlValue.Kind constantKind() {
            return kind;
        }

        @Override
        public String toString() {
            return shown;
        }
    }

    /** A message property, by its index in the context's property table; absent properties are NULL. */
    static final class Property extends SqlNode {
        private final String name;
        private final int index;

        Property(String name, int index) {
            this.name = name;
            this.index = index;
        }

        @Override
        void evaluate(SqlContext context, SqlValue out) {
            context.property(index, out);
        }

        @Override
        Category category() {
            return Category.PROPERTY;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Unary minus: numbers are negated, anything else is NULL. */
    static final class Negate extends SqlNode {
        private final SqlNode operand;

        Negate(SqlNode operand) {
            this.operand = operand;
        }

        @Override
        void evaluate(SqlContext context, SqlValue out) {
            operand.evaluate(context, out);
            switch (out.kind()) {
                case ERROR, NULL -> { }
                case INT -> out.setInt(-(int) out.integral());
                case LONG -> out.setLong(-out.integral());
                case DOUBLE -> out.setDouble(-out.real());
                default -> out.setNull();
            }
        }

        @Override
        Category category() {
            return Category.ARITHMETIC;
        }

        @Override
        public String toString() {
            return "-" + operand;
        }
    }

    /** A property used as a condition: TRUE only if its value is a boolean TRUE, which strings never are. */
    static final class BooleanCast extends SqlNode {
        private final SqlNode operand;

        BooleanCast(SqlNode operand) {
            this.operand = operand;
        }

        @Override
        void evaluate(SqlContext context, SqlValue out) {
            operand.evaluate(context, out);
            if (!out.isNull() && !out.isError() && out.kind() != SqlValue.Kind.BOOLEAN) {
                out.setBoolean(false);
            }
        }

        @Override
        Category category() {
            return Category.BOOLEAN;
        }

        @Override
        public String toString() {
            return operand.toString();
        }
    }

    /** NOT: unknown stays unknown. */
    static final class Not extends SqlNode {
        private final SqlNode operand;

        Not(SqlNode operand) {
            this.operand = operand;
        }

        @Override
        void evaluate(SqlContext context, SqlValue out) {
            operand.evaluate(context, out);
            if (out.kind() == SqlValue.Kind.BOOLEAN) {
                out.setBoolean(!out.bool());
            }
        }

        @Override
        Category category() {
            return Category.BOOLEAN;
        }

        @Override
        public String toString() {
            return "(NOT " + operand + ")";
        }
    }

    /** AND / OR with SQL three-valued logic, left to right, stopping as soon as the result is known. */
    static final class Logic extends SqlNode {
        private final boolean and;
        private final SqlNode left;
        private final SqlNode right;

        Logic(boolean and, SqlNode left, SqlNode right) {
            this.and = and;
            this.left = left;
            this.right = right;
        }

        @Override
        void evaluate(SqlContext context, SqlValue out) {
            left.evaluate(context, out);
            if (out.isError()) {
                return;
            }
            boolean decisive = !and;
            if (out.kind() == SqlValue.Kind.BOOLEAN && out.bool() == decisive) {
                return;
            }
            boolean leftUnknown = out.isNull();
            right.evaluate(context, out);
            if (out.isError() || out.kind() == SqlValue.Kind.BOOLEAN && out.bool() == decisive) {
                return;
            }
            if (leftUnknown || out.isNull()) {
                out.setNull();
            } else {
                out.setBoolean(!decisive);
            }
        }

        @Override
        Category category() {
            return Category.BOOLEAN;
        }

        @Override
        public String toString() {
            return "(" + left + (and ? " AND " : " OR ") + right + ")";
        }
    }

    /** {@code x IS NULL}: TRUE when the value is absent. */
    static final class IsNull extends SqlNode {
        private final SqlNode operand;

        IsNull(SqlNode operand) {
            this.operand = operand;
        }

        @Override
        void evaluate(SqlContext context, SqlValue out) {
            operand.evaluate(context, out);
            if (!out.isError()) {
                out.setBoolean(out.isNull());
            }
        }

        @Override
        Category category() {
            return Category.BOOLEAN;
        }

        @Override
        public String toString() {
            return "(" + operand + " IS NULL)";
        }
    }

    /** {@code p [NOT] IN ('a', 'b')} on a property: unknown when the property is absent. */
    static final class In extends SqlNode {
        private final SqlNode property;
        private final byte[][] values;
        private final boolean negated;
        private final List<String> shown;

        In(SqlNode property, List<String> values, boolean negated) {
            this.property = property;
            this.values = values.stream().map(v -> v.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
            this.negated = negated;
            this.shown = List.copyOf(values);
        }

        @Override
        void evaluate(SqlContext context, SqlValue out) {
            property.evaluate(context, out);
            if (out.isError()) {
                return;
            }
            if (out.kind() != SqlValue.Kind.STRING) {
                out.setNull();
                return;
            }
            boolean found = false;
            for (byte[] value : values) {
                if (value.length == out.length()
                        && Bytes.equalRegion(out.bytes(), out.offset(), value, 0, value.length)) {
                    found = true;
                    break;
                }
            }
            out.setBoolean(found ^ negated);
        }

        @Override
        Category category() {
            return Category.BOOLEAN;
        }

        @Override
        public String toString() {
            return "(" + property + (negated ? " NOT IN " : " IN ") + shown + ")";
        }
    }

    /**
     * {@code x [NOT] CONTAINS|STARTSWITH|ENDSWITH 'text'}: FALSE (never unknown) when the value is absent or not a
     * string, and FALSE for an empty search text, in both the plain and the NOT form (as RocketMQ does).
     */
    static final class StringMatch extends SqlNode {
        enum Mode { CONTAINS, STARTSWITH, ENDSWITH }

        private final SqlNode operand;
        private final Mode mode;
        private final byte[] search;
        private final boolean negated;

        StringMatch(SqlNode operand, Mode mode, String search, boolean negated) {
            this.operand = operand;
            this.mode = mode;
            this.search = search.getBytes(StandardCharsets.UTF_8);
            this.negated = negated;
        }

        @Override
        void evaluate(SqlContext context, SqlValue out) {
            operand.evaluate(context, out);
            if (out.isError()) {
                return;
            }
            if (search.length == 0 || out.kind() != SqlValue.Kind.STRING) {
                out.setBoolean(false);
                return;
            }
            int length = out.length();
            boolean matched = search.length <= length && switch (mode) {
                case CONTAINS -> Bytes.indexOf(out.bytes(), out.offset(), length, search) >= 0;
                case STARTSWITH -> Bytes.equalRegion(out.bytes(), out.offset(), search, 0, search.length);
                case ENDSWITH -> Bytes.equalRegion(out.bytes(), out.offset() + length - search.length, search, 0,
                        search.length);
            };
            out.setBoolean(matched ^ negated);
        }

        @Override
        Category category() {
            return Category.BOOLEAN;
        }

        @Override
        public String toString() {
            return "(" + operand + (negated ? " NOT " : " ") + mode + " '"
                    + new String(search, StandardCharsets.UTF_8) + "')";
        }
    }
}
