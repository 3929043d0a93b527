package org.tidemq.broker.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Results against one stored record; expected values are those RocketMQ 5.2.0's evaluator gives for the same
 * properties (TRUE, FALSE, UNKNOWN = null, ERROR = exception).
 */
class SqlEvaluationTest {
    private static final ByteBuffer RECORD = StoredRecords.withProperties(properties());

    private static Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("TAGS", "TagA");
        p.put("s", "abc");
        p.put("n", "5");
        p.put("f", "5.5");
        p.put("b", "true");
        p.put("B", "TRUE");
        p.put("big", "3000000000");
        p.put("sp", " 5");
        p.put("neg", "-3");
        p.put("u", "héllo wörld");
        p.put("empty", "");
        return p;
    }

    static SqlExpression.Result evaluate(String expression, ByteBuffer record) throws SqlSyntaxException {
        SqlExpression compiled = SqlParser.compile(expression);
        return compiled.evaluate(compiled.newContext(), record, new SqlValue());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // equality and typing
        "n = 5|TRUE", "n = 6|FALSE", "n = 5.0|TRUE", "n = '5'|TRUE", "n = 5L|TRUE", "n = +5|TRUE",
        "neg = -3|TRUE", "big = 3000000000|TRUE", "f = 5.5|TRUE", "f = 5|ERROR", "s = 1|ERROR", "sp = 5|ERROR",
        "s = 'abc'|TRUE", "s = 'ABC'|FALSE", "u = 'héllo wörld'|TRUE", "empty = ''|TRUE", "TAGS = 'TagA'|TRUE",
        "s = s|TRUE", "n = s|FALSE", "1 = 1.0|TRUE", "5 = n|TRUE",
        "b = TRUE|TRUE", "B = TRUE|TRUE", "s = TRUE|FALSE", "b = FALSE|FALSE", "TRUE = s|ERROR",
        "n <> 5|FALSE", "n <> 6|TRUE", "s <> 'x'|TRUE",
        // ordering
        "n > 4|TRUE", "n > 5|FALSE", "n >= 5|TRUE", "n < 6|TRUE", "n <= 4|FALSE", "n > 4.5|TRUE", "neg < 0|TRUE",
        "f > 5|ERROR", "f > 5.0|TRUE", "f < 6|ERROR", "f < 6.0|TRUE", "s > 1|ERROR", "big > 5|ERROR",
        "big > 5L|ERROR", "big > 2147483648|TRUE", "sp > 4|ERROR", "sp > 4.0|TRUE", "n < f|TRUE", "n > s|ERROR",
        "-n = -5|UNKNOWN", "1 < 2|TRUE", "-1 < 0|TRUE",
        // BETWEEN
        "n BETWEEN 1 AND 5|TRUE", "n BETWEEN 6 AND 9|FALSE", "n NOT BETWEEN 6 AND 9|TRUE",
        "n NOT BETWEEN 1 AND 5|FALSE", "f BETWEEN 5.0 AND 6.0|TRUE", "x BETWEEN 1 AND 2|UNKNOWN",
        // IN
        "s IN ('x', 'abc')|TRUE", "s IN ('x')|FALSE", "s NOT IN ('x')|TRUE", "s NOT IN ('abc', 'y')|FALSE",
        "n IN ('5')|TRUE", "x IN ('a')|UNKNOWN", "x NOT IN ('a')|UNKNOWN",
        // string matching
        "s CONTAINS 'b'|TRUE", "s CONTAINS 'z'|FALSE", "s NOT CONTAINS 'z'|TRUE", "s NOT CONTAINS 'b'|FALSE",
        "s STARTSWITH 'ab'|TRUE", "s STARTSWITH 'bc'|FALSE", "s NOT STARTSWITH 'bc'|TRUE", "s ENDSWITH 'bc'|TRUE",
        "s ENDSWITH 'abcd'|FALSE", "s NOT ENDSWITH 'ab'|TRUE", "u CONTAINS 'wö'|TRUE",
        "s CONTAINS ''|FALSE", "s NOT CONTAINS ''|FALSE", "x CONTAINS 'a'|FALSE", "x NOT CONTAINS 'a'|FALSE",
        "NOT x CONTAINS 'a'|FALSE",
        // NULL semantics
        "x IS NULL|TRUE", "s IS NULL|FALSE", "x IS NOT NULL|FALSE", "s IS NOT NULL|TRUE", "x = 1|UNKNOWN",
        "1 = x|FALSE", "x = y|TRUE", "x <> 6|UNKNOWN", "x > 1|UNKNOWN", "1 > x|UNKNOWN", "NOT x = 1|UNKNOWN",
        "NULL|UNKNOWN", "NOT (x = 1)|UNKNOWN",
        // logic, three-valued
        "TRUE|TRUE", "FALSE|FALSE", "NOT FALSE|TRUE", "n = 5 AND s = 'abc'|TRUE", "n = 5 AND s = 'x'|FALSE",
        "n = 5 OR s = 'x'|TRUE", "n = 6 OR s = 'x'|FALSE", "x = 1 AND FALSE|FALSE", "x = 1 AND TRUE|UNKNOWN",
        "x = 1 OR TRUE|TRUE", "x = 1 OR FALSE|UNKNOWN", "NOT (x = 1) OR TRUE|TRUE",
        "n = 5 OR s = 1|TRUE", "s = 1 OR n = 5|ERROR", "n = 6 AND s = 1|FALSE", "s = 1 AND n = 6|ERROR",
        // properties used as conditions
        "b|FALSE", "NOT b|TRUE", "s|FALSE", "x|UNKNOWN", "NOT x|UNKNOWN",
        "(n > 1) = TRUE|TRUE", "n > 1 = FALSE|FALSE", "x IS NULL = TRUE|TRUE",
    })
    void evaluatesAsRocketMq(String expression, SqlExpression.Result expected) throws Exception {
        assertEquals(expected, evaluate(expression, RECORD));
    }

    @Test
    void laterDuplicatePropertyWinsAndAbsentPropertiesAreNull() throws Exception {
        ByteBuffer record = StoredRecords.withProperties(Map.of("a", "1"));
        assertEquals(SqlExpression.Result.TRUE, evaluate("a = 1 AND b IS NULL", record));
    }

    @Test
    void aContextIsReusedAcrossRecordsWithoutLeakingValues() throws Exception {
        SqlExpression compiled = SqlParser.compile("color = 'red' AND size > 2");
        SqlContext context = compiled.newContext();
        SqlValue scratch = new SqlValue();
        ByteBuffer match = StoredRecords.withProperties(Map.of("color", "red", "size", "3"));
        ByteBuffer noSize = StoredRecords.withProperties(Map.of("color", "red"));
        ByteBuffer blue = StoredRecords.withProperties(Map.of("color", "blue", "size", "9"));
        assertEquals(SqlExpression.Result.TRUE, compiled.evaluate(context, match, scratch));
        assertEquals(SqlExpression.Result.UNKNOWN, compiled.evaluate(context, noSize, scratch));
        assertEquals(SqlExpression.Result.FALSE, compiled.evaluate(context, blue, scratch));
        assertEquals(SqlExpression.Result.TRUE, compiled.evaluate(context, match, scratch));
    }

    @Test
    void theStoreFilterMatchesOnlyTrueAndRejectsCorruptRecords() throws Exception {
        SqlMessageFilter filter = new SqlMessageFilter(SqlParser.compile("n > 4"));
        assertTrue(filter.isMatchedByTagsCode(12345), "SQL92 does not filter by tag hash");
        assertTrue(filter.isMatchedByRecord(RECORD));
        assertFalse(new SqlMessageFilter(SqlParser.compile("n > 5")).isMatchedByRecord(RECORD));
        assertFalse(new SqlMessageFilter(SqlParser.compile("x > 5")).isMatchedByRecord(RECORD), "unknown");
        assertFalse(new SqlMessageFilter(SqlParser.compile("s > 5")).isMatchedByRecord(RECORD), "error");
        ByteBuffer garbage = ByteBuffer.wrap(new byte[64]).asReadOnlyBuffer();
        assertFalse(filter.isMatchedByRecord(garbage), "not a message record: no match, no exception");
    }
}
