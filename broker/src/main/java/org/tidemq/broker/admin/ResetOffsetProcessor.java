package org.tidemq.broker.admin;

import io.netty.channel.Channel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.broker.client.ClientChannel;
import org.tidemq.broker.client.ConsumerGroupInfo;
import org.tidemq.broker.client.ConsumerRegistry;
import org.tidemq.broker.client.MessageQueue;
import org.tidemq.broker.offset.ConsumerOffsetManager;
import org.tidemq.broker.subscription.SubscriptionGroupManager;
import org.tidemq.broker.topic.TopicConfigManager;
import org.tidemq.common.protocol.TopicConfig;
import org.tidemq.common.protocol.header.HeaderFields;
import org.tidemq.common.protocol.header.MissingHeaderFieldException;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RemotingVersion;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.store.MessageStore;

/**
 * INVOKE_BROKER_TO_RESET_OFFSET (222): moves a consumer group's offsets on a topic back (or forward) to a point in
 * time. Header: topic, group, timestamp (ms; negative = the queue's max offset), isForce, optional queueId (−1 =
 * every readable queue) and offset (an explicit target for that one queue, which must lie within [min, max]).
 *
 * <p>Per queue the target is the first offset stored at or after the timestamp. Without {@code isForce} a queue only
 * moves backwards: when the group's committed offset is already lower, it stays (RocketMQ's
 * {@code Broker2Client.resetOffset} rule; an explicit offset always applies). The results are committed to the
 * group's offsets here — so the reset holds even for consumers that are offline, as in RocketMQ 5.x's server-side
 * reset — and pushed as RESET_CONSUMER_CLIENT_OFFSET (220, oneway, body ResetOffsetBody) to every online consumer
 * of the group, which drops its in-flight messages and resumes from them. The answer is the ResetOffsetBody.
 *
 * <p>Refusals: a slave (SYSTEM_ERROR), unknown topic (TOPIC_NOT_EXIST), unknown group
 * (SUBSCRIPTION_GROUP_NOT_EXIST), explicit offset out of range (SYSTEM_ERROR). Thread-safe.
 */
public final class ResetOffsetProcessor implements RequestProcessor.Sync {
    private static final Logger LOG = LoggerFactory.getLogger(ResetOffsetProcessor.class);

    private final String brokerName;
    private final BooleanSupplier isMaster;
    private final MessageStore store;
    private final TopicConfigManager topics;
    private final SubscriptionGroupManager groups;
    private final ConsumerOffsetManager offsets;
    private final ConsumerRegistry consumers;
    private final BiFunction<Channel, RemotingCommand, CompletableFuture<Void>> oneway;

    /** @param oneway sends a oneway request on a client connection ({@code RemotingServer::invokeOneway}) */
    public ResetOffsetProcessor(String brokerName, BooleanSupplier isMaster, MessageStore store,
                                TopicConfigManager topics, SubscriptionGroupManager groups,
                                ConsumerOffsetManager offsets, ConsumerRegistry consumers,
                                BiFunction<Channel, RemotingCommand, CompletableFuture<Void>> oneway) {
        this.brokerName = brokerName;
        this.isMaster = isMaster;
        this.store = store;
        this.topics = topics;
        this.groups = groups;
        this.offsets = offsets;
        this.consumers = consumers;
        this.oneway = oneway;
    }

    @Override
    public RemotingCommand processNow(RequestContext context, RemotingCommand request) {
        String topic;
        String group;
        long timestamp;
        try {
            topic = HeaderFields.required(request, "topic");
            group = HeaderFields.required(request, "group");
            timestamp = HeaderFields.requiredLong(request, "timestamp");
        } catch (MissingHeaderFieldException e) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
        Long queueIdField = HeaderFields.optionalLong(request, "queueId");
        Long explicitOffset = HeaderFields.optionalLong(request, "offset");
        boolean force = request.boolField("isForce");
        if (!isMaster.getAsBoolean()) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "Can not reset offset in slave broker");
        }
        TopicConfig topicConfig = topics.select(topic);
        if (topicConfig == null) {
            return RemotingCommand.responseTo(request, ResponseCode.TOPIC_NOT_EXIST,
                    "Topic " + topic + " does not exist");
        }
        if (groups.select(group) == null) {
            return RemotingCommand.responseTo(request, ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST,
                    "Group " + group + " does not exist");
        }
        Map<Integer, Long> targets = new LinkedHashMap<>();
        int queueId = queueIdField == null ? -1 : queueIdField.intValue();
        if (queueId >= 0 && explicitOffset != null && explicitOffset != -1) {
            long min = store.getMinOffsetInQueue(topic, queueId);
            long max = store.getMaxOffsetInQueue(topic, queueId);
            if (explicitOffset < min || explicitOffset > max) {
                return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, String.format(
                        "Target offset %d not in consume queue range [%d-%d]", explicitOffset, min, max));
            }
            targets.put(queueId, explicitOffset);
        } else if (queueId >= 0) {
            targets.put(queueId, keepLowerUnlessForced(group, topic, queueId, offsetAt(topic, queueId, timestamp),
                    force));
        } else {
            for (int q = 0; q < topicConfig.readQueueNums(); q++) {
                targets.put(q, keepLowerUnlessForced(group, topic, q, offsetAt(topic, q, timestamp), force));
            }
        }
        Map<MessageQueue, Long> table = new LinkedHashMap<>();
        targets.forEach((q, offset) -> {
            offsets.commitOffset(group, topic, q, offset);
            table.put(new MessageQueue(topic, brokerName, q), offset);
        });
        ResetOffsetBody body = new ResetOffsetBody(table);
        pushToConsumers(topic, group, timestamp, force, body);
        LOG.info("offsets of group {} on topic {} reset to {} (timestamp {}, force {}) by {}", group, topic, targets,
                timestamp, force, context.remoteAddressText());
        return RemotingCommand.successTo(request).setBody(body.encode());
    }

    private long offsetAt(String topic, int queueId, long timestamp) {
        long offset = timestamp < 0 ? store.getMaxOffsetInQueue(topic, queueId)
                : store.getOffsetInQueueByTime(topic, queueId, timestamp);
        return Math.max(0, offset);
    }

    private long keepLowerUnlessForced(String group, String topic, int queueId, long target, boolean force) {
        long committed = offsets.queryOffset(group, topic, queueId);
        if (force || committed == ConsumerOffsetManager.NO_OFFSET || target < committed) {
            return target;
        }
        return committed;
    }

    private void pushToConsumers(String topic, String group, long timestamp, boolean force, ResetOffsetBody body) {
        ConsumerGroupInfo info = consumers.group(group);
        List<ClientChannel> members = info == null ? List.of() : info.members();
        byte[] encoded = body.encode();
        for (ClientChannel member : members) {
            if (member.version() < RemotingVersion.V3_0_7_SNAPSHOT) {
                LOG.warn("consumer {} of group {} is too old to reset its offsets (version {})", member.clientId(),
                        group, member.version());
                continue;
            }
            RemotingCommand push = RemotingCommand.onewayRequest(RequestCode.RESET_CONSUMER_CLIENT_OFFSET)
                    .putField("topic", topic).putField("group", group).putField("timestamp", timestamp)
                    .putField("isForce", force).setBody(encoded);
            oneway.apply(member.channel(), push).whenComplete((ignored, error) -> {
                if (error != null) {
                    LOG.warn("pushing the offset reset of group {} on topic {} to {} failed: {}", group, topic,
                            member.clientId(), error.toString());
                }
            });
        }
    }
}
