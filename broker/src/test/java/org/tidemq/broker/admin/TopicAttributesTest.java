package org.tidemq.broker.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicAttributesTest {
    @Test
    void setsAndRemovesEntries() {
        Map<String, String> result = TopicAttributes.apply(Map.of("a", "1", "b", "2"), "+c=3, -a,+b=20");

        assertEquals(Map.of("b", "20", "c", "3"), result);
    }

    @Test
    void blankHeaderKeepsCurrent() {
        assertEquals(Map.of("a", "1"), TopicAttributes.apply(Map.of("a", "1"), null));
        assertEquals(Map.of("a", "1"), TopicAttributes.apply(Map.of("a", "1"), " "));
    }

    @Test
    void rejectsMalformedEntriesNamingThem() {
        for (String bad : new String[] {"a=1", "+=1", "+novalue", "-a=1", "-"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TopicAttributes.apply(Map.of(), bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }
}
