package org.tidemq.broker.admin;

import java.util.Set;
import java.util.TreeSet;
import org.tidemq.broker.client.ConsumerRegistry;
import org.tidemq.broker.offset.ConsumerOffsetManager;
import org.tidemq.broker.topic.TopicConfigManager;
import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.json.JsonWriter;
import org.tidemq.common.protocol.TopicConfig;
import org.tidemq.common.protocol.header.HeaderFields;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.store.MessageStore;

/**
 * Consumer progress as admin tools read it: GET_CONSUME_STATS (208), QUERY_TOPIC_CONSUME_BY_WHO (300) and
 * GET_ALL_CONSUMER_OFFSET (43).
 *
 * <p>GET_CONSUME_STATS covers the requested topic, or every topic the group has committed offsets on, and per read
 * queue reports the queue's max offset, the group's committed offset (0 when none) and the store time of the last
 * consumed message, keyed by MessageQueue objects as fastjson writes them. {@code consumeTps} is not measured and
 * reported as 0.0. QUERY_TOPIC_CONSUME_BY_WHO lists, sorted, the groups with a live member subscribed to the topic
 * and the groups with committed offsets on it. Thread-safe.
 */
public final class ConsumeProgressProcessor implements RequestProcessor.Sync {
    static final String CONSUMER_GROUP = "consumerGroup";
    static final String TOPIC = "topic";

    private final String brokerName;
    private final TopicConfigManager topics;
    private final ConsumerOffsetManager offsets;
    private final ConsumerRegistry consumers;
    private final MessageStore store;

    public ConsumeProgressProcessor(String brokerName, TopicConfigManager topics, ConsumerOffsetManager offsets,
                                    ConsumerRegistry consumers, MessageStore store) {
        this.brokerName = brokerName;
        this.topics = topics;
        this.offsets = offsets;
        this.consumers = consumers;
        this.store = store;
    }

    @Override
    public RemotingCommand processNow(RequestContext context, RemotingCommand request) {
        try {
            // MissingHeaderFieldException is an IllegalArgumentException naming the missing field.
            return switch (request.code()) {
                case RequestCode.GET_CONSUME_STATS -> consumeStats(request);
                case RequestCode.QUERY_TOPIC_CONSUME_BY_WHO -> consumedBy(request);
                case RequestCode.GET_ALL_CONSUMER_OFFSET -> RemotingCommand.successTo(request)
                        .setBody(offsets.encode());
                default -> RemotingCommand.responseTo(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                        "request code " + request.code() + " not supported by " + getClass().getSimpleName());
            };
        } catch (IllegalArgumentException e) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
    }

    private RemotingCommand consumeStats(RemotingCommand request) {
        String group = HeaderFields.required(request, CONSUMER_GROUP);
        String topic = request.field(TOPIC);
        Set<String> consumed = topic == null || topic.isBlank() ? offsets.whichTopicsByGroup(group) : Set.of(topic);
        JsonWriter writer = new JsonWriter(IntKeyStyle.UNQUOTED);
        writer.beginObject().name("consumeTps").value(0.0).name("offsetTable").beginObject();
        for (String name : consumed) {
            TopicConfig config = topics.select(name);
            if (config != null) {
                writeQueues(writer, group, config);
            }
        }
        writer.endObject().endObject();
        return RemotingCommand.successTo(request).setBody(writer.toBytes());
    }

    private void writeQueues(JsonWriter writer, String group, TopicConfig config) {
        String topic = config.topicName();
        for (int queueId = 0; queueId < config.readQueueNums(); queueId++) {
            long brokerOffset = Math.max(0, store.getMaxOffsetInQueue(topic, queueId));
            long consumerOffset = Math.max(0, offsets.queryOffset(group, topic, queueId));
            long lastTimestamp = consumerOffset > 0
                    ? Math.max(0, store.getMessageStoreTimestamp(topic, queueId, consumerOffset - 1)) : 0;
            writer.beginObjectName()
                    .field("brokerName", brokerName)
                    .field("queueId", queueId)
                    .field("topic", topic)
                    .endObjectName();
            writer.beginObject()
                    .field("brokerOffset", brokerOffset)
                    .field("consumerOffset", consumerOffset)
                    .field("lastTimestamp", lastTimestamp)
                    .field("pullOffset", consumerOffset)
                    .endObject();
        }
    }

    private RemotingCommand consumedBy(RemotingCommand request) {
        String topic = HeaderFields.required(request, TOPIC);
        JsonWriter writer = new JsonWriter(IntKeyStyle.UNQUOTED);
        writer.beginObject().name("groupList").beginArray();
        Set<String> groups = new TreeSet<>(offsets.whichGroupsByTopic(topic));
        groups.addAll(consumers.groupsSubscribedTo(topic));
        for (String group : groups) {
            writer.value(group);
        }
        writer.endArray().endObject();
        return RemotingCommand.successTo(request).setBody(writer.toBytes());
    }
}
