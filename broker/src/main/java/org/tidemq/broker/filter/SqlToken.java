package org.tidemq.broker.filter;

/**
 * One lexical token of an SQL92 expression.
 *
 * @param text     the literal's decoded value ({@code ''} unescaped), the identifier, or the operator/keyword text
 * @param position 0-based index of the token's first character in the expression
 */
record SqlToken(Kind kind, String text, int position) {

    enum Kind {
        NOT, AND, OR, BETWEEN, IN, TRUE, FALSE, NULL, IS, CONTAINS, STARTSWITH, ENDSWITH,
        INTEGER, DECIMAL, STRING, IDENTIFIER,
        EQ, NE, GT, GE, LT, LE, LPAREN, RPAREN, COMMA, PLUS, MINUS,
        END
    }

    String describe() {
        return switch (kind) {
            case END -> "end of expression";
            case STRING -> "string '" + text + "'";
            case IDENTIFIER -> "property " + text;
            default -> "'" + text + "'";
        };
    }
}
