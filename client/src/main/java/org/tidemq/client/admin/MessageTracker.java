package org.tidemq.client.admin;

import org.tidemq.client.MessageQueue;
import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.common.protocol.BrokerData;
import org.tidemq.common.protocol.ClusterInfo;
import org.tidemq.common.remoting.ResponseCode;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Works out, for every group that consumes a message's topic, whether it has consumed the message, as RocketMQ's
 * {@code MQAdminExt.messageTrackDetail} does: the group's connection tells pull from push; a push group has consumed
 * the message when its committed offset on the message's queue (on the broker that stored it) is past the message's
 * queue offset. All decisions are made from what the brokers answer at the time of the call.
 */
final class MessageTracker {
    private static final String CONSUME_ACTIVELY = "CONSUME_ACTIVELY";
    private static final String CONSUME_PASSIVELY = "CONSUME_PASSIVELY";
    private static final String BROADCASTING = "BROADCASTING";

    private final AdminClient admin;

    MessageTracker(AdminClient admin) {
        this.admin = admin;
    }

    /** One track per group of {@link AdminClient#topicConsumers}, sorted by group name. */
    List<MessageTrack> track(ReceivedMessage message) {
        List<MessageTrack> tracks = new ArrayList<>();
        ClusterInfo cluster = null;
        for (String group : admin.topicConsumers(message.topic())) {
            ConsumerConnection connection;
            try {
                connection = admin.consumerConnection(group);
            } catch (AdminException e) {
                tracks.add(refused(group, e));
                continue;
            }
            if (connection.connections().isEmpty()) {
                tracks.add(new MessageTrack(group, MessageTrack.TrackType.NOT_ONLINE,
                        "CODE:" + ResponseCode.CONSUMER_NOT_ONLINE + " DESC:Not found the consumer group connection"));
                continue;
            }
            if (CONSUME_ACTIVELY.equals(connection.consumeType())) {
                tracks.add(new MessageTrack(group, MessageTrack.TrackType.PULL, null));
                continue;
            }
            if (!CONSUME_PASSIVELY.equals(connection.consumeType())) {
                tracks.add(new MessageTrack(group, MessageTrack.TrackType.UNKNOWN, null));
                continue;
            }
            ConsumeStats stats;
            try {
                stats = admin.consumeStats(group, message.topic());
                if (cluster == null) {
                    cluster = admin.clusterInfo();
                }
            } catch (AdminException e) {
                tracks.add(refused(group, e));
                continue;
            }
            if (stats.queues().isEmpty() && BROADCASTING.equals(connection.messageModel())) {
                tracks.add(new MessageTrack(group, MessageTrack.TrackType.CONSUME_BROADCASTING, null));
                continue;
            }
            MessageTrack.TrackType type = !consumed(message, stats.queues(), cluster)
                    ? MessageTrack.TrackType.NOT_CONSUME_YET
                    : filtered(message, connection) ? MessageTrack.TrackType.CONSUMED_BUT_FILTERED
                    : MessageTrack.TrackType.CONSUMED;
            tracks.add(new MessageTrack(group, type, null));
        }
        return tracks;
    }

    private static MessageTrack refused(String group, AdminException e) {
        MessageTrack.TrackType type = e.responseCode() == ResponseCode.CONSUMER_NOT_ONLINE
                ? MessageTrack.TrackType.NOT_ONLINE : MessageTrack.TrackType.UNKNOWN;
        String description = e.responseCode() == AdminException.NO_RESPONSE ? e.getMessage()
                : "CODE:" + e.responseCode() + " DESC:" + e.remark();
        return new MessageTrack(group, type, description);
    }

    /**
     * True when the group's committed offset of the message's queue, on the master that stored the message, is past
     * the message's queue offset.
     */
    static boolean consumed(ReceivedMessage message, Map<MessageQueue, QueueConsumeStats> queues,
                            ClusterInfo cluster) {
        for (Map.Entry<MessageQueue, QueueConsumeStats> entry : queues.entrySet()) {
            MessageQueue queue = entry.getKey();
            if (!queue.topic().equals(message.topic()) || queue.queueId() != message.queueId()) {
                continue;
            }
            BrokerData broker = cluster.brokerAddrTable().get(queue.brokerName());
            if (broker != null && sameAddress(message.storeHost(), broker.masterAddr())
                    && entry.getValue().consumerOffset() > message.queueOffset()) {
                return true;
            }
        }
        return false;
    }

    /** The group subscribes the message's topic with tags that do not include the message's tag. */
    static boolean filtered(ReceivedMessage message, ConsumerConnection connection) {
        SubscriptionInfo subscription = connection.subscriptions().get(message.topic());
        if (subscription == null) {
            return false;
        }
        return !(subscription.tags().isEmpty() || subscription.tags().contains("*")
                || subscription.tags().contains(message.tags()));
    }

    private static boolean sameAddress(InetSocketAddress storeHost, String address) {
        return storeHost != null && address != null
                && address.equals(storeHost.getAddress().getHostAddress() + ":" + storeHost.getPort());
    }
}
