package org.tidemq.client.consumer.internal;

import org.junit.jupiter.api.Test;
import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonReader;
import org.tidemq.common.json.JsonWriter;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubscriptionTest {

    @Test
    void parsesTagExpressions() {
        Subscription subscription = Subscription.parse("T", " TagA ||TagB|| TagA ", 5);
        assertEquals(Set.of("TagA", "TagB"), subscription.tags());
        assertEquals(Set.of("TagA".hashCode(), "TagB".hashCode()), subscription.tagCodes());
        assertTrue(subscription.matches("TagB"));
        assertFalse(subscription.matches("TagC"));
        assertFalse(subscription.matches(null));
        assertFalse(subscription.isAll());
    }

    @Test
    void starBlankAndNullMeanEverything() {
        for (String expression : new String[]{"*", " ", null, "TagA || *"}) {
            Subscription subscription = Subscription.parse("T", expression, 1);
            assertTrue(subscription.isAll(), String.valueOf(expression));
            assertEquals("*", subscription.expression());
            assertTrue(subscription.matches(null));
        }
    }

    @Test
    void rejectsBadInputNamingTheProblem() {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> Subscription.parse("T", "TagA || ", 1));
        assertTrue(empty.getMessage().contains("empty tag"), empty.getMessage());
        IllegalArgumentException topic = assertThrows(IllegalArgumentException.class,
                () -> Subscription.parse("bad topic", "*", 1));
        assertTrue(topic.getMessage().contains("bad topic"), topic.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Subscription.parse("T", "a > 1", "XPATH", 1));
    }

    @Test
    void writesSubscriptionDataAsTheJavaClient() {
        JsonWriter json = new JsonWriter(IntKeyStyle.UNQUOTED);
        Subscription.parse("TopicA", "TagA || TagB", 1700000000000L).writeJson(json);

        JsonObject data = JsonReader.parseObject(json.toString());
        assertEquals(false, data.boolValue("classFilterMode", true));
        assertEquals(List.of(2598919L, 2598920L), data.array("codeSet"));
        assertEquals("TAG", data.string("expressionType"));
        assertEquals("TagA || TagB", data.string("subString"));
        assertEquals(1700000000000L, data.longValue("subVersion", 0));
        assertEquals(List.of("TagA", "TagB"), data.array("tagsSet"));
        assertEquals("TopicA", data.string("topic"));
    }
}
