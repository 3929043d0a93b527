package org.tidemq.common.protocol;

import org.tidemq.common.json.JsonEncodable;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonWriter;

/** One broker name's share of a topic in a route: its queue counts and permission. */
public record QueueData(String brokerName, int readQueueNums, int writeQueueNums, int perm, int topicSysFlag)
        implements JsonEncodable {

    /** The queue data a broker's topic config contributes to the route. */
    public static QueueData of(String brokerName, TopicConfig topic) {
        return new QueueData(brokerName, topic.readQueueNums(), topic.writeQueueNums(), topic.perm(),
                topic.topicSysFlag());
    }

    public QueueData withPerm(int newPerm) {
        return new QueueData(brokerName, readQueueNums, writeQueueNums, newPerm, topicSysFlag);
    }

    @Override
    public void writeJson(JsonWriter writer) {
        writer.beginObject()
                .field("brokerName", brokerName)
                .field("perm", perm)
                .field("readQueueNums", readQueueNums)
                .field("topicSysFlag", topicSysFlag)
                .field("writeQueueNums", writeQueueNums)
                .endObject();
    }

    public static QueueData fromJson(JsonObject json) {
        return new QueueData(json.string("brokerName"), json.intValue("readQueueNums", 0),
                json.intValue("writeQueueNums", 0), json.intValue("perm", 0), json.intValue("topicSysFlag", 0));
    }
}
