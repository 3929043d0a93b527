package org.tidemq.broker.ha.metadata;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.broker.topic.TopicConfigManager;
import org.tidemq.common.protocol.Perm;
import org.tidemq.common.protocol.TopicConfig;
import org.tidemq.store.dispatch.CommitLogDispatcher;
import org.tidemq.store.dispatch.DispatchRequest;

/**
 * Slave only: a replicated message whose topic this slave has no config for (the master created it after the last
 * metadata copy) gets one at once — read-write, with enough queues for every queue id seen — so the slave serves
 * it even if its master dies before the next copy. An existing config with too few queues is widened. The next
 * metadata copy replaces a derived config by the master's.
 *
 * <p>Runs on the store's dispatch thread; touches the topic file only when a topic or queue id is new. A config
 * that cannot be created (invalid name, disk error) is logged and the record still dispatched: ConsumeQueues must
 * not stall behind metadata.
 */
public final class TopicsFromCommitLog implements CommitLogDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(TopicsFromCommitLog.class);
    /** RocketMQ's default queue count, so a typical topic is derived with one file write. */
    static final int MIN_DERIVED_QUEUES = 4;

    private final TopicConfigManager topics;
    private final Runnable onTopicsChanged;

    /** @param onTopicsChanged called after a config was derived (re-register with name servers); must not block */
    public TopicsFromCommitLog(TopicConfigManager topics, Runnable onTopicsChanged) {
        this.topics = topics;
        this.onTopicsChanged = onTopicsChanged;
    }

    @Override
    public void dispatch(DispatchRequest request) {
        TopicConfig existing = topics.select(request.topic());
        int needed = request.queueId() + 1;
        if (existing != null && Math.max(existing.readQueueNums(), existing.writeQueueNums()) >= needed) {
            return;
        }
        try {
            if (existing == null) {
                int queues = Math.max(needed, MIN_DERIVED_QUEUES);
                topics.createTopicIfAbsent(request.topic(), queues, Perm.READ_WRITE, 0);
                LOG.info("topic {} derived from the replicated CommitLog with {} queues", request.topic(), queues);
            } else {
                topics.updateTopicConfig(new TopicConfig(existing.topicName(), needed, needed, existing.perm(),
                        existing.topicFilterType(), existing.topicSysFlag(), existing.order(),
                        existing.attributes()));
                LOG.info("topic {} widened to {} queues for a replicated message", request.topic(), needed);
            }
            onTopicsChanged.run();
        } catch (IOException | IllegalArgumentException e) {
            LOG.error("cannot derive a config for topic {} (queue {}) from the replicated CommitLog",
                    request.topic(), request.queueId(), e);
        }
    }
}
