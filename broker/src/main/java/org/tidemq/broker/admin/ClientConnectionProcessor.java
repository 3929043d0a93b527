package org.tidemq.broker.admin;

import java.util.List;
import org.tidemq.broker.client.ClientChannel;
import org.tidemq.broker.client.ConsumerData;
import org.tidemq.broker.client.ConsumerGroupInfo;
import org.tidemq.broker.client.ConsumerRegistry;
import org.tidemq.broker.client.ProducerRegistry;
import org.tidemq.broker.client.SubscriptionData;
import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.json.JsonWriter;
import org.tidemq.common.protocol.header.HeaderFields;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;

/**
 * GET_CONSUMER_CONNECTION_LIST (203, {@code consumerGroup}; CONSUMER_NOT_ONLINE when no member is connected) and
 * GET_PRODUCER_CONNECTION_LIST (204, {@code producerGroup}; SYSTEM_ERROR when none), from the live client registries
 * fed by heartbeats (facts §4.9). Thread-safe.
 */
public final class ClientConnectionProcessor implements RequestProcessor.Sync {
    static final String CONSUMER_GROUP = "consumerGroup";
    static final String PRODUCER_GROUP = "producerGroup";

    private final ConsumerRegistry consumers;
    private final ProducerRegistry producers;

    public ClientConnectionProcessor(ConsumerRegistry consumers, ProducerRegistry producers) {
        this.consumers = consumers;
        this.producers = producers;
    }

    @Override
    public RemotingCommand processNow(RequestContext context, RemotingCommand request) {
        try {
            // MissingHeaderFieldException is an IllegalArgumentException naming the missing field.
            return switch (request.code()) {
                case RequestCode.GET_CONSUMER_CONNECTION_LIST -> consumerConnections(request);
                case RequestCode.GET_PRODUCER_CONNECTION_LIST -> producerConnections(request);
                default -> RemotingCommand.responseTo(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                        "request code " + request.code() + " not supported by " + getClass().getSimpleName());
            };
        } catch (IllegalArgumentException e) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
    }

    private RemotingCommand consumerConnections(RemotingCommand request) {
        String group = HeaderFields.required(request, CONSUMER_GROUP);
        ConsumerGroupInfo info = consumers.group(group);
        List<ClientChannel> members = info == null ? List.of() : info.members();
        if (members.isEmpty()) {
            return RemotingCommand.responseTo(request, ResponseCode.CONSUMER_NOT_ONLINE,
                    "the consumer group[" + group + "] not online");
        }
        JsonWriter writer = new JsonWriter(IntKeyStyle.UNQUOTED);
        writer.beginObject();
        writeConnections(writer, members);
        ConsumerData announced = info.lastAnnounced();
        if (announced != null) {
            writeOptional(writer, "consumeFromWhere", announced.consumeFromWhere());
            writeOptional(writer, "consumeType", announced.consumeType());
            writeOptional(writer, "messageModel", announced.messageModel());
        }
        writer.name("subscriptionTable").beginObject();
        for (SubscriptionData subscription : info.subscriptions()) {
            writer.name(subscription.topic());
            writeSubscription(writer, subscription);
        }
        writer.endObject().endObject();
        return RemotingCommand.successTo(request).setBody(writer.toBytes());
    }

    private RemotingCommand producerConnections(RemotingCommand request) {
        String group = HeaderFields.required(request, PRODUCER_GROUP);
        List<ClientChannel> members = producers.members(group);
        if (members.isEmpty()) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "the producer group[" + group + "] not exist");
        }
        JsonWriter writer = new JsonWriter(IntKeyStyle.UNQUOTED);
        writer.beginObject();
        writeConnections(writer, members);
        writer.endObject();
        return RemotingCommand.successTo(request).setBody(writer.toBytes());
    }

    private static void writeConnections(JsonWriter writer, List<ClientChannel> members) {
        writer.name("connectionSet").beginArray();
        for (ClientChannel member : members) {
            writer.beginObject()
                    .field("clientAddr", RequestContext.addressText(member.channel().remoteAddress()))
                    .field("clientId", member.clientId())
                    .field("language", member.language().name())
                    .field("version", member.version())
                    .endObject();
        }
        writer.endArray();
    }

    private static void writeOptional(JsonWriter writer, String name, String value) {
        if (value != null) {
            writer.field(name, value);
        }
    }

    private static void writeSubscription(JsonWriter writer, SubscriptionData subscription) {
        writer.beginObject().field("classFilterMode", false).name("codeSet").beginArray();
        subscription.codeSet().stream().sorted().forEach(writer::value);
        writer.endArray()
                .field("expressionType", subscription.expressionType());
        writeOptional(writer, "subString", subscription.subString());
        writer.field("subVersion", subscription.subVersion())
                .name("tagsSet").beginArray();
        subscription.tagsSet().stream().sorted().forEach(writer::value);
        writer.endArray()
                .field("topic", subscription.topic())
                .endObject();
    }
}
