package org.tidemq.broker.admin;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.tidemq.broker.offset.ConsumerOffsetManager;
import org.tidemq.common.protocol.TopicList;
import org.tidemq.common.protocol.TopicNames;
import org.tidemq.common.protocol.header.HeaderFields;
import org.tidemq.common.protocol.header.MissingHeaderFieldException;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;

/**
 * Topic lists for tools (facts §4.9), both as {@code {"brokerAddr":…,"topicList":[…]}}:
 * GET_SYSTEM_TOPIC_LIST_FROM_BROKER (305) lists RocketMQ's system topics plus the stock topics this broker created
 * (cluster and broker name, reply topic, …), without brokerAddr; QUERY_TOPICS_BY_CONSUMER (343, header {@code group})
 * lists the topics the group has committed offsets on, with this broker's address. Thread-safe.
 */
public final class TopicListProcessor implements RequestProcessor.Sync {
    /** {@code TopicValidator}'s fixed system topics (5.2.0). */
    static final Set<String> FIXED_SYSTEM_TOPICS = Set.of(TopicNames.AUTO_CREATE_TOPIC_KEY, TopicNames.SCHEDULE_TOPIC,
            TopicNames.BENCHMARK_TOPIC, TopicNames.TRANS_HALF_TOPIC, TopicNames.TRACE_TOPIC,
            TopicNames.TRANS_OP_HALF_TOPIC, TopicNames.TRANS_CHECK_MAX_TIME_TOPIC, TopicNames.SELF_TEST_TOPIC,
            TopicNames.OFFSET_MOVED_EVENT, "CHECKPOINT_TOPIC");

    private final Set<String> systemTopics;
    private final ConsumerOffsetManager offsets;
    private final Supplier<String> brokerAddr;

    /**
     * @param stockTopics the topics this broker creates at start
     * @param brokerAddr  this broker's advertised {@code ip:port}
     */
    public TopicListProcessor(Set<String> stockTopics, ConsumerOffsetManager offsets, Supplier<String> brokerAddr) {
        Set<String> all = new TreeSet<>(FIXED_SYSTEM_TOPICS);
        all.addAll(stockTopics);
        this.systemTopics = Set.copyOf(all);
        this.offsets = offsets;
        this.brokerAddr = brokerAddr;
    }

    @Override
    public RemotingCommand processNow(RequestContext context, RemotingCommand request) {
        return switch (request.code()) {
            case RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_BROKER ->
                    RemotingCommand.successTo(request).setBody(new TopicList(new TreeSet<>(systemTopics)).encode());
            case RequestCode.QUERY_TOPICS_BY_CONSUMER -> topicsByConsumer(request);
            default -> RemotingCommand.responseTo(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "request type " + request.code() + " not supported by " + getClass().getSimpleName());
        };
    }

    private RemotingCommand topicsByConsumer(RemotingCommand request) {
        String group;
        try {
            group = HeaderFields.required(request, "group");
        } catch (MissingHeaderFieldException e) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
        TopicList list = new TopicList(offsets.whichTopicsByGroup(group), brokerAddr.get());
        return RemotingCommand.successTo(request).setBody(list.encode());
    }
}
