package org.tidemq.broker.filter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recursive-descent parser for RocketMQ's SQL92 selector grammar (precedence from loosest to tightest):
 *
 * <pre>
 *  or         := and (OR and)*
 *  and        := equality (AND equality)*
 *  equality   := comparison ( ('=' | '&lt;&gt;') comparison | IS [NOT] NULL )*
 *  comparison := unary ( ('&gt;' | '&gt;=' | '&lt;' | '&lt;=') unary
 *                      | [NOT] (CONTAINS | STARTSWITH | ENDSWITH) string
 *                      | [NOT] BETWEEN unary AND unary
 *                      | [NOT] IN '(' string (',' string)* ')' )*
 *  unary      := '+' unary | '-' unary | NOT unary | primary
 *  primary    := TRUE | FALSE | NULL | integer | decimal | string | property | '(' or ')'
 * </pre>
 *
 * As in RocketMQ, prefix NOT binds tighter than comparisons ({@code NOT a = 1} means {@code (NOT a) = 1}; write
 * {@code NOT (a = 1)}), and the operand checks are RocketMQ's: ordering needs numbers or properties, {@code =} does not
 * take NULL, IN needs a property and string literals, constant BETWEEN bounds must be ascending, and the whole
 * expression must be a condition. Unlike RocketMQ, trailing text after a complete expression is an error rather than
 * being ignored. Not thread-safe; use {@link #compile}.
 */
public final class SqlParser {
    private final List<SqlToken> tokens;
    private final Map<String, Integer> properties = new LinkedHashMap<>();
    private int at;
    private int slots;

    private SqlParser(List<SqlToken> tokens) {
        this.tokens = tokens;
    }

    /**
     * Compiles an SQL92 selector.
     *
     * @throws SqlSyntaxException naming the problem and its position
     */
    public static SqlExpression compile(String expression) throws SqlSyntaxException {
        if (expression == null || expression.isBlank()) {
            throw new SqlSyntaxException("empty SQL92 expression", 0);
        }
        SqlParser parser = new SqlParser(SqlLexer.tokenize(expression));
        SqlNode root = parser.asCondition(parser.or(), parser.peek());
        SqlToken rest = parser.peek();
        if (rest.kind() != SqlToken.Kind.END) {
            throw new SqlSyntaxException("unexpected " + rest.describe() + " after a complete expression",
                    rest.position());
        }
        return new SqlExpression(expression, root, List.copyOf(parser.properties.keySet()), parser.slots);
    }

    private SqlNode or() throws SqlSyntaxException {
        SqlNode left = and();
        while (accept(SqlToken.Kind.OR) != null) {
            SqlToken at = peek();
            left = new SqlNode.Logic(false, asCondition(left, at), asCondition(and(), at));
        }
        return left;
    }

    private SqlNode and() throws SqlSyntaxException {
        SqlNode left = equality();
        while (accept(SqlToken.Kind.AND) != null) {
            SqlToken at = peek();
            left = new SqlNode.Logic(true, asCondition(left, at), asCondition(equality(), at));
        }
        return left;
    }

    private SqlNode equality() throws SqlSyntaxException {
        SqlNode left = comparison();
        while (true) {
            SqlToken token = peek();
            switch (token.kind()) {
                case EQ, NE -> {
                    at++;
                    SqlNode right = comparison();
                    checkEqualOperands(left, right, token);
                    SqlNode equal = comparisonNode(SqlComparison.Operator.EQ, left, right);
                    left = token.kind() == SqlToken.Kind.EQ ? equal : new SqlNode.Not(equal);
                }
                case IS -> {
                    at++;
                    boolean negated = accept(SqlToken.Kind.NOT) != null;
                    expect(SqlToken.Kind.NULL, "NULL after IS");
                    SqlNode isNull = new SqlNode.IsNull(left);
                    left = negated ? new SqlNode.Not(isNull) : isNull;
                }
                default -> {
                    return left;
                }
            }
        }
    }

    private SqlNode comparison() throws SqlSyntaxException {
        SqlNode left = unary();
        while (true) {
            SqlToken token = peek();
            SqlComparison.Operator ordering = switch (token.kind()) {
                case GT -> SqlComparison.Operator.GT;
                case GE -> SqlComparison.Operator.GE;
                case LT -> SqlComparison.Operator.LT;
                case LE -> SqlComparison.Operator.LE;
                default -> null;
            };
            if (ordering != null) {
                at++;
                SqlNode right = unary();
                checkOrderable(left, token);
                checkOrderable(right, token);
                left = comparisonNode(ordering, left, right);
                continue;
            }
            boolean negated = false;
            if (token.kind() == SqlToken.Kind.NOT && isPostfixKeyword(peekAfter().kind())) {
                at++;
                negated = true;
                token = peek();
            } else if (!isPostfixKeyword(token.kind())) {
                return left;
            }
            at++;
            left = switch (token.kind()) {
                case CONTAINS -> new SqlNode.StringMatch(left, SqlNode.StringMatch.Mode.CONTAINS,
                        string("CONTAINS"), negated);
                case STARTSWITH -> new SqlNode.StringMatch(left, SqlNode.StringMatch.Mode.STARTSWITH,
                        string("STARTSWITH"), negated);
                case ENDSWITH -> new SqlNode.StringMatch(left, SqlNode.StringMatch.Mode.ENDSWITH,
                        string("ENDSWITH"), negated);
                case BETWEEN -> between(left, negated, token);
                default -> in(left, negated, token);
            };
        }
    }

    private static boolean isPostfixKeyword(SqlToken.Kind kind) {
        return kind == SqlToken.Kind.CONTAINS || kind == SqlToken.Kind.STARTSWITH || kind == SqlToken.Kind.ENDSWITH
                || kind == SqlToken.Kind.BETWEEN || kind == SqlToken.Kind.IN;
    }

    private SqlNode between(SqlNode value, boolean negated, SqlToken token) throws SqlSyntaxException {
        SqlNode low = unary();
        expect(SqlToken.Kind.AND, "AND between the BETWEEN bounds");
        SqlNode high = unary();
        if (!negated && low instanceof SqlNode.Constant lowConstant && high instanceof SqlNode.Constant highConstant) {
            if (lowConstant.constantKind() == SqlValue.Kind.NULL || highConstant.constantKind() == SqlValue.Kind.NULL) {
                throw new SqlSyntaxException("BETWEEN bounds must not be NULL", token.position());
            }
            if (lowConstant.isNumber() && highConstant.isNumber()
                    && lowConstant.numericValue() > highConstant.numericValue()) {
                throw new SqlSyntaxException("BETWEEN lower bound " + low + " is greater than upper bound " + high,
                        token.position());
            }
        }
        checkOrderable(value, token);
        checkOrderable(low, token);
        checkOrderable(high, token);
        if (negated) {
            return new SqlNode.Logic(false, comparisonNode(SqlComparison.Operator.LT, value, low),
                    comparisonNode(SqlComparison.Operator.GT, value, high));
        }
        return new SqlNode.Logic(true, comparisonNode(SqlComparison.Operator.GE, value, low),
                comparisonNode(SqlComparison.Operator.LE, value, high));
    }

    private SqlNode in(SqlNode property, boolean negated, SqlToken token) throws SqlSyntaxException {
        if (property.category() != SqlNode.Category.PROPERTY) {
            throw new SqlSyntaxException("IN needs a property on its left, got " + property, token.position());
        }
        expect(SqlToken.Kind.LPAREN, "'(' after IN");
        List<String> values = new ArrayList<>();
        values.add(string("IN ("));
        while (accept(SqlToken.Kind.COMMA) != null) {
            values.add(string("','"));
        }
        expect(SqlToken.Kind.RPAREN, "')' closing the IN list");
        return new SqlNode.In(property, values, negated);
    }

    private SqlNode unary() throws SqlSyntaxException {
        SqlToken token = peek();
        switch (token.kind()) {
            case PLUS -> {
                at++;
                return unary();
            }
            case MINUS -> {
                at++;
                return new SqlNode.Negate(unary());
            }
            case NOT -> {
                at++;
                SqlToken operandAt = peek();
                return new SqlNode.Not(asCondition(unary(), operandAt));
            }
            default -> {
                return primary();
            }
        }
    }

    private SqlNode primary() throws SqlSyntaxException {
        SqlToken token = peek();
        at++;
        return switch (token.kind()) {
            case TRUE -> SqlNode.Constant.ofBoolean(true);
            case FALSE -> SqlNode.Constant.ofBoolean(false);
            case NULL -> SqlNode.Constant.ofNull();
            case STRING -> SqlNode.Constant.ofString(token.text());
            case INTEGER -> integer(token);
            case DECIMAL -> decimal(token);
            case IDENTIFIER -> new SqlNode.Property(token.text(),
                    properties.computeIfAbsent(token.text(), name -> properties.size()));
            case LPAREN -> {
                SqlNode inner = or();
                expect(SqlToken.Kind.RPAREN, "')'");
                yield inner;
            }
            default -> throw new SqlSyntaxException("expected a value, property or '(' but found "
                    + token.describe(), token.position());
        };
    }

    private static SqlNode integer(SqlToken token) throws SqlSyntaxException {
        String digits = token.text();
        try {
            return SqlNode.Constant.ofInteger(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            throw new SqlSyntaxException("integer " + digits + " is out of the long range", token.position());
        }
    }

    private static SqlNode decimal(SqlToken token) throws SqlSyntaxException {
        double value = Double.parseDouble(token.text());
        if (Double.isInfinite(value)) {
            throw new SqlSyntaxException("decimal " + token.text() + " is greater than " + Double.MAX_VALUE,
                    token.position());
        }
        if (value == 0 && !token.text().matches("[0.]*([eE].*)?")) {
            throw new SqlSyntaxException("decimal " + token.text() + " is smaller than " + Double.MIN_VALUE,
                    token.position());
        }
        return SqlNode.Constant.ofDouble(value);
    }

    private SqlNode comparisonNode(SqlComparison.Operator operator, SqlNode left, SqlNode right) {
        int leftSlot = slots++;
        int rightSlot = slots++;
        return new SqlComparison(operator, left, right, leftSlot, rightSlot);
    }

    /** RocketMQ's asBooleanExpression: conditions pass, a property becomes a boolean cast, anything else fails. */
    private SqlNode asCondition(SqlNode node, SqlToken where) throws SqlSyntaxException {
        if (node.isBoolean()) {
            return node;
        }
        if (node.category() == SqlNode.Category.PROPERTY) {
            return new SqlNode.BooleanCast(node);
        }
        throw new SqlSyntaxException("expression " + node + " is not a condition (true/false)", where.position());
    }

    private static void checkOrderable(SqlNode operand, SqlToken operator) throws SqlSyntaxException {
        boolean constantNumber = operand instanceof SqlNode.Constant constant && constant.isNumber();
        if (operand.isBoolean() || operand.category() == SqlNode.Category.CONSTANT && !constantNumber) {
            throw new SqlSyntaxException("value " + operand + " cannot be compared with '" + operator.text()
                    + "' (only numbers and properties)", operator.position());
        }
    }

    private static void checkEqualOperands(SqlNode left, SqlNode right, SqlToken operator) throws SqlSyntaxException {
        for (SqlNode operand : List.of(left, right)) {
            if (operand.category() == SqlNode.Category.CONSTANT && operand.constantKind() == SqlValue.Kind.NULL) {
                throw new SqlSyntaxException("NULL cannot be compared with '" + operator.text()
                        + "' (use IS NULL / IS NOT NULL)", operator.position());
            }
        }
        if (left.category() == SqlNode.Category.CONSTANT && right.category() == SqlNode.Category.CONSTANT
                && left.constantKind() == SqlValue.Kind.BOOLEAN && right.constantKind() != SqlValue.Kind.BOOLEAN) {
            throw new SqlSyntaxException(left + " cannot be compared with " + right, operator.position());
        }
    }

    private String string(String after) throws SqlSyntaxException {
        SqlToken token = peek();
        if (token.kind() != SqlToken.Kind.STRING) {
            throw new SqlSyntaxException("expected a string literal after " + after + " but found "
                    + token.describe(), token.position());
        }
        at++;
        return token.text();
    }

    private void expect(SqlToken.Kind kind, String what) throws SqlSyntaxException {
        SqlToken token = peek();
        if (token.kind() != kind) {
            throw new SqlSyntaxException("expected " + what + " but found " + token.describe(), token.position());
        }
        at++;
    }

    private SqlToken accept(SqlToken.Kind kind) {
        SqlToken token = peek();
        if (token.kind() == kind) {
            at++;
            return token;
        }
        return null;
    }

    private SqlToken peek() {
        return tokens.get(Math.min(at, tokens.size() - 1));
    }

    private SqlToken peekAfter() {
        return tokens.get(Math.min(at + 1, tokens.size() - 1));
    }
}
