package org.tidemq.broker.client;

import java.io.IOException;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.tidemq.broker.subscription.SubscriptionGroupManager;
import org.tidemq.broker.topic.GroupTopics;
import org.tidemq.broker.topic.TopicConfigManager;
import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.json.JsonWriter;
import org.tidemq.common.protocol.SubscriptionGroupConfig;
import org.tidemq.common.protocol.header.HeaderFields;
import org.tidemq.common.protocol.header.MissingHeaderFieldException;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;

/**
 * HEART_BEAT (34), UNREGISTER_CLIENT (35) and GET_CONSUMER_LIST_BY_GROUP (38), facts §4.6.
 *
 * <p>A heartbeat registers the channel under each producer and consumer group it names, stores the consumer
 * subscriptions, and for each consumer group that exists (or may be auto-created) makes sure {@code %RETRY%<group>}
 * exists, re-registering with name servers when it had to be created. Thread-safe.
 */
public final class ClientManageProcessor implements RequestProcessor.Sync {
    private final ConsumerRegistry consumers;
    private final ProducerRegistry producers;
    private final SubscriptionGroupManager groups;
    private final TopicConfigManager topics;
    private final Runnable onTopicCreated;
    private final LongSupplier clockMillis;

    public ClientManageProcessor(ConsumerRegistry consumers, ProducerRegistry producers,
                                 SubscriptionGroupManager groups, TopicConfigManager topics,
                                 Runnable onTopicCreated, LongSupplier clockMillis) {
        this.consumers = consumers;
        this.producers = producers;
        this.groups = groups;
        this.topics = topics;
        this.onTopicCreated = onTopicCreated;
        this.clockMillis = clockMillis;
    }

    @Override
    public RemotingCommand processNow(RequestContext context, RemotingCommand request) throws IOException {
        try {
            return switch (request.code()) {
                case RequestCode.HEART_BEAT -> heartbeat(context, request);
                case RequestCode.UNREGISTER_CLIENT -> unregister(context, request);
                case RequestCode.GET_CONSUMER_LIST_BY_GROUP -> consumerList(request);
                default -> RemotingCommand.responseTo(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                        "request type " + request.code() + " not supported by " + getClass().getSimpleName());
            };
        } catch (MissingHeaderFieldException e) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
    }

    private RemotingCommand heartbeat(RequestContext context, RemotingCommand request) throws IOException {
        HeartbeatData data;
        try {
            data = HeartbeatData.decode(request.bodyBytes());
        } catch (IllegalArgumentException e) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
        ClientChannel client = new ClientChannel(data.clientId(), context.channel(), request.language(),
                request.version(), clockMillis.getAsLong());
        for (ConsumerData consumer : data.consumers()) {
            Optional<SubscriptionGroupConfig> group = groups.findOrCreate(consumer.groupName());
            if (group.isPresent()) {
                ensureRetryTopic(consumer.groupName());
            }
            consumers.register(client, consumer);
        }
        for (String producerGroup : data.producerGroups()) {
            producers.register(producerGroup, client);
        }
        return RemotingCommand.successTo(request);
    }

    private void ensureRetryTopic(String group) throws IOException {
        if (topics.select(GroupTopics.retryTopic(group)) == null) {
            topics.createRetryTopicIfAbsent(group);
            onTopicCreated.run();
        }
    }

    private RemotingCommand unregister(RequestContext context, RemotingCommand request) {
        HeaderFields.required(request, "clientID");
        String producerGroup = request.field("producerGroup");
        String consumerGroup = request.field("consumerGroup");
        if (producerGroup != null) {
            producers.unregister(producerGroup, context.channel());
        }
        if (consumerGroup != null) {
            consumers.unregister(consumerGroup, context.channel());
        }
        return RemotingCommand.successTo(request);
    }

    private RemotingCommand consumerList(RemotingCommand request) {
        String group = HeaderFields.required(request, "consumerGroup");
        ConsumerGroupInfo info = consumers.group(group);
        if (info == null || info.isEmpty()) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "no consumer for this group, " + group);
        }
        JsonWriter json = new JsonWriter(IntKeyStyle.UNQUOTED).beginObject().name("consumerIdList").beginArray();
        for (String id : info.clientIds()) {
            json.value(id);
        }
        json.endArray().endObject();
        return RemotingCommand.successTo(request).setBody(json.toBytes());
    }
}
