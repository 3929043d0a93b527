package org.tidemq.broker.admin;

import org.tidemq.broker.topic.TopicConfigManager;
import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.json.JsonWriter;
import org.tidemq.common.protocol.TopicConfig;
import org.tidemq.common.protocol.header.HeaderFields;
import org.tidemq.common.protocol.header.MissingHeaderFieldException;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.store.MessageStore;

/**
 * GET_TOPIC_STATS_INFO (202): per write queue of the topic its min and max offset and the store time of its last
 * message, as a TopicStatsTable {@code {"offsetTable":{{"brokerName":…,"queueId":…,"topic":…}:{…}}}} with
 * MessageQueue object keys, as fastjson writes them (facts §13 pitfall 1). Thread-safe.
 */
public final class TopicStatsProcessor implements RequestProcessor.Sync {
    static final String TOPIC = "topic";

    private final String brokerName;
    private final TopicConfigManager topics;
    private final MessageStore store;

    public TopicStatsProcessor(String brokerName, TopicConfigManager topics, MessageStore store) {
        this.brokerName = brokerName;
        this.topics = topics;
        this.store = store;
    }

    @Override
    public RemotingCommand processNow(RequestContext context, RemotingCommand request) {
        String topic;
        try {
            topic = HeaderFields.required(request, TOPIC);
        } catch (MissingHeaderFieldException e) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
        TopicConfig config = topics.select(topic);
        if (config == null) {
            return RemotingCommand.responseTo(request, ResponseCode.TOPIC_NOT_EXIST,
                    "topic[" + topic + "] not exist");
        }
        return RemotingCommand.successTo(request).setBody(encode(config));
    }

    private byte[] encode(TopicConfig config) {
        String topic = config.topicName();
        JsonWriter writer = new JsonWriter(IntKeyStyle.UNQUOTED);
        writer.beginObject().name("offsetTable").beginObject();
        for (int queueId = 0; queueId < config.writeQueueNums(); queueId++) {
            long min = Math.max(0, store.getMinOffsetInQueue(topic, queueId));
            long max = Math.max(0, store.getMaxOffsetInQueue(topic, queueId));
            long lastUpdate = max > 0 ? Math.max(0, store.getMessageStoreTimestamp(topic, queueId, max - 1)) : 0;
            writer.beginObjectName()
                    .field("brokerName", brokerName)
                    .field("queueId", queueId)
                    .field("topic", topic)
                    .endObjectName();
            writer.beginObject()
                    .field("lastUpdateTimestamp", lastUpdate)
                    .field("maxOffset", max)
                    .field("minOffset", min)
                    .endObject();
        }
        writer.endObject().endObject();
        return writer.toBytes();
    }
}
