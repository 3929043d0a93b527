package org.tidemq.broker.admin;

import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.broker.offset.ConsumerOffsetManager;
import org.tidemq.broker.topic.TopicConfigManager;
import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.protocol.Perm;
import org.tidemq.common.protocol.TopicConfig;
import org.tidemq.common.protocol.TopicFilterType;
import org.tidemq.common.protocol.TopicNames;
import org.tidemq.common.protocol.header.HeaderFields;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.store.MessageStore;

/**
 * UPDATE_AND_CREATE_TOPIC (17), DELETE_TOPIC_IN_BROKER (215), GET_ALL_TOPIC_CONFIG (21) and GET_TOPIC_CONFIG (351).
 *
 * <p>A change is answered only after the topic table is on disk (see {@link TopicConfigManager}); the name servers are
 * then told at once rather than at the next periodic registration, so routes show the change within one round trip.
 * Deleting a topic also drops its consume queues and every group's committed offsets for it. Thread-safe.
 */
public final class TopicAdminProcessor implements RequestProcessor.Sync {
    private static final Logger LOG = LoggerFactory.getLogger(TopicAdminProcessor.class);

    static final String TOPIC = "topic";
    static final String READ_QUEUE_NUMS = "readQueueNums";
    static final String WRITE_QUEUE_NUMS = "writeQueueNums";
    static final String PERM = "perm";
    static final String TOPIC_FILTER_TYPE = "topicFilterType";
    static final String TOPIC_SYS_FLAG = "topicSysFlag";
    static final String ORDER = "order";
    static final String ATTRIBUTES = "attributes";

    private final TopicConfigManager topics;
    private final MessageStore store;
    private final ConsumerOffsetManager offsets;
    private final Runnable registerWithNameServers;

    /**
     * @param registerWithNameServers starts an immediate (asynchronous) registration with every name server
     */
    public TopicAdminProcessor(TopicConfigManager topics, MessageStore store, ConsumerOffsetManager offsets,
                               Runnable registerWithNameServers) {
        this.topics = topics;
        this.store = store;
        this.offsets = offsets;
        this.registerWithNameServers = registerWithNameServers;
    }

    @Override
    public RemotingCommand processNow(RequestContext context, RemotingCommand request) throws IOException {
        try {
            // MissingHeaderFieldException is an IllegalArgumentException: both name the bad field.
            return switch (request.code()) {
                case RequestCode.UPDATE_AND_CREATE_TOPIC -> updateAndCreate(request);
                case RequestCode.DELETE_TOPIC_IN_BROKER -> delete(request);
                case RequestCode.GET_ALL_TOPIC_CONFIG ->
                        RemotingCommand.successTo(request).setBody(topics.buildSerializeWrapper()
                                .encode(IntKeyStyle.UNQUOTED));
                case RequestCode.GET_TOPIC_CONFIG -> topicConfig(request);
                default -> RemotingCommand.responseTo(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                        "request code " + request.code() + " not supported by " + getClass().getSimpleName());
            };
        } catch (IllegalArgumentException e) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
    }

    private RemotingCommand updateAndCreate(RemotingCommand request) throws IOException {
        String topic = HeaderFields.required(request, TOPIC);
        String problem = TopicNames.validate(topic);
        if (problem != null) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "invalid topic '" + topic + "': " + problem);
        }
        if (TopicNames.isSystemTopic(topic)) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "topic '" + topic + "' is a system topic and cannot be created or updated");
        }
        TopicConfig existing = topics.select(topic);
        int readQueueNums = intHeader(request, READ_QUEUE_NUMS, TopicConfig.DEFAULT_QUEUE_NUMS);
        int writeQueueNums = intHeader(request, WRITE_QUEUE_NUMS, TopicConfig.DEFAULT_QUEUE_NUMS);
        int perm = intHeader(request, PERM, Perm.READ_WRITE);
        int topicSysFlag = intHeader(request, TOPIC_SYS_FLAG, 0);
        String filterType = request.field(TOPIC_FILTER_TYPE);
        if (filterType != null && !filterType.equals(TopicFilterType.SINGLE_TAG.name())
                && !filterType.equals(TopicFilterType.MULTI_TAG.name())) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "invalid topicFilterType '" + filterType + "': expected SINGLE_TAG or MULTI_TAG");
        }
        boolean order = Boolean.parseBoolean(request.field(ORDER));
        Map<String, String> attributes = TopicAttributes.apply(
                existing == null ? Map.of() : existing.attributes(), request.field(ATTRIBUTES));
        TopicConfig config = new TopicConfig(topic, readQueueNums, writeQueueNums, perm,
                TopicFilterType.parse(filterType), topicSysFlag, order, attributes);
        if (config.equals(existing)) {
            return RemotingCommand.successTo(request);
        }
        topics.updateTopicConfig(config);
        registerWithNameServers.run();
        return RemotingCommand.successTo(request);
    }

    private RemotingCommand delete(RemotingCommand request) throws IOException {
        String topic = HeaderFields.required(request, TOPIC);
        if (TopicNames.isSystemTopic(topic)) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "topic '" + topic + "' is a system topic and cannot be deleted");
        }
        boolean existed = topics.deleteTopicConfig(topic);
        store.deleteTopic(topic);
        int removedOffsets = offsets.removeOffsetsOfTopic(topic);
        LOG.info("deleted topic {} (was configured: {}), removed {} consumer offset entries", topic, existed,
                removedOffsets);
        if (existed) {
            registerWithNameServers.run();
        }
        return RemotingCommand.successTo(request);
    }

    private RemotingCommand topicConfig(RemotingCommand request) {
        String topic = HeaderFields.required(request, TOPIC);
        TopicConfig config = topics.select(topic);
        if (config == null) {
            return RemotingCommand.responseTo(request, ResponseCode.TOPIC_NOT_EXIST,
                    "no topic '" + topic + "' on this broker");
        }
        return RemotingCommand.successTo(request).setBody(config.encode(IntKeyStyle.UNQUOTED));
    }

    private static int intHeader(RemotingCommand request, String name, int absent) {
        String text = request.field(name);
        if (text == null) {
            return absent;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid " + name + " '" + text + "': not an integer");
        }
    }
}
