package org.tidemq.namesrv.processor;

import org.tidemq.common.json.JsonParseException;
import org.tidemq.common.json.JsonTypeException;
import org.tidemq.common.protocol.QueueData;
import org.tidemq.common.protocol.TopicList;
import org.tidemq.common.protocol.TopicRouteData;
import org.tidemq.common.protocol.header.HeaderFields;
import org.tidemq.common.protocol.header.NamesrvAdminHeader;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.namesrv.config.NamesrvConfig;
import org.tidemq.namesrv.route.RouteRegistry;

import java.util.List;
import java.util.function.Supplier;

/** Cluster and topic administration: what {@code mqadmin clusterList/topicList/...} ask a name server. */
public final class ClusterAdminProcessor extends NamesrvRequestProcessor {
    private final RouteRegistry registry;
    private final Supplier<NamesrvConfig> config;

    public ClusterAdminProcessor(RouteRegistry registry, Supplier<NamesrvConfig> config) {
        this.registry = registry;
        this.config = config;
    }

    @Override
    public int[] requestCodes() {
        return new int[] {RequestCode.GET_BROKER_CLUSTER_INFO, RequestCode.WIPE_WRITE_PERM_OF_BROKER,
            RequestCode.ADD_WRITE_PERM_OF_BROKER, RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER,
            RequestCode.DELETE_TOPIC_IN_NAMESRV, RequestCode.REGISTER_TOPIC_IN_NAMESRV, RequestCode.GET_TOPICS_BY_CLUSTER,
            RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS, RequestCode.GET_UNIT_TOPIC_LIST,
            RequestCode.GET_HAS_UNIT_SUB_TOPIC_LIST, RequestCode.GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST,
            RequestCode.GET_BROKER_MEMBER_GROUP};
    }

    @Override
    protected RemotingCommand handle(RequestContext context, RemotingCommand request) {
        return switch (request.code()) {
            case RequestCode.GET_BROKER_CLUSTER_INFO -> success(request).setBody(registry.clusterInfo().encode());
            case RequestCode.WIPE_WRITE_PERM_OF_BROKER -> success(request).putField(NamesrvAdminHeader.WIPE_TOPIC_COUNT,
                    registry.wipeWritePerm(HeaderFields.required(request, NamesrvAdminHeader.BROKER_NAME)));
            case RequestCode.ADD_WRITE_PERM_OF_BROKER -> success(request).putField(NamesrvAdminHeader.ADD_TOPIC_COUNT,
                    registry.addWritePerm(HeaderFields.required(request, NamesrvAdminHeader.BROKER_NAME)));
            case RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER -> config.get().enableAllTopicList()
                    ? topicList(request, registry.allTopics()) : disabled(request);
            case RequestCode.DELETE_TOPIC_IN_NAMESRV -> deleteTopic(request);
            case RequestCode.REGISTER_TOPIC_IN_NAMESRV -> registerTopic(request);
            case RequestCode.GET_TOPICS_BY_CLUSTER -> config.get().enableTopicList()
                    ? topicList(request, registry.topicsByCluster(HeaderFields.required(request, NamesrvAdminHeader.CLUSTER)))
                    : disabled(request);
            case RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS -> topicList(request, registry.systemTopics());
            case RequestCode.GET_UNIT_TOPIC_LIST -> config.get().enableTopicList()
                    ? topicList(request, registry.unitTopics()) : disabled(request);
            case RequestCode.GET_HAS_UNIT_SUB_TOPIC_LIST -> config.get().enableTopicList()
                    ? topicList(request, registry.hasUnitSubTopics()) : disabled(request);
            case RequestCode.GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST -> config.get().enableTopicList()
                    ? topicList(request, registry.hasUnitSubUnUnitTopics()) : disabled(request);
            case RequestCode.GET_BROKER_MEMBER_GROUP -> success(request).setBody(registry.memberGroup(
                    HeaderFields.required(request, NamesrvAdminHeader.CLUSTER_NAME),
                    HeaderFields.required(request, NamesrvAdminHeader.BROKER_NAME)).encodeResponseBody());
            default -> notSupported(request);
        };
    }

    private static RemotingCommand topicList(RemotingCommand request, TopicList topics) {
        return success(request).setBody(topics.encode());
    }

    /** RocketMQ's answer when a topic listing is switched off by config. */
    private static RemotingCommand disabled(RemotingCommand request) {
        return error(request, ResponseCode.SYSTEM_ERROR, "disable");
    }

    private RemotingCommand deleteTopic(RemotingCommand request) {
        String topic = HeaderFields.required(request, NamesrvAdminHeader.TOPIC);
        String clusterName = request.field(NamesrvAdminHeader.CLUSTER_NAME);
        if (clusterName != null && !clusterName.isEmpty()) {
            registry.deleteTopic(topic, clusterName);
        } else {
            registry.deleteTopic(topic);
        }
        return success(request);
    }

    private RemotingCommand registerTopic(RemotingCommand request) {
        String topic = HeaderFields.required(request, NamesrvAdminHeader.TOPIC);
        byte[] body = request.bodyBytes();
        if (body == null) {
            return success(request);
        }
        List<QueueData> queues;
        try {
            queues = TopicRouteData.decode(body).queueDatas();
        } catch (JsonParseException | JsonTypeException e) {
            return error(request, ResponseCode.SYSTEM_ERROR, "Failed to decode TopicRouteData: " + e.getMessage());
        }
        if (!registry.registerTopic(topic, queues)) {
            return error(request, ResponseCode.SYSTEM_ERROR,
                    "register topic " + topic + " failed: its route names a broker that is not registered");
        }
        return success(request);
    }
}
