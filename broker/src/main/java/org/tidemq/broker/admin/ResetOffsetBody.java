package org.tidemq.broker.admin;

import java.util.Map;
import java.util.TreeMap;
import org.tidemq.broker.client.MessageQueue;
import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.json.JsonWriter;

/**
 * ResetOffsetBody {@code {"offsetTable":{{"brokerName":…,"queueId":…,"topic":…}:offset,…}}}: the body of
 * INVOKE_BROKER_TO_RESET_OFFSET's answer and of the RESET_CONSUMER_CLIENT_OFFSET push, with MessageQueue object keys
 * as fastjson writes them (facts §13 pitfall 1).
 */
record ResetOffsetBody(Map<MessageQueue, Long> offsetTable) {

    ResetOffsetBody {
        offsetTable = Map.copyOf(offsetTable);
    }

    byte[] encode() {
        JsonWriter json = new JsonWriter(IntKeyStyle.UNQUOTED).beginObject().name("offsetTable").beginObject();
        new TreeMap<>(offsetTable).forEach((queue, offset) -> {
            queue.writeJsonKey(json);
            json.value(offset);
        });
        return json.endObject().endObject().toBytes();
    }
}
