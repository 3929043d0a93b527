package org.tidemq.client.admin;

import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.common.protocol.ClusterInfo;
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
     * The message an offset message id names (the broker's {@code offsetMsgId}), read from the broker that stored it
     * (VIEW_MESSAGE_BY_ID).
     *
     * @throws IllegalArgumentException when the text is not an offset message id
     * @throws AdminException           when the broker has no message at that offset or cannot be reached
     */
    ReceivedMessage viewMessage(String offsetMessageId);

    @Override
    void close();
}
