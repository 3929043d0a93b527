package org.tidemq.broker.filter;

/**
 * {@code =}, {@code >}, {@code >=}, {@code <}, {@code <=} with RocketMQ 5.2.0's typing rules. Property values are
 * strings; compared with a number they are converted to that number's type ({@code Integer.valueOf} semantics for an
 * int literal, {@code Long.valueOf} for a long, {@code Double.valueOf} for a decimal), and a value that does not
 * convert is an ERROR (no match), e.g. {@code '5.5' > 5}. Two strings are equal byte for byte; ordered, both must be
 * numbers (compared as doubles). A string compared with TRUE/FALSE is true only for {@code true} in any case. Other
 * mixed kinds are simply unequal.
 *
 * <p>NULL rules: ordering with an absent value is unknown; {@code absent = x} is unknown, {@code x = absent} is FALSE
 * and {@code absent = absent} is TRUE (RocketMQ's equality, kept for identical results).
 */
final class SqlComparison extends SqlNode {
    /** Result of {@link #compare} when the operands cannot be compared. */
    static final int INCOMPARABLE = Integer.MIN_VALUE;

    enum Operator {
        EQ("="), GT(">"), GE(">="), LT("<"), LE("<=");

        final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }
    }

    private final Operator operator;
    private final SqlNode left;
    private final SqlNode right;
    private final int leftSlot;
    private final int rightSlot;

    /** @param leftSlot,rightSlot distinct context slots this node may use for its operands */
    SqlComparison(Operator operator, SqlNode left, SqlNode right, int leftSlot, int rightSlot) {
        this.operator = operator;
        this.left = left;
        this.right = right;
        this.leftSlot = leftSlot;
        this.rightSlot = rightSlot;
    }

    @Override
    void evaluate(SqlContext context, SqlValue out) {
        SqlValue l = context.slot(leftSlot);
        left.evaluate(context, l);
        if (l.isError()) {
            out.setError();
            return;
        }
        if (operator != Operator.EQ && l.isNull()) {
            out.setNull();
            return;
        }
        SqlValue r = context.slot(rightSlot);
        right.evaluate(context, r);
        if (r.isError()) {
            out.setError();
            return;
        }
        if (l.isNull() || r.isNull()) {
            if (operator != Operator.EQ) {
                out.setNull();
            } else if (l.isNull() && r.isNull()) {
                out.setBoolean(true);
            } else if (l.isNull()) {
                out.setNull();
            } else {
                out.setBoolean(false);
            }
            return;
        }
        int order = operator != Operator.EQ && l.kind() == SqlValue.Kind.STRING && r.kind() == SqlValue.Kind.STRING
                ? compareAsDoubles(l, r) : compare(l, r);
        if (order == INCOMPARABLE) {
            out.setError();
            return;
        }
        out.setBoolean(switch (operator) {
            case EQ -> order == 0;
            case GT -> order > 0;
            case GE -> order >= 0;
            case LT -> order < 0;
            case LE -> order <= 0;
        });
    }

    private static int compareAsDoubles(SqlValue l, SqlValue r) {
        if (!NumberText.isDouble(l) || !NumberText.isDouble(r)) {
            return INCOMPARABLE;
        }
        return Double.compare(Double.parseDouble(l.text()), Double.parseDouble(r.text()));
    }

    /** Orders two non-null values as RocketMQ does (sign only), or {@link #INCOMPARABLE}. */
    static int compare(SqlValue l, SqlValue r) {
        SqlValue.Kind lk = l.kind();
        SqlValue.Kind rk = r.kind();
        if (lk == rk) {
            return switch (lk) {
                case BOOLEAN -> Boolean.compare(l.bool(), r.bool());
                case INT, LONG -> Long.compare(l.integral(), r.integral());
                case DOUBLE -> Double.compare(l.real(), r.real());
                case STRING -> l.sameString(r) ? 0 : 1;
                default -> INCOMPARABLE;
            };
        }
        return switch (lk) {
            case BOOLEAN -> rk == SqlValue.Kind.STRING ? INCOMPARABLE : -1;
            case INT, LONG -> switch (rk) {
                case INT, LONG -> Long.compare(l.integral(), r.integral());
                case DOUBLE -> Double.compare(l.integral(), r.real());
                case STRING -> compareIntegral(l.integral(), r, lk, false);
                default -> -1;
            };
            case DOUBLE -> switch (rk) {
                case INT, LONG -> Double.compare(l.real(), r.integral());
                case STRING -> NumberText.isDouble(r) ? Double.compare(l.real(), Double.parseDouble(r.text()))
                        : INCOMPARABLE;
                default -> -1;
            };
            case STRING -> switch (rk) {
                case BOOLEAN -> Boolean.compare(Bytes.parseBoolean(l.bytes(), l.offset(), l.length()), r.bool());
                case INT, LONG -> compareIntegral(r.integral(), l, rk, true);
                case DOUBLE -> NumberText.isDouble(l) ? Double.compare(Double.parseDouble(l.text()), r.real())
                        : INCOMPARABLE;
                default -> -1;
            };
            default -> INCOMPARABLE;
        };
    }

    /** Compares a number with a string converted to the number's integral kind. */
    private static int compareIntegral(long number, SqlValue text, SqlValue.Kind kind, boolean textOnLeft) {
        boolean isInt = kind == SqlValue.Kind.INT;
        long converted = Bytes.parseLong(text.bytes(), text.offset(), text.length(),
                isInt ? Integer.MIN_VALUE : Long.MIN_VALUE + 1, isInt ? Integer.MAX_VALUE : Long.MAX_VALUE);
        if (converted == Bytes.NOT_A_NUMBER) {
            return INCOMPARABLE;
        }
        return textOnLeft ? Long.compare(converted, number) : Long.compare(number, converted);
    }

    @Override
    Category category() {
        return Category.BOOLEAN;
    }

    @Override
    public String toString() {
        return "(" + left + " " + operator.symbol + " " + right + ")";
    }
}
