package org.tidemq.broker.client;

import java.util.ArrayList;
import java.util.List;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonReader;

/**
 * The body of HEART_BEAT (facts §4.6): the client id, the producer groups and the consumer groups (with their
 * subscriptions) the client runs. Unknown fields are ignored.
 */
public record HeartbeatData(String clientId, List<String> producerGroups, List<ConsumerData> consumers) {

    public HeartbeatData {
        producerGroups = List.copyOf(producerGroups);
        consumers = List.copyOf(consumers);
    }

    /**
     * Decodes a heartbeat body.
     *
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    public static HeartbeatData decode(byte[] body) {
        if (body == null || body.length == 0) {
            throw new IllegalArgumentException("heartbeat without body");
        }
        JsonObject json;
        try {
            json = JsonReader.parseObject(body);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("heartbeat body is not valid JSON: " + e.getMessage(), e);
        }
        String clientId = json.string("clientID");
        if (clientId == null || clientId.isEmpty()) {
            throw new IllegalArgumentException("heartbeat without clientID");
        }
        List<String> producers = new ArrayList<>();
        List<Object> producerItems = json.array("producerDataSet");
        if (producerItems != null) {
            for (Object item : producerItems) {
                String group = JsonObject.toObject(item, "producerDataSet").string("groupName");
                if (group != null && !group.isEmpty()) {
                    producers.add(group);
                }
            }
        }
        List<ConsumerData> consumers = new ArrayList<>();
        List<Object> consumerItems = json.array("consumerDataSet");
        if (consumerItems != null) {
            for (Object item : consumerItems) {
                consumers.add(ConsumerData.fromJson(JsonObject.toObject(item, "consumerDataSet")));
            }
        }
        return new HeartbeatData(clientId, producers, consumers);
    }
}
