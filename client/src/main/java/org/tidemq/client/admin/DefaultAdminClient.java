package org.tidemq.client.admin;

import org.tidemq.client.MessageQueue;
import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.client.consumer.internal.PullApi;
import org.tidemq.client.consumer.internal.PullResult;
import org.tidemq.client.consumer.internal.PullSpec;
import org.tidemq.client.consumer.internal.PullStatus;
import org.tidemq.client.route.NameServerClient;
import org.tidemq.client.route.TopicRouteNotFoundException;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonReader;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.message.OffsetMessageId;
import org.tidemq.common.protocol.BrokerData;
import org.tidemq.common.protocol.ClusterInfo;
import org.tidemq.common.protocol.KVTable;
import org.tidemq.common.protocol.SubscriptionGroupConfig;
import org.tidemq.common.protocol.TopicList;
import org.tidemq.common.protocol.TopicRouteData;
import org.tidemq.common.remoting.LanguageCode;
import org.tidemq.common.remoting.RemotingClient;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** The {@link AdminClient} implementation: blocking request/response calls over one remoting client. */
final class DefaultAdminClient implements AdminClient {
    private static final long SYNC_WAIT_GRACE_MILLIS = 2000;
    private static final String DEFAULT_TEMPLATE_TOPIC = "TBW102";
    private static final String RETRY_TOPIC_PREFIX = "%RETRY%";
    /** The extField that turns QUERY_MESSAGE's key into a unique-id lookup (RocketMQ's {@code _UNIQUE_KEY_QUERY}). */
    private static final String UNIQUE_KEY_QUERY_FIELD = "_UNIQUE_KEY_QUERY";
    /** RocketMQ clients ask for this many hits in a unique-key lookup (ids can repeat after a retried send). */
    private static final int UNIQUE_KEY_QUERY_MAX = 32;

    /** The group Apache's tools pull as; stock on every RocketMQ broker. */
    private static final String TOOLS_CONSUMER_GROUP = "TOOLS_CONSUMER";
    /** How RocketMQ 5.x brokers answer GET_SUBSCRIPTIONGROUP_CONFIG for an unknown group (code SYSTEM_ERROR). */
    private static final String NO_GROUP_REMARK = "No group in this broker";

    private final RemotingClient remoting;
    private final boolean ownsRemoting;
    private final NameServerClient nameServers;
    private final long timeoutMillis;
    private final List<String> configuredNameServers;

    DefaultAdminClient(RemotingClient remoting, boolean ownsRemoting, List<String> namesrvAddrs, long timeoutMillis) {
        this.remoting = remoting;
        this.configuredNameServers = List.copyOf(namesrvAddrs);
        this.ownsRemoting = ownsRemoting;
        this.nameServers = new NameServerClient(remoting, namesrvAddrs, timeoutMillis);
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public ClusterInfo clusterInfo() {
        RemotingCommand response = nameServer(() -> RemotingCommand.request(RequestCode.GET_BROKER_CLUSTER_INFO),
                "GET_BROKER_CLUSTER_INFO");
        return ClusterInfo.decode(requireBody(response, "GET_BROKER_CLUSTER_INFO"));
    }

    @Override
    public void createOrUpdateTopic(String clusterOrBrokerAddr, TopicSpec spec) {
        for (String address : targets(clusterOrBrokerAddr)) {
            RemotingCommand request = RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_TOPIC)
                    .putField("topic", spec.name())
                    .putField("defaultTopic", DEFAULT_TEMPLATE_TOPIC)
                    .putField("readQueueNums", spec.readQueues())
                    .putField("writeQueueNums", spec.writeQueues())
                    .putField("perm", spec.perm())
                    .putField("topicFilterType", "SINGLE_TAG")
                    .putField("topicSysFlag", 0)
                    .putField("order", spec.order());
            expectSuccess(broker(address, request, "UPDATE_AND_CREATE_TOPIC " + spec.name()), address,
                    "UPDATE_AND_CREATE_TOPIC " + spec.name());
        }
    }

    @Override
    public void deleteTopic(String cluster, String topic) {
        for (String address : targets(cluster)) {
            RemotingCommand request = RemotingCommand.request(RequestCode.DELETE_TOPIC_IN_BROKER)
                    .putField("topic", topic);
            expectSuccess(broker(address, request, "DELETE_TOPIC_IN_BROKER " + topic), address,
                    "DELETE_TOPIC_IN_BROKER " + topic);
        }
        for (String address : nameServers.addresses()) {
            RemotingCommand request = RemotingCommand.request(RequestCode.DELETE_TOPIC_IN_NAMESRV)
                    .putField("topic", topic).putField("clusterName", cluster);
            expectSuccess(broker(address, request, "DELETE_TOPIC_IN_NAMESRV " + topic), address,
                    "DELETE_TOPIC_IN_NAMESRV " + topic);
        }
    }

    @Override
    public TopicRouteData topicRoute(String topic) {
        try {
            return await(nameServers.fetchRoute(topic), "route of " + topic);
        } catch (AdminException e) {
            if (e.getCause() instanceof TopicRouteNotFoundException notFound) {
                throw new AdminException(notFound.getMessage(), ResponseCode.TOPIC_NOT_EXIST);
            }
            throw e;
        }
    }

    @Override
    public Set<String> topicList() {
        RemotingCommand response = nameServer(
                () -> RemotingCommand.request(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER),
                "GET_ALL_TOPIC_LIST_FROM_NAMESERVER");
        return new TreeSet<>(TopicList.decode(requireBody(response, "GET_ALL_TOPIC_LIST_FROM_NAMESERVER"))
                .topicList());
    }

    @Override
    public TopicStats topicStats(String topic) {
        Map<MessageQueue, QueueStats> queues = new HashMap<>();
        for (String address : masters(topicRoute(topic))) {
            RemotingCommand request = RemotingCommand.request(RequestCode.GET_TOPIC_STATS_INFO)
                    .putField("topic", topic);
            RemotingCommand response = expectSuccess(broker(address, request, "GET_TOPIC_STATS_INFO " + topic),
                    address, "GET_TOPIC_STATS_INFO " + topic);
            JsonObject table = JsonReader.parseObject(requireBody(response, "GET_TOPIC_STATS_INFO"))
                    .object("offsetTable");
            if (table != null) {
                table.members().forEach((key, value) -> {
                    JsonObject stats = JsonObject.toObject(value, "TopicOffset");
                    queues.put(AdminJson.messageQueue(key), new QueueStats(stats.longValue("minOffset", 0),
                            stats.longValue("maxOffset", 0), stats.longValue("lastUpdateTimestamp", 0)));
                });
            }
        }
        return new TopicStats(topic, queues);
    }

    @Override
    public ConsumeStats consumeStats(String group, String topic) {
        List<String> brokers = topic == null ? allMasters() : masters(topicRoute(topic));
        Map<MessageQueue, QueueConsumeStats> queues = new HashMap<>();
        double tps = 0;
        AdminException lastRefusal = null;
        for (String address : brokers) {
            RemotingCommand request = RemotingCommand.request(RequestCode.GET_CONSUME_STATS)
                    .putField("consumerGroup", group).putField("topic", topic);
            RemotingCommand response = broker(address, request, "GET_CONSUME_STATS " + group);
            if (response.code() != ResponseCode.SUCCESS) {
                lastRefusal = refusal(response, address, "GET_CONSUME_STATS " + group);
                continue;
            }
            JsonObject body = JsonReader.parseObject(requireBody(response, "GET_CONSUME_STATS"));
            tps += AdminJson.number(body, "consumeTps");
            JsonObject table = body.object("offsetTable");
            if (table != null) {
                table.members().forEach((key, value) -> {
                    JsonObject offsets = JsonObject.toObject(value, "OffsetWrapper");
                    long consumer = offsets.longValue("consumerOffset", 0);
                    queues.put(AdminJson.messageQueue(key), new QueueConsumeStats(offsets.longValue("brokerOffset", 0),
                            consumer, offsets.longValue("pullOffset", consumer), offsets.longValue("lastTimestamp", 0)));
                });
            }
        }
        if (queues.isEmpty() && lastRefusal != null) {
            throw lastRefusal;
        }
        return new ConsumeStats(group, queues, tps);
    }

    @Override
    public ConsumerConnection consumerConnection(String group) {
        List<String> candidates = new ArrayList<>();
        try {
            candidates.addAll(masters(topicRoute(RETRY_TOPIC_PREFIX + group)));
        } catch (AdminException e) {
            // No retry topic (yet): ask every broker instead.
        }
        candidates.addAll(allMasters());
        AdminException lastRefusal = new AdminException("no broker to ask for consumers of " + group,
                AdminException.NO_RESPONSE);
        for (String address : new LinkedHashSet<>(candidates)) {
            RemotingCommand request = RemotingCommand.request(RequestCode.GET_CONSUMER_CONNECTION_LIST)
                    .putField("consumerGroup", group);
            RemotingCommand response = broker(address, request, "GET_CONSUMER_CONNECTION_LIST " + group);
            if (response.code() != ResponseCode.SUCCESS) {
                lastRefusal = refusal(response, address, "GET_CONSUMER_CONNECTION_LIST " + group);
                continue;
            }
            JsonObject body = JsonReader.parseObject(requireBody(response, "GET_CONSUMER_CONNECTION_LIST"));
            Map<String, SubscriptionInfo> subscriptions = new LinkedHashMap<>();
            JsonObject table = body.object("subscriptionTable");
            if (table != null) {
                table.members().forEach((key, value) -> subscriptions.put(JsonObject.toText(key, "topic"),
                        AdminJson.subscription(JsonObject.toObject(value, "SubscriptionData"))));
            }
            return new ConsumerConnection(AdminJson.connections(body), body.string("consumeType"),
                    body.string("messageModel"), body.string("consumeFromWhere"), subscriptions);
        }
        throw lastRefusal;
    }

    @Override
    public List<Connection> producerConnection(String producerGroup, String topic) {
        AdminException lastRefusal = new AdminException("topic " + topic + " has no master broker",
                AdminException.NO_RESPONSE);
        for (String address : masters(topicRoute(topic))) {
            RemotingCommand request = RemotingCommand.request(RequestCode.GET_PRODUCER_CONNECTION_LIST)
                    .putField("producerGroup", producerGroup);
            RemotingCommand response = broker(address, request, "GET_PRODUCER_CONNECTION_LIST " + producerGroup);
            if (response.code() == ResponseCode.SUCCESS) {
                return AdminJson.connections(JsonReader.parseObject(
                        requireBody(response, "GET_PRODUCER_CONNECTION_LIST")));
            }
            lastRefusal = refusal(response, address, "GET_PRODUCER_CONNECTION_LIST " + producerGroup);
        }
        throw lastRefusal;
    }

    @Override
    public Map<String, String> brokerRuntimeInfo(String brokerAddr) {
        RemotingCommand response = expectSuccess(broker(brokerAddr,
                RemotingCommand.request(RequestCode.GET_BROKER_RUNTIME_INFO), "GET_BROKER_RUNTIME_INFO"),
                brokerAddr, "GET_BROKER_RUNTIME_INFO");
        return KVTable.decode(requireBody(response, "GET_BROKER_RUNTIME_INFO")).table();
    }

    @Override
    public Map<String, String> brokerConfig(String brokerAddr) {
        RemotingCommand response = expectSuccess(broker(brokerAddr,
                RemotingCommand.request(RequestCode.GET_BROKER_CONFIG), "GET_BROKER_CONFIG"),
                brokerAddr, "GET_BROKER_CONFIG");
        return parseProperties(response.bodyText());
    }

    @Override
    public List<ReceivedMessage> queryByKey(String topic, String key, int maxNum, long beginMillis, long endMillis) {
        return query(topic, key, maxNum, beginMillis, endMillis, false).stream()
                .filter(message -> message.keys().contains(key))
                .toList();
    }

    @Override
    public Optional<ReceivedMessage> queryByUniqueKey(String topic, String uniqueKey) {
        return query(topic, uniqueKey, UNIQUE_KEY_QUERY_MAX, 0, Long.MAX_VALUE, true).stream()
                .filter(message -> uniqueKey.equals(message.property(MessageProperties.UNIQ_KEY)))
                .findFirst();
    }

    @Override
    public List<ReceivedMessage> queryAllByUniqueKey(String topic, String uniqueKey) {
        return query(topic, uniqueKey, UNIQUE_KEY_QUERY_MAX, 0, Long.MAX_VALUE, true).stream()
                .filter(message -> uniqueKey.equals(message.property(MessageProperties.UNIQ_KEY)))
                .sorted(Comparator.comparingLong(ReceivedMessage::storeTimestamp))
                .toList();
    }

    @Override
    public ReceivedMessage viewMessage(String offsetMessageId) {
        OffsetMessageId id = OffsetMessageId.decode(offsetMessageId);
        String address = id.storeHost().getAddress().getHostAddress() + ":" + id.storeHost().getPort();
        RemotingCommand request = RemotingCommand.request(RequestCode.VIEW_MESSAGE_BY_ID)
                .putField("offset", Long.toString(id.commitLogOffset()));
        String what = "VIEW_MESSAGE_BY_ID " + offsetMessageId;
        RemotingCommand response = expectSuccess(broker(address, request, what), address, what);
        List<ReceivedMessage> messages = PullApi.decodeMessages(address, brokerNameOf(address),
                requireBody(response, what), Set.of());
        if (messages.isEmpty()) {
            throw new AdminException(address + " answered " + what + " without a message", response.code());
        }
        return messages.get(0);
    }

    @Override
    public List<String> nameServerAddresses() {
        return configuredNameServers;
    }

    @Override
    public List<String> createOrUpdateSubscriptionGroup(String clusterOrBrokerAddr, SubscriptionGroupConfig config) {
        List<String> done = new ArrayList<>();
        String what = "UPDATE_AND_CREATE_SUBSCRIPTIONGROUP " + config.groupName();
        for (String address : targets(clusterOrBrokerAddr)) {
            RemotingCommand request = RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP)
                    .setBody(config.encode());
            expectSuccess(broker(address, request, what), address, what);
            done.add(address);
        }
        return done;
    }

    @Override
    public Optional<SubscriptionGroupConfig> subscriptionGroup(String brokerAddr, String group) {
        String what = "GET_SUBSCRIPTIONGROUP_CONFIG " + group;
        RemotingCommand response = broker(brokerAddr, RemotingCommand.request(RequestCode.GET_SUBSCRIPTIONGROUP_CONFIG)
                .putField("group", group), what);
        if (response.code() == ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST
                || (response.code() == ResponseCode.SYSTEM_ERROR && NO_GROUP_REMARK.equals(response.remark()))) {
            return Optional.empty();
        }
        expectSuccess(response, brokerAddr, what);
        return Optional.of(SubscriptionGroupConfig.decode(requireBody(response, what)));
    }

    @Override
    public List<String> deleteSubscriptionGroup(String clusterOrBrokerAddr, String group, boolean removeOffset) {
        List<String> done = new ArrayList<>();
        String what = "DELETE_SUBSCRIPTIONGROUP " + group;
        for (String address : targets(clusterOrBrokerAddr)) {
            RemotingCommand request = RemotingCommand.request(RequestCode.DELETE_SUBSCRIPTIONGROUP)
                    .putField("groupName", group).putField("cleanOffset", removeOffset);
            expectSuccess(broker(address, request, what), address, what);
            done.add(address);
        }
        return done;
    }

    @Override
    public void updateBrokerConfig(String brokerAddr, Map<String, String> properties) {
        RemotingCommand request = RemotingCommand.request(RequestCode.UPDATE_BROKER_CONFIG)
                .setBody(propertiesText(properties));
        expectSuccess(broker(brokerAddr, request, "UPDATE_BROKER_CONFIG"), brokerAddr, "UPDATE_BROKER_CONFIG");
    }

    @Override
    public int wipeWritePerm(String namesrvAddr, String brokerName) {
        return writePermChange(namesrvAddr, brokerName, RequestCode.WIPE_WRITE_PERM_OF_BROKER, "wipeTopicCount");
    }

    @Override
    public int addWritePerm(String namesrvAddr, String brokerName) {
        return writePermChange(namesrvAddr, brokerName, RequestCode.ADD_WRITE_PERM_OF_BROKER, "addTopicCount");
    }

    private int writePermChange(String namesrvAddr, String brokerName, int code, String countField) {
        String what = RequestCode.nameOf(code) + " " + brokerName;
        RemotingCommand request = RemotingCommand.request(code).putField("brokerName", brokerName);
        RemotingCommand response = expectSuccess(broker(namesrvAddr, request, what), namesrvAddr, what);
        Integer count = response.intField(countField);
        return count == null ? 0 : count;
    }

    @Override
    public void putKvConfig(String namespace, String key, String value) {
        for (String address : configuredNameServers) {
            RemotingCommand request = RemotingCommand.request(RequestCode.PUT_KV_CONFIG)
                    .putField("namespace", namespace).putField("key", key).putField("value", value);
            expectSuccess(broker(address, request, "PUT_KV_CONFIG " + key), address, "PUT_KV_CONFIG " + key);
        }
    }

    @Override
    public void deleteKvConfig(String namespace, String key) {
        for (String address : configuredNameServers) {
            RemotingCommand request = RemotingCommand.request(RequestCode.DELETE_KV_CONFIG)
                    .putField("namespace", namespace).putField("key", key);
            expectSuccess(broker(address, request, "DELETE_KV_CONFIG " + key), address, "DELETE_KV_CONFIG " + key);
        }
    }

    @Override
    public Optional<String> kvConfig(String namespace, String key) {
        RemotingCommand response = await(nameServers.invoke(() -> RemotingCommand.request(RequestCode.GET_KV_CONFIG)
                .putField("namespace", namespace).putField("key", key)), "GET_KV_CONFIG " + key);
        if (response.code() == ResponseCode.QUERY_NOT_FOUND) {
            return Optional.empty();
        }
        expectSuccess(response, "name server", "GET_KV_CONFIG " + key);
        return Optional.ofNullable(response.field("value"));
    }

    @Override
    public Map<String, String> namesrvConfig(String namesrvAddr) {
        RemotingCommand response = expectSuccess(broker(namesrvAddr,
                RemotingCommand.request(RequestCode.GET_NAMESRV_CONFIG), "GET_NAMESRV_CONFIG"),
                namesrvAddr, "GET_NAMESRV_CONFIG");
        return parseProperties(response.bodyText());
    }

    @Override
    public void updateNamesrvConfig(String namesrvAddr, Map<String, String> properties) {
        RemotingCommand request = RemotingCommand.request(RequestCode.UPDATE_NAMESRV_CONFIG)
                .setBody(propertiesText(properties));
        expectSuccess(broker(namesrvAddr, request, "UPDATE_NAMESRV_CONFIG"), namesrvAddr, "UPDATE_NAMESRV_CONFIG");
    }

    @Override
    public Set<String> topicConsumers(String topic) {
        Set<String> groups = new TreeSet<>();
        for (String address : masters(topicRoute(topic))) {
            RemotingCommand request = RemotingCommand.request(RequestCode.QUERY_TOPIC_CONSUME_BY_WHO)
                    .putField("topic", topic);
            String what = "QUERY_TOPIC_CONSUME_BY_WHO " + topic;
            RemotingCommand response = expectSuccess(broker(address, request, what), address, what);
            List<Object> list = JsonReader.parseObject(requireBody(response, what)).array("groupList");
            if (list != null) {
                list.forEach(group -> groups.add(JsonObject.toText(group, "groupList item")));
            }
        }
        return groups;
    }

    @Override
    public Map<MessageQueue, Long> resetOffsetByTime(String group, String topic, long timestampMillis,
                                                     boolean force, boolean cplus) {
        Map<MessageQueue, Long> offsets = new TreeMap<>(AdminJson.QUEUE_ORDER);
        String what = "INVOKE_BROKER_TO_RESET_OFFSET " + group + "/" + topic;
        TopicRouteData route = topicRoute(topic);
        for (BrokerData broker : route.brokerDatas()) {
            String address = broker.masterAddr();
            if (address == null) {
                continue;
            }
            RemotingCommand request = RemotingCommand.request(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET)
                    .putField("topic", topic).putField("group", group).putField("queueId", -1)
                    .putField("timestamp", timestampMillis).putField("isForce", force).putField("offset", -1);
            if (cplus) {
                request.setLanguage(LanguageCode.CPP);
            }
            RemotingCommand response = broker(address, request, what);
            if (response.code() == ResponseCode.CONSUMER_NOT_ONLINE) {
                offsets.putAll(resetOfflineGroup(address, broker.brokerName(), group, topic, timestampMillis, force));
                continue;
            }
            expectSuccess(response, address, what);
            byte[] body = response.bodyBytes();
            if (body == null || body.length == 0) {
                continue;
            }
            JsonObject table = JsonReader.parseObject(body).object("offsetTable");
            if (table != null) {
                table.members().forEach((key, value) -> offsets.put(AdminJson.messageQueue(key),
                        ((Number) value).longValue()));
            }
        }
        return offsets;
    }

    /**
     * Brokers that only reset offsets through online consumers (Apache's answer 206): commit the offsets directly,
     * for the queues the group has offsets on, as Apache's tool falls back to.
     */
    private Map<MessageQueue, Long> resetOfflineGroup(String address, String brokerName, String group, String topic,
                                                      long timestampMillis, boolean force) {
        Map<MessageQueue, Long> offsets = new TreeMap<>(AdminJson.QUEUE_ORDER);
        RemotingCommand statsRequest = RemotingCommand.request(RequestCode.GET_CONSUME_STATS)
                .putField("consumerGroup", group).putField("topic", topic);
        RemotingCommand stats = expectSuccess(broker(address, statsRequest, "GET_CONSUME_STATS " + group), address,
                "GET_CONSUME_STATS " + group);
        JsonObject table = JsonReader.parseObject(requireBody(stats, "GET_CONSUME_STATS")).object("offsetTable");
        if (table == null) {
            return offsets;
        }
        Map<MessageQueue, Long> current = new TreeMap<>(AdminJson.QUEUE_ORDER);
        table.members().forEach((key, value) -> current.put(AdminJson.messageQueue(key),
                JsonObject.toObject(value, "OffsetWrapper").longValue("consumerOffset", 0)));
        for (Map.Entry<MessageQueue, Long> entry : current.entrySet()) {
            MessageQueue queue = entry.getKey();
            if (!brokerName.equals(queue.brokerName()) || !topic.equals(queue.topic())) {
                continue;
            }
            String search = "SEARCH_OFFSET_BY_TIMESTAMP " + queue;
            RemotingCommand found = expectSuccess(broker(address, RemotingCommand.request(
                    RequestCode.SEARCH_OFFSET_BY_TIMESTAMP).putField("topic", topic)
                    .putField("queueId", queue.queueId()).putField("timestamp", timestampMillis), search),
                    address, search);
            Long target = found.longField("offset");
            if (target == null) {
                throw new AdminException(address + " answered " + search + " without an offset", found.code());
            }
            if (force || target < entry.getValue()) {
                String update = "UPDATE_CONSUMER_OFFSET " + group + " " + queue;
                expectSuccess(broker(address, RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET)
                        .putField("consumerGroup", group).putField("topic", topic)
                        .putField("queueId", queue.queueId()).putField("commitOffset", target), update),
                        address, update);
                offsets.put(queue, target);
            }
        }
        return offsets;
    }

    @Override
    public void resetQueueOffset(String brokerAddr, String group, String topic, int queueId, long offset) {
        String update = "UPDATE_CONSUMER_OFFSET " + group + " " + topic + "/" + queueId;
        expectSuccess(broker(brokerAddr, RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET)
                .putField("consumerGroup", group).putField("topic", topic).putField("queueId", queueId)
                .putField("commitOffset", offset), update), brokerAddr, update);
        String reset = "INVOKE_BROKER_TO_RESET_OFFSET " + group + " " + topic + "/" + queueId;
        RemotingCommand response = broker(brokerAddr, RemotingCommand.request(
                RequestCode.INVOKE_BROKER_TO_RESET_OFFSET).putField("topic", topic).putField("group", group)
                .putField("timestamp", 0).putField("isForce", false).putField("queueId", queueId)
                .putField("offset", offset), reset);
        switch (response.code()) {
            case ResponseCode.SUCCESS, ResponseCode.TOPIC_NOT_EXIST, ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST,
                    ResponseCode.SYSTEM_ERROR, ResponseCode.CONSUMER_NOT_ONLINE -> {
                // The committed offset stands; only telling online consumers may have failed.
            }
            default -> throw refusal(response, brokerAddr, reset);
        }
    }

    @Override
    public long searchOffset(String brokerAddr, String topic, int queueId, long timestampMillis) {
        String what = "SEARCH_OFFSET_BY_TIMESTAMP " + topic + "/" + queueId;
        RemotingCommand found = expectSuccess(broker(brokerAddr, RemotingCommand.request(
                RequestCode.SEARCH_OFFSET_BY_TIMESTAMP).putField("topic", topic).putField("queueId", queueId)
                .putField("timestamp", timestampMillis), what), brokerAddr, what);
        Long offset = found.longField("offset");
        if (offset == null) {
            throw new AdminException(brokerAddr + " answered " + what + " without an offset", found.code());
        }
        return offset;
    }

    @Override
    public DirectConsumeResult consumeMessageDirectly(String group, String clientId, String topic,
                                                      String offsetMessageId) {
        OffsetMessageId id = OffsetMessageId.decode(offsetMessageId);
        String address = id.storeHost().getAddress().getHostAddress() + ":" + id.storeHost().getPort();
        String what = "CONSUME_MESSAGE_DIRECTLY " + offsetMessageId + " to " + clientId;
        RemotingCommand request = RemotingCommand.request(RequestCode.CONSUME_MESSAGE_DIRECTLY)
                .putField("consumerGroup", group).putField("clientId", clientId).putField("msgId", offsetMessageId)
                .putField("topic", topic);
        RemotingCommand response = expectSuccess(broker(address, request, what), address, what);
        return DirectConsumeResult.decode(requireBody(response, what));
    }

    @Override
    public List<MessageTrack> messageTrack(ReceivedMessage message) {
        return new MessageTracker(this).track(message);
    }

    @Override
    public void cloneGroupOffset(String srcGroup, String destGroup, String topic, boolean offline) {
        String what = "CLONE_GROUP_OFFSET " + srcGroup + " -> " + destGroup;
        for (String address : masters(topicRoute(topic))) {
            RemotingCommand request = RemotingCommand.request(RequestCode.CLONE_GROUP_OFFSET)
                    .putField("srcGroup", srcGroup).putField("destGroup", destGroup).putField("topic", topic)
                    .putField("offline", offline);
            expectSuccess(broker(address, request, what), address, what);
        }
    }

    @Override
    public String consumerRunningInfo(String group, String clientId, boolean jstack) {
        List<String> candidates = new ArrayList<>();
        try {
            candidates.addAll(masters(topicRoute(RETRY_TOPIC_PREFIX + group)));
        } catch (AdminException e) {
            // No retry topic: ask every broker.
        }
        candidates.addAll(allMasters());
        String what = "GET_CONSUMER_RUNNING_INFO " + group + " " + clientId;
        AdminException lastRefusal = new AdminException("no broker to ask for " + what, AdminException.NO_RESPONSE);
        for (String address : new LinkedHashSet<>(candidates)) {
            RemotingCommand request = RemotingCommand.request(RequestCode.GET_CONSUMER_RUNNING_INFO)
                    .putField("consumerGroup", group).putField("clientId", clientId).putField("jstackEnable", jstack);
            RemotingCommand response = broker(address, request, what);
            if (response.code() == ResponseCode.SUCCESS) {
                return new String(requireBody(response, what), StandardCharsets.UTF_8);
            }
            lastRefusal = refusal(response, address, what);
        }
        throw lastRefusal;
    }

    @Override
    public Optional<BrokerStats> brokerStats(String brokerAddr, String statsName, String statsKey) {
        String what = "VIEW_BROKER_STATS_DATA " + statsName + " " + statsKey;
        RemotingCommand response = broker(brokerAddr, RemotingCommand.request(RequestCode.VIEW_BROKER_STATS_DATA)
                .putField("statsName", statsName).putField("statsKey", statsKey), what);
        byte[] body = response.bodyBytes();
        if (response.code() != ResponseCode.SUCCESS || body == null || body.length == 0) {
            return Optional.empty();
        }
        JsonObject stats = JsonReader.parseObject(body);
        JsonObject minute = stats.object("statsMinute");
        JsonObject hour = stats.object("statsHour");
        JsonObject day = stats.object("statsDay");
        return Optional.of(new BrokerStats(minute == null ? 0 : AdminJson.number(minute, "tps"),
                minute == null ? 0 : minute.longValue("sum", 0), hour == null ? 0 : hour.longValue("sum", 0),
                day == null ? 0 : day.longValue("sum", 0)));
    }

    @Override
    public HaStatus haStatus(String brokerAddr) {
        String what = "GET_BROKER_HA_STATUS";
        RemotingCommand response = expectSuccess(broker(brokerAddr,
                RemotingCommand.request(RequestCode.GET_BROKER_HA_STATUS), what), brokerAddr, what);
        JsonObject info = JsonReader.parseObject(requireBody(response, what));
        List<HaStatus.SlaveConnection> slaves = new ArrayList<>();
        List<Object> connections = info.array("haConnectionInfo");
        if (connections != null) {
            for (Object item : connections) {
                JsonObject c = JsonObject.toObject(item, "haConnectionInfo item");
                slaves.add(new HaStatus.SlaveConnection(c.string("addr"), c.longValue("slaveAckOffset", 0),
                        c.longValue("diff", 0), c.boolValue("inSync", false), c.longValue("transferredByteInSecond", 0),
                        c.longValue("transferFromWhere", 0)));
            }
        }
        JsonObject client = info.object("haClientRuntimeInfo");
        HaStatus.SlaveState asSlave = client == null ? null : new HaStatus.SlaveState(client.string("masterAddr"),
                client.longValue("maxOffset", 0), client.longValue("transferredByteInSecond", 0),
                client.longValue("lastReadTimestamp", 0), client.longValue("lastWriteTimestamp", 0),
                client.longValue("masterFlushOffset", 0));
        return new HaStatus(info.boolValue("master", false), info.longValue("masterCommitLogMaxOffset", 0),
                info.intValue("inSyncSlaveNums", 0), slaves, asSlave);
    }

    @Override
    public long searchOffset(MessageQueue queue, long timestampMillis) {
        String address = masterOf(queue);
        String what = "SEARCH_OFFSET_BY_TIMESTAMP " + queue;
        RemotingCommand found = expectSuccess(broker(address, RemotingCommand.request(
                RequestCode.SEARCH_OFFSET_BY_TIMESTAMP).putField("topic", queue.topic())
                .putField("queueId", queue.queueId()).putField("timestamp", timestampMillis), what), address, what);
        Long offset = found.longField("offset");
        if (offset == null) {
            throw new AdminException(address + " answered " + what + " without an offset", found.code());
        }
        return offset;
    }

    private String masterOf(MessageQueue queue) {
        for (BrokerData data : topicRoute(queue.topic()).brokerDatas()) {
            if (data.brokerName().equals(queue.brokerName()) && data.masterAddr() != null) {
                return data.masterAddr();
            }
        }
        throw new AdminException("topic " + queue.topic() + " has no master broker named " + queue.brokerName(),
                ResponseCode.TOPIC_NOT_EXIST);
    }

    @Override
    public List<ReceivedMessage> pullMessages(MessageQueue queue, long queueOffset, int maxMessages) {
        String address = masterOf(queue);
        PullSpec spec = new PullSpec(TOOLS_CONSUMER_GROUP, queue, "*", null, 0, queueOffset, maxMessages, 0, false,
                0, timeoutMillis);
        PullResult result = await(new PullApi(remoting).pull(address, spec), "PULL_MESSAGE " + queue);
        return result.status() == PullStatus.FOUND ? result.messages() : List.of();
    }

    private static String propertiesText(Map<String, String> properties) {
        StringBuilder text = new StringBuilder();
        properties.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return text.toString();
    }

    private static Map<String, String> parseProperties(String text) {
        Map<String, String> config = new TreeMap<>();
        if (text != null) {
            for (String line : text.split("\n")) {
                int equals = line.indexOf('=');
                if (equals > 0 && !line.startsWith("#")) {
                    config.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
                }
            }
        }
        return config;
    }

    /** QUERY_MESSAGE on every master of {@code topic}; a broker without hits (code 22) contributes nothing. */
    private List<ReceivedMessage> query(String topic, String key, int maxNum, long beginMillis, long endMillis,
                                        boolean uniqueKey) {
        List<ReceivedMessage> found = new ArrayList<>();
        for (BrokerData broker : topicRoute(topic).brokerDatas()) {
            String address = broker.masterAddr();
            if (address == null) {
                continue;
            }
            RemotingCommand request = RemotingCommand.request(RequestCode.QUERY_MESSAGE)
                    .putField("topic", topic).putField("key", key).putField("maxNum", Integer.toString(maxNum))
                    .putField("beginTimestamp", Long.toString(beginMillis))
                    .putField("endTimestamp", Long.toString(endMillis));
            if (uniqueKey) {
                request.putField(UNIQUE_KEY_QUERY_FIELD, "true");
            }
            String what = "QUERY_MESSAGE " + topic + " key " + key;
            RemotingCommand response = broker(address, request, what);
            if (response.code() == ResponseCode.QUERY_NOT_FOUND) {
                continue;
            }
            expectSuccess(response, address, what);
            PullApi.decodeMessages(address, broker.brokerName(), response.bodyBytes(), Set.of()).stream()
                    .filter(message -> topic.equals(message.topic()))
                    .forEach(found::add);
        }
        return found;
    }

    private String brokerNameOf(String address) {
        for (BrokerData data : clusterInfo().brokerAddrTable().values()) {
            if (data.brokerAddrs().containsValue(address)) {
                return data.brokerName();
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- helpers

    /** The master addresses to act on: one broker for {@code ip:port}, else the cluster's masters. */
    private List<String> targets(String clusterOrBrokerAddr) {
        if (clusterOrBrokerAddr.contains(":")) {
            return List.of(clusterOrBrokerAddr);
        }
        ClusterInfo info = clusterInfo();
        Set<String> brokerNames = info.clusterAddrTable().get(clusterOrBrokerAddr);
        if (brokerNames == null) {
            throw new IllegalArgumentException("unknown cluster '" + clusterOrBrokerAddr + "'; known clusters: "
                    + info.clusterAddrTable().keySet());
        }
        List<String> masters = new ArrayList<>();
        for (String brokerName : brokerNames) {
            BrokerData data = info.brokerAddrTable().get(brokerName);
            if (data != null && data.masterAddr() != null) {
                masters.add(data.masterAddr());
            }
        }
        if (masters.isEmpty()) {
            throw new AdminException("cluster " + clusterOrBrokerAddr + " has no master broker",
                    AdminException.NO_RESPONSE);
        }
        return masters;
    }

    private List<String> allMasters() {
        List<String> masters = new ArrayList<>();
        for (BrokerData data : clusterInfo().brokerAddrTable().values()) {
            if (data.masterAddr() != null) {
                masters.add(data.masterAddr());
            }
        }
        return masters;
    }

    private static List<String> masters(TopicRouteData route) {
        List<String> masters = new ArrayList<>();
        for (BrokerData data : route.brokerDatas()) {
            if (data.masterAddr() != null) {
                masters.add(data.masterAddr());
            }
        }
        masters.sort(null);
        return masters;
    }

    private RemotingCommand nameServer(Supplier<RemotingCommand> request, String what) {
        RemotingCommand response = await(nameServers.invoke(request), what);
        if (response.code() != ResponseCode.SUCCESS) {
            throw refusal(response, "name server", what);
        }
        return response;
    }

    private RemotingCommand broker(String address, RemotingCommand request, String what) {
        return await(remoting.invokeAsync(address, request, timeoutMillis), what + " at " + address);
    }

    private static RemotingCommand expectSuccess(RemotingCommand response, String address, String what) {
        if (response.code() != ResponseCode.SUCCESS) {
            throw refusal(response, address, what);
        }
        return response;
    }

    private static AdminException refusal(RemotingCommand response, String address, String what) {
        return new AdminException(address + " refused " + what + ": code " + response.code() + " ("
                + ResponseCode.nameOf(response.code()) + ") " + response.remark(), response.code(), response.remark());
    }

    private static byte[] requireBody(RemotingCommand response, String what) {
        byte[] body = response.bodyBytes();
        if (body == null || body.length == 0) {
            throw new AdminException(what + " answered without a body", response.code());
        }
        return body;
    }

    private <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(timeoutMillis + SYNC_WAIT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException("interrupted during " + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new AdminException(what + " failed: " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new AdminException(what + " got no answer within " + timeoutMillis + " ms", e);
        }
    }

    @Override
    public void close() {
        if (ownsRemoting) {
            remoting.shutdown();
        }
    }
}
