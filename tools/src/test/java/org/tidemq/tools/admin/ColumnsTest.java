package org.tidemq.tools.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;

class ColumnsTest {

    @Test
    void frontCutsLongTextOnly() {
        assertEquals("abc", Columns.front("abcdef", 3));
        assertEquals("ab", Columns.front("ab", 3));
        assertNull(Columns.front(null, 3));
    }

    @Test
    void timestampsUseApachesStyles() {
        long millis = 1_709_288_130_123L;
        assertEquals("2024-03-01 10:15:30,123", Columns.humanMillis(millis, ZoneOffset.UTC));
        assertEquals("2024-03-01 10:15:30", Columns.seconds(millis, ZoneOffset.UTC));
    }

    @Test
    void versionOrdinalsGetTheirNames() {
        assertEquals("V5_2_0", Columns.versionDesc(453));
        assertEquals("V4_9_4", Columns.versionDesc(401));
        assertEquals("12345", Columns.versionDesc(12345));
    }

    @Test
    void prettyJsonIndentsWithTabsAndKeepsStrings() {
        String compact = "{\"a\":{\"b\":[1,2]},\"c\":\"x,{y}\",\"d\":{}}";

        assertEquals("{\n\t\"a\":{\n\t\t\"b\":[\n\t\t\t1,\n\t\t\t2\n\t\t]\n\t},\n\t\"c\":\"x,{y}\",\n\t\"d\":{}\n}",
                Columns.prettyJson(compact));
    }
}
