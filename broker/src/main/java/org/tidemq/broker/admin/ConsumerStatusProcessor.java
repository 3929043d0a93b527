package org.tidemq.broker.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.broker.client.ClientChannel;
import org.tidemq.broker.client.ConsumerGroupInfo;
import org.tidemq.broker.client.ConsumerRegistry;
import org.tidemq.broker.client.MessageQueue;
import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonReader;
import org.tidemq.common.json.JsonWriter;
import org.tidemq.common.protocol.header.HeaderFields;
import org.tidemq.common.protocol.header.MissingHeaderFieldException;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RemotingVersion;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;

/**
 * INVOKE_BROKER_TO_GET_CONSUMER_STATUS (223), header topic, group, optional {@code clientAddr} (a client id): asks
 * each online consumer of the group (or only that one) with GET_CONSUMER_STATUS_FROM_CLIENT (221) for its offsets
 * on the topic, waiting at most {@value #CLIENT_TIMEOUT_MS} ms without blocking a thread, and answers
 * GetConsumerStatusBody {@code {"consumerTable":{clientId:{MessageQueue:offset}},"messageQueueTable":{}}}. A
 * consumer that fails or does not answer is left out, as RocketMQ does; no consumer online → SYSTEM_ERROR.
 * Thread-safe.
 */
public final class ConsumerStatusProcessor implements RequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerStatusProcessor.class);
    static final long CLIENT_TIMEOUT_MS = 5_000;

    private final ConsumerRegistry consumers;
    private final ConsumerRelayProcessor.ChannelInvoker invoker;

    public ConsumerStatusProcessor(ConsumerRegistry consumers, ConsumerRelayProcessor.ChannelInvoker invoker) {
        this.consumers = consumers;
        this.invoker = invoker;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(RequestContext context, RemotingCommand request) {
        String topic;
        String group;
        try {
            topic = HeaderFields.required(request, "topic");
            group = HeaderFields.required(request, "group");
        } catch (MissingHeaderFieldException e) {
            return done(RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, e.getMessage()));
        }
        String onlyClient = request.field("clientAddr");
        ConsumerGroupInfo info = consumers.group(group);
        List<ClientChannel> members = info == null ? List.of() : info.members();
        if (members.isEmpty()) {
            return done(RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    String.format("No Any Consumer online in the consumer group: [%s]", group)));
        }
        Map<String, CompletableFuture<Map<MessageQueue, Long>>> answers = new LinkedHashMap<>();
        for (ClientChannel member : members) {
            if (member.version() < RemotingVersion.V3_0_7_SNAPSHOT) {
                return done(RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                        "the client does not support this feature. version=" + member.version()));
            }
            if (onlyClient == null || onlyClient.isBlank() || onlyClient.equals(member.clientId())) {
                answers.put(member.clientId(), ask(member, topic, group));
            }
        }
        return CompletableFuture.allOf(answers.values().toArray(CompletableFuture[]::new)).thenApply(all -> {
            JsonWriter json = new JsonWriter(IntKeyStyle.UNQUOTED).beginObject().name("consumerTable").beginObject();
            answers.forEach((clientId, answer) -> {
                Map<MessageQueue, Long> table = answer.join();
                if (table != null) {
                    json.name(clientId).beginObject();
                    table.forEach((queue, offset) -> {
                        queue.writeJsonKey(json);
                        json.value(offset);
                    });
                    json.endObject();
                }
            });
            json.endObject().name("messageQueueTable").beginObject().endObject().endObject();
            return RemotingCommand.successTo(request).setBody(json.toBytes());
        });
    }

    /** The consumer's offsets, or null when it failed or did not answer. Never completes exceptionally. */
    private CompletableFuture<Map<MessageQueue, Long>> ask(ClientChannel member, String topic, String group) {
        RemotingCommand request = RemotingCommand.request(RequestCode.GET_CONSUMER_STATUS_FROM_CLIENT)
                .putField("topic", topic).putField("group", group);
        CompletableFuture<RemotingCommand> call;
        try {
            call = invoker.invoke(member.channel(), request, CLIENT_TIMEOUT_MS);
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        return call.handle((response, error) -> {
            if (error != null) {
                LOG.warn("consumer {} of group {} did not report its status: {}", member.clientId(), group,
                        error.toString());
                return null;
            }
            try {
                return response.code() == ResponseCode.SUCCESS && response.body() != null
                        ? messageQueueTable(response.bodyBytes()) : null;
            } catch (IllegalArgumentException e) {
                LOG.warn("consumer {} of group {} sent an unreadable status: {}", member.clientId(), group,
                        e.getMessage());
                return null;
            } finally {
                response.releaseBody();
            }
        });
    }

    /** {@code messageQueueTable} of a client's GetConsumerStatusBody; keys as objects or JSON-encoded strings. */
    static Map<MessageQueue, Long> messageQueueTable(byte[] body) {
        JsonObject table = JsonReader.parseObject(body).object("messageQueueTable");
        Map<MessageQueue, Long> offsets = new TreeMap<>();
        if (table == null) {
            return offsets;
        }
        List<Object> keys = new ArrayList<>(table.members().keySet());
        for (Object key : keys) {
            JsonObject queue = key instanceof String text ? JsonReader.parseObject(text)
                    : JsonObject.toObject(key, "messageQueueTable key");
            offsets.put(MessageQueue.fromJson(queue), JsonObject.toLong(table.members().get(key), "offset"));
        }
        return offsets;
    }

    private static CompletableFuture<RemotingCommand> done(RemotingCommand response) {
        return CompletableFuture.completedFuture(response);
    }
}
