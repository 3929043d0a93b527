package org.tidemq.broker.admin;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.tidemq.broker.client.ConsumerRegistry;
import org.tidemq.broker.client.ProducerRegistry;
import org.tidemq.broker.config.BrokerConfig;
import org.tidemq.broker.config.RuntimeBrokerConfig;
import org.tidemq.broker.stats.BrokerStatsProcessor;
import org.tidemq.broker.stats.BrokerStatsTable;
import org.tidemq.broker.offset.ConsumerOffsetManager;
import org.tidemq.broker.subscription.SubscriptionGroupManager;
import org.tidemq.broker.topic.SystemTopics;
import org.tidemq.broker.topic.TopicConfigManager;
import org.tidemq.common.remoting.RemotingServer;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.store.MessageStore;
import org.tidemq.store.mappedfile.MappedBufferSlice;

/**
 * The admin request processors of one broker and the codes each serves; {@link #registerOn} puts them all on one
 * executor, separate from the send, pull and client-management pools.
 */
public final class AdminProcessors {
    private final TopicAdminProcessor topicAdmin;
    private final TopicStatsProcessor topicStats;
    private final BrokerRuntimeInfoProcessor runtimeInfo;
    private final BrokerConfigProcessor brokerConfig;
    private final SubscriptionGroupAdminProcessor groupAdmin;
    private final ConsumeProgressProcessor consumeProgress;
    private final ClientConnectionProcessor clientConnections;
    private final ResetOffsetProcessor resetOffset;
    private final ConsumerRelayProcessor consumerRelay;
    private final ConsumerStatusProcessor consumerStatus;
    private final TopicListProcessor topicLists;
    private final CloneGroupOffsetProcessor cloneGroupOffset;
    private final BrokerStatsProcessor brokerStats;

    /**
     * @param puts                    the put counter, already added to the store as a dispatcher
     * @param sendQueueSize           requests waiting in the send executor's queue
     * @param pullQueueSize           requests waiting in the pull executor's queue
     * @param registerWithNameServers starts an immediate (asynchronous) registration with every name server
     * @param clientServer            the server clients connect to: requests to consumers go over its connections
     * @param brokerAddr              this broker's advertised {@code ip:port}
     * @param stats                   the per-topic and per-group traffic statistics the put and pull paths feed
     */
    public AdminProcessors(RuntimeBrokerConfig runtimeConfig, MessageStore store, TopicConfigManager topics,
                           SubscriptionGroupManager groups, ConsumerOffsetManager offsets, ConsumerRegistry consumers,
                           ProducerRegistry producers, MessagePutCounter puts, IntSupplier sendQueueSize,
                           IntSupplier pullQueueSize, Runnable registerWithNameServers, LongSupplier clockMillis,
                           RemotingServer clientServer, Supplier<String> brokerAddr,
                           BrokerStatsTable stats) {
        BrokerConfig config = runtimeConfig.current();
        String brokerName = config.identity().brokerName();
        topicAdmin = new TopicAdminProcessor(topics, store, offsets, registerWithNameServers);
        topicStats = new TopicStatsProcessor(brokerName, topics, store);
        runtimeInfo = new BrokerRuntimeInfoProcessor(config, store, puts, sendQueueSize, pullQueueSize, clockMillis);
        brokerConfig = new BrokerConfigProcessor(runtimeConfig);
        groupAdmin = new SubscriptionGroupAdminProcessor(groups, offsets);
        consumeProgress = new ConsumeProgressProcessor(brokerName, topics, offsets, consumers, store);
        clientConnections = new ClientConnectionProcessor(consumers, producers);
        resetOffset = new ResetOffsetProcessor(brokerName, () -> runtimeConfig.current().identity().isMaster(), store,
                topics, groups, offsets, consumers, clientServer::invokeOneway);
        consumerRelay = new ConsumerRelayProcessor(consumers, clientServer::invokeAsync, brokerName,
                offset -> copyOfRecord(store, offset));
        consumerStatus = new ConsumerStatusProcessor(consumers, clientServer::invokeAsync);
        Set<String> stockTopics = new HashSet<>();
        SystemTopics.create(config.identity().brokerClusterName(), brokerName, config.topics())
                .forEach(topic -> stockTopics.add(topic.topicName()));
        topicLists = new TopicListProcessor(stockTopics, offsets, brokerAddr);
        cloneGroupOffset = new CloneGroupOffsetProcessor(topics, offsets);
        brokerStats = new BrokerStatsProcessor(stats);
    }

    private static byte[] copyOfRecord(MessageStore store, long commitLogOffset) {
        try (MappedBufferSlice record = store.selectOneMessageByOffset(commitLogOffset)) {
            if (record == null) {
                return null;
            }
            byte[] copy = new byte[record.size()];
            record.buffer().duplicate().get(copy);
            return copy;
        }
    }

    /** Registers every admin request code on {@code target}, to run on {@code executor}. */
    public void registerOn(RemotingServer target, ExecutorService executor) {
        register(target, executor, topicAdmin, RequestCode.UPDATE_AND_CREATE_TOPIC, RequestCode.DELETE_TOPIC_IN_BROKER,
                RequestCode.GET_ALL_TOPIC_CONFIG, RequestCode.GET_TOPIC_CONFIG);
        register(target, executor, topicStats, RequestCode.GET_TOPIC_STATS_INFO);
        register(target, executor, runtimeInfo, RequestCode.GET_BROKER_RUNTIME_INFO);
        register(target, executor, brokerConfig, RequestCode.GET_BROKER_CONFIG, RequestCode.UPDATE_BROKER_CONFIG);
        register(target, executor, groupAdmin, RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP,
                RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG, RequestCode.DELETE_SUBSCRIPTIONGROUP,
                RequestCode.GET_SUBSCRIPTIONGROUP_CONFIG);
        register(target, executor, consumeProgress, RequestCode.GET_CONSUME_STATS,
                RequestCode.QUERY_TOPIC_CONSUME_BY_WHO, RequestCode.GET_ALL_CONSUMER_OFFSET);
        register(target, executor, clientConnections, RequestCode.GET_CONSUMER_CONNECTION_LIST,
                RequestCode.GET_PRODUCER_CONNECTION_LIST);
        register(target, executor, resetOffset, RequestCode.INVOKE_BROKER_TO_RESET_OFFSET);
        register(target, executor, consumerRelay, RequestCode.GET_CONSUMER_RUNNING_INFO,
                RequestCode.CONSUME_MESSAGE_DIRECTLY);
        register(target, executor, consumerStatus, RequestCode.INVOKE_BROKER_TO_GET_CONSUMER_STATUS);
        register(target, executor, topicLists, RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_BROKER,
                RequestCode.QUERY_TOPICS_BY_CONSUMER);
        register(target, executor, cloneGroupOffset, RequestCode.CLONE_GROUP_OFFSET);
        register(target, executor, brokerStats, RequestCode.VIEW_BROKER_STATS_DATA);
    }

    private static void register(RemotingServer target, ExecutorService executor, RequestProcessor processor,
                                 Integer... codes) {
        for (int code : List.of(codes)) {
            target.registerProcessor(code, processor, executor);
        }
    }
}
