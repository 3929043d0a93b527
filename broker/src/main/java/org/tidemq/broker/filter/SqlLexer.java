package org.tidemq.broker.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits an SQL92 selector into tokens, with RocketMQ's lexical rules: keywords are case-insensitive, identifiers
 * are {@code [A-Za-z_$][A-Za-z0-9_$]*} (case-sensitive), strings are single-quoted with {@code ''} for a quote,
 * {@code --} comments run to the end of the line and {@code /* *}{@code /} comments may span lines. Integers may
 * carry an {@code L} suffix; decimals are {@code 1.5}, {@code 1.}, {@code .5} or have an exponent ({@code 1e3}).
 * Unlike RocketMQ, a number glued to letters ({@code 1f}, {@code 0x10}) or written with leading zeros ({@code 007})
 * is refused instead of being silently cut short.
 */
final class SqlLexer {
    private static final Map<String, SqlToken.Kind> KEYWORDS = Map.ofEntries(
            Map.entry("NOT", SqlToken.Kind.NOT), Map.entry("AND", SqlToken.Kind.AND),
            Map.entry("OR", SqlToken.Kind.OR), Map.entry("BETWEEN", SqlToken.Kind.BETWEEN),
            Map.entry("IN", SqlToken.Kind.IN), Map.entry("TRUE", SqlToken.Kind.TRUE),
            Map.entry("FALSE", SqlToken.Kind.FALSE), Map.entry("NULL", SqlToken.Kind.NULL),
            Map.entry("IS", SqlToken.Kind.IS), Map.entry("CONTAINS", SqlToken.Kind.CONTAINS),
            Map.entry("STARTSWITH", SqlToken.Kind.STARTSWITH), Map.entry("ENDSWITH", SqlToken.Kind.ENDSWITH));

    private final String text;
    private int at;

    private SqlLexer(String text) {
        this.text = text;
    }

    /** All tokens of {@code text}, ending with an {@link SqlToken.Kind#END} token. */
    static List<SqlToken> tokenize(String text) throws SqlSyntaxException {
        SqlLexer lexer = new SqlLexer(text);
        List<SqlToken> tokens = new ArrayList<>();
        SqlToken token;
        do {
            token = lexer.next();
            tokens.add(token);
        } while (token.kind() != SqlToken.Kind.END);
        return tokens;
    }

    private SqlToken next() throws SqlSyntaxException {
        skipBlanksAndComments();
        if (at >= text.length()) {
            return new SqlToken(SqlToken.Kind.END, "", at);
        }
        int start = at;
        char c = text.charAt(at);
        if (isIdentifierStart(c)) {
            return word(start);
        }
        if (isDigit(c) || (c == '.' && at + 1 < text.length() && isDigit(text.charAt(at + 1)))) {
            return number(start);
        }
        if (c == '\'') {
            return string(start);
        }
        at++;
        return switch (c) {
            case '=' -> new SqlToken(SqlToken.Kind.EQ, "=", start);
            case '<' -> {
                if (peek('>')) {
                    yield new SqlToken(SqlToken.Kind.NE, "<>", start);
                }
                yield peek('=') ? new SqlToken(SqlToken.Kind.LE, "<=", start)
                        : new SqlToken(SqlToken.Kind.LT, "<", start);
            }
            case '>' -> peek('=') ? new SqlToken(SqlToken.Kind.GE, ">=", start)
                    : new SqlToken(SqlToken.Kind.GT, ">", start);
            case '(' -> new SqlToken(SqlToken.Kind.LPAREN, "(", start);
            case ')' -> new SqlToken(SqlToken.Kind.RPAREN, ")", start);
            case ',' -> new SqlToken(SqlToken.Kind.COMMA, ",", start);
            case '+' -> new SqlToken(SqlToken.Kind.PLUS, "+", start);
            case '-' -> new SqlToken(SqlToken.Kind.MINUS, "-", start);
            default -> throw new SqlSyntaxException("unexpected character '" + c + "'"
                    + (c == '!' ? " (use <> for not-equal)" : c == '"' ? " (strings use single quotes)" : ""), start);
        };
    }

    private boolean peek(char expected) {
        if (at < text.length() && text.charAt(at) == expected) {
            at++;
            return true;
        }
        return false;
    }

    private void skipBlanksAndComments() throws SqlSyntaxException {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                at++;
            } else if (text.startsWith("--", at)) {
                while (at < text.length() && text.charAt(at) != '\n' && text.charAt(at) != '\r') {
                    at++;
                }
            } else if (text.startsWith("/*", at)) {
                int end = text.indexOf("*/", at + 2);
                if (end < 0) {
                    throw new SqlSyntaxException("unterminated /* comment", at);
                }
                at = end + 2;
            } else {
                return;
            }
        }
    }

    private SqlToken word(int start) {
        while (at < text.length() && isIdentifierPart(text.charAt(at))) {
            at++;
        }
        String word = text.substring(start, at);
        SqlToken.Kind keyword = KEYWORDS.get(word.toUpperCase(Locale.ROOT));
        return keyword != null ? new SqlToken(keyword, word, start)
                : new SqlToken(SqlToken.Kind.IDENTIFIER, word, start);
    }

    private SqlToken number(int start) throws SqlSyntaxException {
        int digitsStart = at;
        skipDigits();
        int integerDigits = at - digitsStart;
        boolean decimal = false;
        if (at < text.length() && text.charAt(at) == '.') {
            decimal = true;
            at++;
            skipDigits();
        }
        if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
            int exponent = at + 1;
            if (exponent < text.length() && (text.charAt(exponent) == '+' || text.charAt(exponent) == '-')) {
                exponent++;
            }
            if (exponent < text.length() && isDigit(text.charAt(exponent))) {
                decimal = true;
                at = exponent;
                skipDigits();
            }
        }
        String number = text.substring(start, at);
        if (!decimal && at < text.length() && (text.charAt(at) == 'l' || text.charAt(at) == 'L')) {
            at++;
        }
        if (at < text.length() && (isIdentifierPart(text.charAt(at)) || text.charAt(at) == '.')) {
            throw new SqlSyntaxException("malformed number '" + text.substring(start, at + 1) + "'", start);
        }
        if (!decimal && integerDigits > 1 && text.charAt(start) == '0') {
            throw new SqlSyntaxException("number '" + number + "' has leading zeros", start);
        }
        return new SqlToken(decimal ? SqlToken.Kind.DECIMAL : SqlToken.Kind.INTEGER, number, start);
    }

    private void skipDigits() {
        while (at < text.length() && isDigit(text.charAt(at))) {
            at++;
        }
    }

    private SqlToken string(int start) throws SqlSyntaxException {
        StringBuilder value = new StringBuilder();
        at++;
        while (true) {
            if (at >= text.length()) {
                throw new SqlSyntaxException("unterminated string literal", start);
            }
            char c = text.charAt(at++);
            if (c == '\'') {
                if (at < text.length() && text.charAt(at) == '\'') {
                    value.append('\'');
                    at++;
                } else {
                    return new SqlToken(SqlToken.Kind.STRING, value.toString(), start);
                }
            } else {
                value.append(c);
            }
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c);
    }
}
