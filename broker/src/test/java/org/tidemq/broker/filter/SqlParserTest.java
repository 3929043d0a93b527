package org.tidemq.broker.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlParserTest {

    @Test
    void precedenceIsOrThenAndThenEqualityThenComparisonThenUnary() throws Exception {
        assertEquals("((a = 1) OR ((b > 2) AND (c = 'x')))",
                SqlParser.compile("a = 1 OR b > 2 AND c = 'x'").toString());
        assertEquals("(((a = 1) OR (b > 2)) AND (c = 'x'))",
                SqlParser.compile("(a = 1 OR b > 2) AND c = 'x'").toString());
        assertEquals("(((a >= 1) AND (a <= 5)) AND (c = 3))",
                SqlParser.compile("a BETWEEN 1 AND 5 AND c = 3").toString());
        assertEquals("((a < 1) OR (a > 5))", SqlParser.compile("a NOT BETWEEN 1 AND 5").toString());
        assertEquals("(NOT (a = 1))", SqlParser.compile("a <> 1").toString());
        assertEquals("((NOT a) = 1)", SqlParser.compile("NOT a = 1").toString(),
                "prefix NOT binds tighter than '=', as in RocketMQ");
        assertEquals("(NOT (a = 1))", SqlParser.compile("NOT (a = 1)").toString());
        assertEquals("(NOT (a IS NULL))", SqlParser.compile("a IS NOT NULL").toString());
        assertEquals("(a > -5)", SqlParser.compile("a > -5").toString());
        assertEquals("(a > 5)", SqlParser.compile("a > +5").toString());
    }

    @Test
    void keywordsAreCaseInsensitiveIdentifiersAreNot() throws Exception {
        SqlExpression e = SqlParser.compile("A = 1 aNd a = 2 oR b iS nOt NuLl AND c in ('x') and d between 1 and 2");
        assertEquals(List.of("A", "a", "b", "c", "d"), e.propertyNames());
    }

    @Test
    void literalsDecodeAsRocketMq() throws Exception {
        assertEquals("(s = 'it''s')", SqlParser.compile("s = 'it''s'").toString());
        assertEquals("(n = 5)", SqlParser.compile("n = 5L").toString());
        assertEquals("(n = 1000.0)", SqlParser.compile("n = 1e3").toString());
        assertEquals("(n = 0.5)", SqlParser.compile("n = .5").toString());
        assertEquals("(n = 1.0)", SqlParser.compile("n = 1.").toString());
        assertEquals("(n = 3000000000)", SqlParser.compile("n = 3000000000").toString());
        assertEquals("(n = 0.0)", SqlParser.compile("n = 0.0").toString());
        assertEquals("(a$_1 = 1)", SqlParser.compile("a$_1 = 1 -- trailing comment").toString());
        assertEquals("(a = 1)", SqlParser.compile("a /* inline\n comment */ = 1").toString());
        assertEquals("(a CONTAINS 'x')", SqlParser.compile("a CONTAINS 'x'").toString());
        assertEquals("(a NOT ENDSWITH 'x')", SqlParser.compile("a NOT ENDSWITH 'x'").toString());
        assertEquals("(a NOT IN [x, y])", SqlParser.compile("a NOT IN ('x', 'y')").toString());
        assertEquals("TRUE", SqlParser.compile("TRUE").toString());
        assertEquals("a", SqlParser.compile("a").toString(), "a property alone is a boolean cast");
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
        "''|empty SQL92 expression at position 0",
        "'   '|empty SQL92 expression at position 0",
        "a = 'x|unterminated string literal at position 4",
        "a = \"x\"|unexpected character '\"' (strings use single quotes) at position 4",
        "a != 1|unexpected character '!' (use <> for not-equal) at position 2",
        "a == 1|expected a value, property or '(' but found '=' at position 3",
        "(a = 1|expected ')' but found end of expression at position 6",
        "a = 1)|unexpected ')' after a complete expression at position 5",
        "a = 1 b|unexpected property b after a complete expression at position 6",
        "a = 1 OR|expected a value, property or '(' but found end of expression at position 8",
        "a.b = 1|unexpected character '.' at position 1",
        "a = 007|number '007' has leading zeros at position 4",
        "a = 0x10|malformed number '0x' at position 4",
        "a = 1f|malformed number '1f' at position 4",
        "a = 9223372036854775808|integer 9223372036854775808 is out of the long range at position 4",
        "a = 1E400|decimal 1E400 is greater than 1.7976931348623157E308 at position 4",
        "a = 1e-400|decimal 1e-400 is smaller than 4.9E-324 at position 4",
        "a = NULL|NULL cannot be compared with '=' (use IS NULL / IS NOT NULL) at position 2",
        "TRUE = 1|TRUE cannot be compared with 1 at position 5",
        "a > 'x'|value 'x' cannot be compared with '>' (only numbers and properties) at position 2",
        "a < TRUE|value TRUE cannot be compared with '<' (only numbers and properties) at position 2",
        "(a > 1) > 2|value (a > 1) cannot be compared with '>' (only numbers and properties) at position 8",
        "a BETWEEN 5 AND 1|BETWEEN lower bound 5 is greater than upper bound 1 at position 2",
        "a BETWEEN 'a' AND 'b'|value 'a' cannot be compared with 'BETWEEN' (only numbers and properties) at position 2",
        "a BETWEEN NULL AND 1|BETWEEN bounds must not be NULL at position 2",
        "a IN ()|expected a string literal after IN ( but found ')' at position 6",
        "a IN (1)|expected a string literal after IN ( but found '1' at position 6",
        "a IN ('x', )|expected a string literal after ',' but found ')' at position 11",
        "5 IN ('x')|IN needs a property on its left, got 5 at position 2",
        "a CONTAINS 1|expected a string literal after CONTAINS but found '1' at position 11",
        "5|expression 5 is not a condition (true/false) at position 1",
        "'x' OR a|expression 'x' is not a condition (true/false) at position 7",
        "a IS 5|expected NULL after IS but found '5' at position 5",
        "a = 1 /* open|unterminated /* comment at position 6",
        "é = 1|unexpected character 'é' at position 0",
    })
    void malformedExpressionsAreRefusedWithTheProblemAndPosition(String expression, String message) {
        SqlSyntaxException e = assertThrows(SqlSyntaxException.class, () -> SqlParser.compile(expression));
        assertEquals(message, e.getMessage());
    }

    @Test
    void cacheParsesOncePerSubscriptionAndRecompilesWhenTheExpressionChanges() {
        SqlFilterCache cache = new SqlFilterCache();
        SqlFilterCache.Compiled first = cache.compile("G", "T", "a > 1");
        assertTrue(first.ok());
        assertTrue(first == cache.compile("G", "T", "a > 1"), "same text reuses the compiled expression");
        SqlFilterCache.Compiled changed = cache.compile("G", "T", "a > 2");
        assertEquals("(a > 2)", changed.expression().toString());
        SqlFilterCache.Compiled bad = cache.compile("G", "T2", "a >");
        assertEquals("Invalid SQL92 expression 'a >': expected a value, property or '(' but found end of expression"
                + " at position 3", bad.error());
        assertTrue(bad == cache.compile("G", "T2", "a >"), "failures are cached too");
        assertEquals(2, cache.size());
    }
}
