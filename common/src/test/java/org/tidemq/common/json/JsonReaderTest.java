package org.tidemq.common.json;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonReaderTest {

    @Test
    void readsBareIntegerKeysAsFastjsonWritesThem() {
        // GET_BROKER_CLUSTER_INFO, live capture (facts sheet §4.8).
        JsonObject root = JsonReader.parseObject("{\"brokerAddrTable\":{\"broker-a\":{\"brokerAddrs\":{0:\"127.0.0.1:10911\"},"
                + "\"brokerName\":\"broker-a\",\"cluster\":\"DefaultCluster\",\"enableActingMaster\":false}},"
                + "\"clusterAddrTable\":{\"DefaultCluster\":[\"broker-a\"]}}");
        JsonObject addrs = root.object("brokerAddrTable").object("broker-a").object("brokerAddrs");
        assertEquals(Map.of("0", "127.0.0.1:10911"), addrs.members());
        assertEquals(List.of("broker-a"), root.object("clusterAddrTable").array("DefaultCluster"));
        assertEquals(false, root.object("brokerAddrTable").object("broker-a").boolValue("enableActingMaster", true));
    }

    @Test
    void readsObjectKeysOfMessageQueueMaps() {
        // GET_TOPIC_STATS_INFO, live capture (facts sheet §4.9).
        JsonObject root = JsonReader.parseObject("{\"offsetTable\":{{\"brokerName\":\"b\",\"queueId\":0,\"topic\":\"t\"}:"
                + "{\"lastUpdateTimestamp\":0,\"maxOffset\":5,\"minOffset\":0},"
                + "{\"brokerName\":\"b\",\"queueId\":1,\"topic\":\"t\"}:{\"lastUpdateTimestamp\":0,\"maxOffset\":7,\"minOffset\":1}}}");
        Map<Object, Object> table = root.object("offsetTable").members();
        assertEquals(2, table.size());
        Object[] keys = table.keySet().toArray();
        JsonObject firstKey = (JsonObject) keys[0];
        assertEquals("b", firstKey.string("brokerName"));
        assertEquals(0, firstKey.intValue("queueId", -1));
        assertEquals(1, ((JsonObject) keys[1]).intValue("queueId", -1));
        assertEquals(7L, ((JsonObject) table.get(keys[1])).longValue("maxOffset", -1));
    }

    @Test
    void readsUnquotedIntegerKeysWithLongValues() {
        // GET_ALL_CONSUMER_OFFSET shape (facts sheet §4.9).
        JsonObject root = JsonReader.parseObject("{\"offsetTable\":{\"topic@group\":{0:14047,1:14045}}}");
        JsonObject offsets = root.object("offsetTable").object("topic@group");
        assertEquals(14047L, offsets.longValue("0", -1));
        assertEquals(14045L, offsets.longValue("1", -1));
    }

    @Test
    void acceptsFastjsonLeniencies() {
        JsonObject root = JsonReader.parseObject(" { name : 'single \\'quoted\\'', ,\"n\":-12.5e1,\"big\":123456789012345678901,"
                + "\"arr\":[1,,2,],\"esc\":\"a\\u0041\\n\\\"\" } ");
        assertEquals("single 'quoted'", root.string("name"));
        assertEquals(-125.0, root.get("n"));
        assertEquals(new BigInteger("123456789012345678901"), root.get("big"));
        assertEquals(List.of(1L, 2L), root.array("arr"));
        assertEquals("aA\n\"", root.string("esc"));
    }

    @Test
    void convertsStringsToNumbersAndBooleansLikeFastjsonFields() {
        JsonObject root = JsonReader.parseObject("{\"perm\":\"6\",\"order\":\"true\",\"x\":null}");
        assertEquals(6, root.intValue("perm", 0));
        assertTrue(root.boolValue("order", false));
        assertEquals(3, root.intValue("x", 3));
        assertNull(root.string("x"));
    }

    @Test
    void rejectsBrokenInputNamingTheOffset() {
        JsonParseException unterminated = assertThrows(JsonParseException.class, () -> JsonReader.parse("{\"a\":\"b"));
        assertTrue(unterminated.getMessage().contains("unterminated string"), unterminated.getMessage());
        JsonParseException trailing = assertThrows(JsonParseException.class, () -> JsonReader.parse("{} x"));
        assertEquals(3, trailing.offset());
        assertThrows(JsonParseException.class, () -> JsonReader.parse("{\"a\" 1}"));
        assertThrows(JsonParseException.class, () -> JsonReader.parse("{\"a\":1 \"b\":2}"));
        assertThrows(JsonParseException.class, () -> JsonReader.parse(""));
        assertThrows(JsonParseException.class, () -> JsonReader.parse("[1,2"));
        assertThrows(JsonParseException.class, () -> JsonReader.parse("tru"));
    }

    @Test
    void rejectsHostileNesting() {
        String deep = "[".repeat(JsonReader.MAX_DEPTH + 1) + "]".repeat(JsonReader.MAX_DEPTH + 1);
        JsonParseException e = assertThrows(JsonParseException.class, () -> JsonReader.parse(deep));
        assertTrue(e.getMessage().contains("nesting"), e.getMessage());
        String ok = "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH);
        JsonReader.parse(ok);
    }

    @Test
    void typedAccessorsNameTheMemberOnMismatch() {
        JsonObject root = JsonReader.parseObject("{\"perm\":\"rw\",\"list\":[1]}");
        JsonTypeException e = assertThrows(JsonTypeException.class, () -> root.intValue("perm", 0));
        assertTrue(e.getMessage().contains("perm"), e.getMessage());
        assertThrows(JsonTypeException.class, () -> root.object("list"));
    }
}
