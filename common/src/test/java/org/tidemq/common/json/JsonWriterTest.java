package org.tidemq.common.json;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonWriterTest {

    @Test
    void writesBareIntegerKeysLikeFastjson() {
        JsonWriter writer = new JsonWriter(IntKeyStyle.UNQUOTED);
        writer.beginObject().name(0).value("a:1").name(12).value("b:2").endObject();
        assertEquals("{0:\"a:1\",12:\"b:2\"}", writer.toString());
    }

    @Test
    void writesQuotedIntegerKeysForStandardJson() {
        JsonWriter writer = new JsonWriter(IntKeyStyle.QUOTED);
        writer.beginObject().name(0).value("a").name(1).value("b").endObject();
        assertEquals("{\"0\":\"a\",\"1\":\"b\"}", writer.toString());
    }

    @Test
    void commasNestingAndNullFieldsLeftOut() {
        JsonWriter writer = new JsonWriter(IntKeyStyle.UNQUOTED);
        writer.beginObject().field("a", 1).field("skipped", (String) null).name("arr").beginArray()
                .value(true).beginObject().endObject().beginArray().endArray().nullValue().endArray()
                .field("z", "q").endObject();
        assertEquals("{\"a\":1,\"arr\":[true,{},[],null],\"z\":\"q\"}", writer.toString());
    }

    @Test
    void escapesLikeFastjsonAndReadsBack() {
        String nasty = "quote\" back\\ nl\n tab\t ctl\u0001 unicode é 中";
        JsonWriter writer = new JsonWriter(IntKeyStyle.UNQUOTED);
        writer.beginArray().value(nasty).endArray();
        assertEquals("[\"quote\\\" back\\\\ nl\\n tab\\t ctl\\u0001 unicode é 中\"]", writer.toString());
        assertEquals(List.of(nasty), JsonReader.parse(writer.toBytes()));
    }

    @Test
    void writesObjectKeysLikeFastjsonMessageQueueMaps() {
        JsonWriter writer = new JsonWriter(IntKeyStyle.UNQUOTED);
        writer.beginObject().name("offsetTable").beginObject();
        for (int queueId = 0; queueId < 2; queueId++) {
            writer.beginObjectName().field("brokerName", "b").field("queueId", queueId).field("topic", "t").endObjectName()
                    .beginObject().field("maxOffset", 10 + queueId).endObject();
        }
        writer.endObject().endObject();
        String json = writer.toString();
        assertEquals("{\"offsetTable\":{{\"brokerName\":\"b\",\"queueId\":0,\"topic\":\"t\"}:{\"maxOffset\":10},"
                + "{\"brokerName\":\"b\",\"queueId\":1,\"topic\":\"t\"}:{\"maxOffset\":11}}}", json);
        JsonObject table = JsonReader.parseObject(json).object("offsetTable");
        assertEquals(2, table.size());
    }

    @Test
    void refusesNameWithoutValue() {
        JsonWriter writer = new JsonWriter(IntKeyStyle.UNQUOTED);
        writer.beginObject().name("a");
        assertThrows(IllegalStateException.class, () -> writer.name("b"));
    }
}
