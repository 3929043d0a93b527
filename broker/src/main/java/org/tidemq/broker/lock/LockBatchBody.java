package org.tidemq.broker.lock;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.tidemq.broker.client.MessageQueue;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonParseException;
import org.tidemq.common.json.JsonReader;

/**
 * The body of LOCK_BATCH_MQ and UNLOCK_BATCH_MQ (facts §4.6):
 * {@code {"clientId":…,"consumerGroup":…,"mqSet":[MessageQueue…],"onlyThisBroker":false}}.
 *
 * @param onlyThisBroker read and kept for completeness; this broker has no replicas to forward locks to
 */
public record LockBatchBody(String consumerGroup, String clientId, Set<MessageQueue> mqSet, boolean onlyThisBroker) {

    public LockBatchBody {
        mqSet = Collections.unmodifiableSet(new LinkedHashSet<>(mqSet));
    }

    /**
     * Decodes a request body.
     *
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    public static LockBatchBody decode(byte[] body) {
        if (body == null || body.length == 0) {
            throw new IllegalArgumentException("lock request without body");
        }
        JsonObject json;
        try {
            json = JsonReader.parseObject(body);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("lock request body is not valid JSON: " + e.getMessage(), e);
        }
        String group = json.string("consumerGroup");
        String clientId = json.string("clientId");
        if (group == null || group.isEmpty()) {
            throw new IllegalArgumentException("lock request without consumerGroup");
        }
        if (clientId == null || clientId.isEmpty()) {
            throw new IllegalArgumentException("lock request without clientId");
        }
        Set<MessageQueue> queues = new LinkedHashSet<>();
        List<Object> items = json.array("mqSet");
        if (items != null) {
            for (Object item : items) {
                queues.add(MessageQueue.fromJson(JsonObject.toObject(item, "mqSet")));
            }
        }
        return new LockBatchBody(group, clientId, queues, json.boolValue("onlyThisBroker", false));
    }
}
