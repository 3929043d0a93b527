package org.tidemq.client.admin;

import org.tidemq.client.MessageQueue;
import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.common.protocol.ClusterInfo;
import org.tidemq.common.protocol.SubscriptionGroupConfig;
import org.tidemq.common.protocol.TopicRouteData;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Administers RocketMQ-protocol clusters (TideMQ or Apache RocketMQ) the way {@code mqadmin} does: topics, routes,
 * per-queue and per-group offsets, connections, broker state.
 *
 * <p>Calls block up to the request timeout per broker; a call spanning brokers (topic stats, consume stats) asks
 * them one after another and merges. Failures throw {@link AdminException} naming the broker and its answer.
 *
 * <p>Thread-safe. {@link #close()} releases the transport when the client created it.
 */
public interface AdminClient extends AutoCloseable {

    static AdminClientBuilder builder() {
        return new AdminClientBuilder();
    }

    /** Brokers and clusters the name server knows (GET_BROKER_CLUSTER_INFO). */
    ClusterInfo clusterInfo();

    /**
     * Creates or updates a topic on every master of {@code clusterOrBrokerAddr} (a cluster name), or on the one
     * broker when it is an {@code ip:port}; brokers then register the topic with the name servers.
     *
     * @throws IllegalArgumentException when the cluster is unknown
     */
    void createOrUpdateTopic(String clusterOrBrokerAddr, TopicSpec spec);

    /** Deletes a topic from every master of {@code cluster} and from every name server. */
    void deleteTopic(String cluster, String topic);

    /** The topic's route (GET_ROUTEINFO_BY_TOPIC). */
    TopicRouteData topicRoute(String topic);

    /** Every topic the name server knows (including cluster and broker-name pseudo topics). */
    Set<String> topicList();

    /** Min/max offset and last store time of every queue of the topic, over all its masters. */
    TopicStats topicStats(String topic);

    /**
     * A group's progress per queue (GET_CONSUME_STATS), over the masters of {@code topic}, or of every broker when
     * {@code topic} is null.
     */
    ConsumeStats consumeStats(String group, String topic);

    /** The group's live consumers as the first broker that knows them reports. */
    ConsumerConnection consumerConnection(String group);

    /** The producer group's live producers on a master of {@code topic}. */
    List<Connection> producerConnection(String producerGroup, String topic);

    /** GET_BROKER_RUNTIME_INFO's table. */
    Map<String, String> brokerRuntimeInfo(String brokerAddr);

    /** The broker's configuration (GET_BROKER_CONFIG), sorted by key. */
    Map<String, String> brokerConfig(String brokerAddr);

    /**
     * Messages of {@code topic} whose keys include {@code key}, stored between {@code beginMillis} and
     * {@code endMillis} (QUERY_MESSAGE on every master of the topic, at most {@code maxNum} index hits each). Index
     * hash collisions are filtered out here, so every returned message really carries the key.
     */
    List<ReceivedMessage> queryByKey(String topic, String key, int maxNum, long beginMillis, long endMillis);

    /** The message whose client-side unique id ({@code UNIQ_KEY}, the producer's message id) is {@code uniqueKey}. */
    Optional<ReceivedMessage> queryByUniqueKey(String topic, String uniqueKey);

    /**
     * Every stored copy of the message whose unique id is {@code uniqueKey} (a resend stores another copy under the
     * same id), oldest store time first, at most 32 per master.
     */
    List<ReceivedMessage> queryAllByUniqueKey(String topic, String uniqueKey);

    /**
     * The message an offset message id names (the broker's {@code offsetMsgId}), read from the broker that stored it
     * (VIEW_MESSAGE_BY_ID).
     *
     * @throws IllegalArgumentException when the text is not an offset message id
     * @throws AdminException           when the broker has no message at that offset or cannot be reached
     */
    ReceivedMessage viewMessage(String offsetMessageId);

    /** The name servers this client talks to, in the configured order. */
    List<String> nameServerAddresses();

    /**
     * Creates or updates a subscription group (UPDATE_AND_CREATE_SUBSCRIPTIONGROUP) on every master of
     * {@code clusterOrBrokerAddr} (a cluster name) or on the one broker when it is an {@code ip:port}.
     *
     * @return the brokers that accepted it
     */
    List<String> createOrUpdateSubscriptionGroup(String clusterOrBrokerAddr, SubscriptionGroupConfig config);

    /**
     * One broker's config of a subscription group (GET_SUBSCRIPTIONGROUP_CONFIG); empty when the broker has no such
     * group.
     */
    Optional<SubscriptionGroupConfig> subscriptionGroup(String brokerAddr, String group);

    /**
     * Deletes a subscription group (DELETE_SUBSCRIPTIONGROUP) from every master of {@code clusterOrBrokerAddr} or
     * the one broker; {@code removeOffset} also drops the group's committed offsets.
     *
     * @return the brokers that deleted it
     */
    List<String> deleteSubscriptionGroup(String clusterOrBrokerAddr, String group, boolean removeOffset);

    /** Changes broker configuration keys at run time (UPDATE_BROKER_CONFIG, body {@code key=value} lines). */
    void updateBrokerConfig(String brokerAddr, Map<String, String> properties);

    /**
     * Removes write permission of {@code brokerName}'s queues in one name server (WIPE_WRITE_PERM_OF_BROKER).
     *
     * @return how many topics the name server changed
     */
    int wipeWritePerm(String namesrvAddr, String brokerName);

    /** Restores write permission of {@code brokerName}'s queues (ADD_WRITE_PERM_OF_BROKER); returns topics changed. */
    int addWritePerm(String namesrvAddr, String brokerName);

    /** Stores a KV config item on every name server (PUT_KV_CONFIG). */
    void putKvConfig(String namespace, String key, String value);

    /** Deletes a KV config item from every name server (DELETE_KV_CONFIG). */
    void deleteKvConfig(String namespace, String key);

    /** A KV config item from the first name server that answers (GET_KV_CONFIG); empty when it has none. */
    Optional<String> kvConfig(String namespace, String key);

    /** One name server's configuration (GET_NAMESRV_CONFIG), sorted by key. */
    Map<String, String> namesrvConfig(String namesrvAddr);

    /** Changes configuration keys of one name server at run time (UPDATE_NAMESRV_CONFIG). */
    void updateNamesrvConfig(String namesrvAddr, Map<String, String> properties);

    /** The consumer groups that hold offsets of {@code topic} on any of its masters (QUERY_TOPIC_CONSUME_BY_WHO). */
    Set<String> topicConsumers(String topic);

    /**
     * Moves {@code group}'s offsets of {@code topic} to the first message stored at or after {@code timestampMillis}
     * on every master of the topic (INVOKE_BROKER_TO_RESET_OFFSET); online consumers are told by the brokers.
     *
     * @return the new offset per queue
     */
    default Map<MessageQueue, Long> resetOffsetByTime(String group, String topic, long timestampMillis,
                                                      boolean force) {
        return resetOffsetByTime(group, topic, timestampMillis, force, false);
    }

    /**
     * As {@link #resetOffsetByTime(String, String, long, boolean)}; {@code cplus} sends the request as the C++ client
     * language (RocketMQ brokers that reset through their clients then use the C++ clients' reset path).
     */
    Map<MessageQueue, Long> resetOffsetByTime(String group, String topic, long timestampMillis, boolean force,
                                              boolean cplus);

    /**
     * Moves {@code group}'s offset of one queue on one broker to {@code offset}: commits it there
     * (UPDATE_CONSUMER_OFFSET) and asks the broker to reset that queue (INVOKE_BROKER_TO_RESET_OFFSET with queueId and
     * offset), which tells online consumers. Brokers that cannot reset a single queue (refusal codes TOPIC_NOT_EXIST,
     * SUBSCRIPTION_GROUP_NOT_EXIST, SYSTEM_ERROR or CONSUMER_NOT_ONLINE on the second step) keep the committed offset,
     * as RocketMQ's tool does.
     */
    void resetQueueOffset(String brokerAddr, String group, String topic, int queueId, long offset);

    /** The offset of the first message of a queue stored at or after {@code timestampMillis} on one broker. */
    long searchOffset(String brokerAddr, String topic, int queueId, long timestampMillis);

    /**
     * Has one consumer consume one stored message now (CONSUME_MESSAGE_DIRECTLY through the broker that stored it,
     * which relays the stored record to the client): the consumer runs its listener once, moving no offsets.
     *
     * @param offsetMessageId the broker's offset message id of the message
     * @throws AdminException when the broker or the consumer refuses (e.g. the client is not connected)
     */
    DirectConsumeResult consumeMessageDirectly(String group, String clientId, String topic, String offsetMessageId);

    /**
     * Whether each group consuming the message's topic ({@link #topicConsumers}) has consumed it (RocketMQ's
     * {@code messageTrackDetail}), sorted by group. Per-group failures become tracks with an exception description.
     */
    List<MessageTrack> messageTrack(ReceivedMessage message);

    /** Copies {@code srcGroup}'s offsets of {@code topic} to {@code destGroup} on every master of the topic. */
    void cloneGroupOffset(String srcGroup, String destGroup, String topic, boolean offline);

    /**
     * Reads up to {@code maxMessages} messages of one queue from {@code queueOffset} on (PULL_MESSAGE as group
     * {@code TOOLS_CONSUMER}, nothing committed, no long polling) from the queue's master.
     *
     * @return the messages in queue order; empty when none is stored at that offset
     */
    List<ReceivedMessage> pullMessages(MessageQueue queue, long queueOffset, int maxMessages);

    /**
     * The offset of the first message of {@code queue} stored at or after {@code timestampMillis}
     * (SEARCH_OFFSET_BY_TIMESTAMP on the queue's master); the queue's max offset when there is none.
     */
    long searchOffset(MessageQueue queue, long timestampMillis);

    /**
     * One consumer's running state (GET_CONSUMER_RUNNING_INFO relayed by a broker the group is connected to), as
     * the ConsumerRunningInfo JSON the client answered.
     *
     * @param jstack ask the client to include its thread dump
     */
    String consumerRunningInfo(String group, String clientId, boolean jstack);

    /**
     * A broker's statistics item (VIEW_BROKER_STATS_DATA, e.g. {@code TOPIC_PUT_NUMS} of a topic or
     * {@code GROUP_GET_NUMS} of {@code topic@group}); empty when the broker has no such item or does not keep stats.
     */
    Optional<BrokerStats> brokerStats(String brokerAddr, String statsName, String statsKey);

    /** The broker's replication state (GET_BROKER_HA_STATUS). */
    HaStatus haStatus(String brokerAddr);

    @Override
    void close();
}
