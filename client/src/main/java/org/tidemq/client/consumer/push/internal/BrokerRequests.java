package org.tidemq.client.consumer.push.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.client.MessageQueue;
import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.client.consumer.internal.PullApi;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonReader;
import org.tidemq.common.remoting.RemotingClient;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * Answers what brokers send a push consumer over its connections (facts §4.6): NOTIFY_CONSUMER_IDS_CHANGED (40) →
 * immediate rebalance; GET_CONSUMER_RUNNING_INFO (307) → ConsumerRunningInfo JSON; RESET_CONSUMER_CLIENT_OFFSET (220)
 * → adopt the body's offsets and restart those queues' pulls; CONSUME_MESSAGE_DIRECTLY (309, body: the stored record
 * the broker read, header: consumerGroup, brokerName) → run the listener once on it and answer a
 * ConsumeMessageDirectlyResult. Requests for another group are answered with SYSTEM_ERROR naming it.
 */
final class BrokerRequests {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerRequests.class);

    private final DefaultPushConsumer consumer;

    BrokerRequests(DefaultPushConsumer consumer) {
        this.consumer = consumer;
    }

    void register(RemotingClient remoting, ExecutorService executor) {
        remoting.registerProcessor(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED,
                (RequestProcessor.Sync) (context, request) -> idsChanged(request), executor);
        remoting.registerProcessor(RequestCode.GET_CONSUMER_RUNNING_INFO,
                (RequestProcessor.Sync) (context, request) -> runningInfo(request), executor);
        remoting.registerProcessor(RequestCode.RESET_CONSUMER_CLIENT_OFFSET,
                (RequestProcessor.Sync) (context, request) -> resetOffset(request), executor);
        remoting.registerProcessor(RequestCode.CONSUME_MESSAGE_DIRECTLY,
                (RequestProcessor.Sync) (context, request) -> consumeDirectly(request), executor);
    }

    RemotingCommand consumeDirectly(RemotingCommand request) {
        String group = request.field("consumerGroup");
        if (group != null && !group.equals(consumer.group())) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "The Consumer Group <" + group + "> not exist in this consumer");
        }
        String brokerName = request.field("brokerName");
        List<ReceivedMessage> messages;
        try {
            messages = PullApi.decodeMessages(brokerName == null ? "broker" : brokerName, brokerName,
                    request.bodyBytes(), Set.of());
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "CONSUME_MESSAGE_DIRECTLY body is not a stored message: " + cause.getMessage());
        }
        if (messages.size() != 1) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "CONSUME_MESSAGE_DIRECTLY needs exactly one stored message as body, got " + messages.size());
        }
        return RemotingCommand.successTo(request).setBody(consumer.consumeDirectly(messages.get(0)).encode());
    }

    RemotingCommand idsChanged(RemotingCommand request) {
        String group = request.field("consumerGroup");
        if (group == null || group.equals(consumer.group())) {
            LOG.debug("consumer ids of {} changed; rebalancing", consumer.group());
            consumer.rebalanceNow();
        }
        return null;
    }

    RemotingCommand runningInfo(RemotingCommand request) {
        String group = request.field("consumerGroup");
        if (group != null && !group.equals(consumer.group())) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "The Consumer Group <" + group + "> not exist in this consumer");
        }
        return RemotingCommand.successTo(request).setBody(consumer.runningInfo());
    }

    RemotingCommand resetOffset(RemotingCommand request) {
        String group = request.field("group");
        String topic = request.field("topic");
        if (group != null && !group.equals(consumer.group())) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "reset offset for group " + group + " sent to a consumer of " + consumer.group());
        }
        byte[] body = request.bodyBytes();
        if (topic == null || body == null || body.length == 0) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "RESET_CONSUMER_CLIENT_OFFSET needs a topic and a ResetOffsetBody");
        }
        Map<MessageQueue, Long> offsets = parseOffsetTable(body);
        consumer.resetOffsets(topic, offsets);
        return RemotingCommand.successTo(request);
    }

    /** ResetOffsetBody {@code {"offsetTable":{{"brokerName":…,"queueId":…,"topic":…}:offset,…}}}. */
    static Map<MessageQueue, Long> parseOffsetTable(byte[] body) {
        JsonObject table = JsonReader.parseObject(body).object("offsetTable");
        Map<MessageQueue, Long> offsets = new HashMap<>();
        if (table == null) {
            return offsets;
        }
        table.members().forEach((key, value) -> offsets.put(
                MessageQueueJson.read(JsonObject.toObject(key, "offsetTable key")),
                JsonObject.toLong(value, "offsetTable value")));
        return offsets;
    }
}
