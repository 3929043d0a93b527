package org.tidemq.broker.admin;

import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.broker.offset.ConsumerOffsetManager;
import org.tidemq.broker.topic.TopicConfigManager;
import org.tidemq.common.protocol.header.HeaderFields;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;

/**
 * CLONE_GROUP_OFFSET (314, {@code srcGroup}, {@code destGroup}, {@code topic} optional, {@code offline}): copies the
 * source group's committed offsets to the destination group, for one topic or for every topic the source has
 * offsets on. Topics this broker does not know are skipped, as Apache's broker does. The copy is persisted with the
 * other offsets by the offset flusher. Thread-safe.
 */
public final class CloneGroupOffsetProcessor implements RequestProcessor.Sync {
    private static final Logger LOG = LoggerFactory.getLogger(CloneGroupOffsetProcessor.class);

    static final String SRC_GROUP = "srcGroup";
    static final String DEST_GROUP = "destGroup";
    static final String TOPIC = "topic";

    private final TopicConfigManager topics;
    private final ConsumerOffsetManager offsets;

    public CloneGroupOffsetProcessor(TopicConfigManager topics, ConsumerOffsetManager offsets) {
        this.topics = topics;
        this.offsets = offsets;
    }

    @Override
    public RemotingCommand processNow(RequestContext context, RemotingCommand request) {
        try {
            String srcGroup = HeaderFields.required(request, SRC_GROUP);
            String destGroup = HeaderFields.required(request, DEST_GROUP);
            String topic = request.field(TOPIC);
            Set<String> cloned = topic == null || topic.isBlank() ? offsets.whichTopicsByGroup(srcGroup)
                    : Set.of(topic);
            for (String name : cloned) {
                if (topics.select(name) == null) {
                    LOG.warn("CLONE_GROUP_OFFSET {} -> {}: topic {} does not exist here, skipped", srcGroup,
                            destGroup, name);
                    continue;
                }
                offsets.cloneOffset(srcGroup, destGroup, name);
            }
            LOG.info("cloned offsets of {} to {} on {}", srcGroup, destGroup, cloned);
            return RemotingCommand.successTo(request);
        } catch (IllegalArgumentException e) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
    }
}
