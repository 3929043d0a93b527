package org.tidemq.broker.retry;

import java.io.IOException;
import java.util.Optional;
import org.tidemq.broker.lock.RebalanceLockManager;
import org.tidemq.broker.subscription.SubscriptionGroupManager;
import org.tidemq.broker.topic.GroupTopics;
import org.tidemq.broker.topic.TopicConfigManager;
import org.tidemq.common.protocol.SubscriptionGroupConfig;
import org.tidemq.common.remoting.RemotingVersion;
import org.tidemq.common.remoting.ResponseCode;

/**
 * Routes a plain SEND_MESSAGE(_V2) to {@code %RETRY%<group>} — the Java consumer's fallback when
 * CONSUMER_SEND_MSG_BACK failed (facts §4.4): the client carries the message's reconsume count in header field
 * {@code j} and its limit in {@code l}. Like RocketMQ, the message goes to {@code %DLQ%<group>} (created on demand)
 * when the count exceeds the limit (the request's from client version V3_4_9, else the group's
 * {@code retryMaxTimes}), or at once when the group holds unexpired queue locks (it consumes orderly, where a retry
 * would break the order). Thread-safe.
 */
public final class RetrySendRouter {
    private final SubscriptionGroupManager groups;
    private final TopicConfigManager topics;
    private final RebalanceLockManager locks;
    private final Runnable onTopicCreated;

    /** Where the send goes: the original topic and queue, the DLQ, or a refusal ({@code code} ≠ SUCCESS). */
    public record Route(String topic, int queueId, boolean deadLetter, int code, String remark) {
        public boolean isRefused() {
            return code != ResponseCode.SUCCESS;
        }
    }

    /** @param onTopicCreated told after a DLQ topic was created (re-registers with name servers) */
    public RetrySendRouter(SubscriptionGroupManager groups, TopicConfigManager topics, RebalanceLockManager locks,
                           Runnable onTopicCreated) {
        this.groups = groups;
        this.topics = topics;
        this.locks = locks;
        this.onTopicCreated = onTopicCreated;
    }

    /**
     * The route of a send to {@code topic}; any topic that is not a retry topic keeps its route. The group is created
     * if unknown and {@code autoCreateSubscriptionGroup} allows it, else the send is refused with
     * SUBSCRIPTION_GROUP_NOT_EXIST.
     *
     * @param requestVersion the request's client version
     * @throws IOException when a created group or DLQ topic cannot be persisted
     */
    public Route route(String topic, int queueId, int reconsumeTimes, Integer maxReconsumeTimes, int requestVersion)
            throws IOException {
        if (!GroupTopics.isRetryTopic(topic)) {
            return new Route(topic, queueId, false, ResponseCode.SUCCESS, null);
        }
        String group = topic.substring(GroupTopics.RETRY_PREFIX.length());
        Optional<SubscriptionGroupConfig> found = groups.findOrCreate(group);
        if (found.isEmpty()) {
            return new Route(topic, queueId, false, ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST,
                    "subscription group not exist, " + group);
        }
        int max = found.get().retryMaxTimes();
        if (requestVersion >= RemotingVersion.V3_4_9 && maxReconsumeTimes != null) {
            max = maxReconsumeTimes;
        }
        if (reconsumeTimes > max || !locks.isLockAllExpired(group)) {
            String dlq = GroupTopics.dlqTopic(group);
            if (topics.select(dlq) == null) {
                topics.createDlqTopicIfAbsent(group);
                onTopicCreated.run();
            }
            return new Route(dlq, 0, true, ResponseCode.SUCCESS, null);
        }
        return new Route(topic, queueId, false, ResponseCode.SUCCESS, null);
    }
}
